package dev.hookbridge.faults.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap WildFly uses after a full garbage collection, read with the JDK's own diagnostic command
 * tool (jcmd, over the attach API) from the server process this JVM started.
 */
public final class Heap {

    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private Heap() {
    }

    /** Runs a full GC in the server and answers the heap in use afterwards, in MiB. */
    public static long usedAfterGcMiB(Path serverBase) {
        long pid = serverPid(serverBase);
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    /** The WildFly JVM whose base folder this is: a child process of this JVM. */
    private static long serverPid(Path serverBase) {
        String marker = "-Djboss.server.base.dir=" + serverBase.toAbsolutePath();
        Optional<ProcessHandle> server = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker + " ") || c.endsWith(marker)).orElse(false))
                .findFirst();
        return server.orElseThrow(() -> new IllegalStateException("no WildFly process with " + marker)).pid();
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
