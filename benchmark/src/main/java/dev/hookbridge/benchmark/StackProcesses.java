package dev.hookbridge.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stack's processes as the operating system sees them: CPU time from /proc/<pid>/stat
 * (PostgreSQL is the postmaster plus its backends, live and exited), and WildFly's heap and flight
 * recordings through the JDK's jcmd.
 */
final class StackProcesses {

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    static final double TICKS = 100.0;
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final long wildfly;
    private final long artemis;
    private final long postmaster;

    StackProcesses(Path postgresDir) {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        this.wildfly = find(children, "jboss-modules.jar", null);
        this.artemis = find(children, "artemis", "jboss-modules.jar");
        try {
            this.postmaster = Long.parseLong(Files.readAllLines(postgresDir.resolve("data/postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long wildflyPid() {
        return wildfly;
    }

    /** CPU seconds used so far by WildFly, PostgreSQL, Artemis and this JVM (the load generator). */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("WildFly", tree(wildfly) / TICKS);
        cpu.put("PostgreSQL", tree(postmaster) / TICKS);
        cpu.put("Artemis", tree(artemis) / TICKS);
        cpu.put("benchmark JVM (load, receiver)", ticks(ProcessHandle.current().pid(), false) / TICKS);
        return cpu;
    }

    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((k, v) -> used.put(k, v - before.getOrDefault(k, 0.0)));
        return used;
    }

    /** WildFly's heap (total, used) in MiB as G1 reports it. */
    long[] heapMiB() {
        Matcher m = HEAP.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no heap figures in jcmd GC.heap_info");
        }
        return new long[] {Long.parseLong(m.group(1)) / 1024, Long.parseLong(m.group(2)) / 1024};
    }

    void fullGc() {
        jcmd("GC.run");
    }

    void startRecording(Path file) {
        jcmd("JFR.start", "name=benchmark", "settings=profile", "filename=" + file.toAbsolutePath());
    }

    void stopRecording() {
        jcmd("JFR.stop", "name=benchmark");
    }

    private String jcmd(String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> full = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(wildfly)));
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long find(List<ProcessHandle> children, String commandPart, String notPart) {
        return children.stream()
                .filter(p -> commandLine(p.pid()).contains(commandPart))
                .filter(p -> notPart == null || !commandLine(p.pid()).contains(notPart))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no child process whose command line contains " + commandPart));
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** The process's own ticks including its waited-for children, plus its live descendants' own ticks. */
    static long tree(long pid) {
        long total = ticks(pid, true);
        try (Stream<ProcessHandle> descendants = ProcessHandle.of(pid).map(ProcessHandle::descendants).orElse(Stream.empty())) {
            total += descendants.mapToLong(d -> ticks(d.pid(), false)).sum();
        }
        return total;
    }

    static long ticks(long pid, boolean withExitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name in parentheses: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withExitedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }
}
