package dev.hookbridge.stack;

import java.time.Duration;

/** A server this JVM started and owns: stopped gracefully (SIGTERM, then SIGKILL after a grace period) or killed. */
abstract class ChildProcess implements AutoCloseable {

    private final Duration grace;
    protected Process process;

    protected ChildProcess(Duration grace) {
        this.grace = grace;
    }

    /** Whether the server's process is alive (started by this JVM and not ended). */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the server gracefully: SIGTERM runs its shutdown hooks; SIGKILL if it outlasts the grace period. */
    public void stop() {
        Processes.stop(process, grace);
        process = null;
    }

    /** Kills the server at once, as a crash would (for fault tests). */
    public void kill() {
        Processes.kill(process);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
