package dev.hookbridge.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cluster's processes as the operating system sees them, each by name, and the CPU seconds each
 * has used (read as {@link StackProcesses} reads them). A cluster runs several JVMs of the same kind,
 * so each is told apart by an argument only it has: a WildFly node by its base folder, an Artemis
 * broker by its port, the balancer by its main class.
 */
final class ClusterProcesses {

    static final String FIRST_NODE = "node 1 WildFly";
    static final String SECOND_NODE = "node 2 WildFly";
    static final String POSTGRESQL = "PostgreSQL";
    static final String PRIMARY_BROKER = "Artemis primary";
    static final String BACKUP_BROKER = "Artemis backup";
    static final String BALANCER = "load balancer";
    static final String BENCHMARK_JVM = "benchmark JVM (load, receiver)";

    private final Map<String, Long> pids = new LinkedHashMap<>();

    private ClusterProcesses() {
    }

    /** What to look for: the name a process gets in the figures and an argument of its command line only it has. */
    record Wanted(String name, Predicate<String> argument) {

        static Wanted wildFly(String name, Path baseFolder) {
            String wanted = "-Djboss.server.base.dir=" + baseFolder.toAbsolutePath();
            return new Wanted(name, wanted::equals);
        }

        static Wanted artemis(String name, int port) {
            String wanted = "-Dhookbridge.broker.port=" + port;
            return new Wanted(name, wanted::equals);
        }

        static Wanted mainClass(String name, String className) {
            return new Wanted(name, className::equals);
        }
    }

    /**
     * Finds each wanted process among this JVM's descendants (a launcher script may stand between),
     * and PostgreSQL's postmaster by its pid file; fails naming what it could not find.
     */
    static ClusterProcesses find(List<Wanted> wanted, Path postgresDir) {
        ClusterProcesses found = new ClusterProcesses();
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        for (Wanted w : wanted) {
            long pid = descendants.stream()
                    .filter(p -> Arrays.stream(arguments(p.pid())).anyMatch(w.argument()))
                    .mapToLong(ProcessHandle::pid)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no process of the benchmark's for " + w.name()));
            found.pids.put(w.name(), pid);
        }
        try {
            found.pids.put(POSTGRESQL, Long.parseLong(Files.readAllLines(postgresDir.resolve("data/postmaster.pid")).get(0).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * CPU seconds used so far by each process with its descendants (PostgreSQL's exited backends
     * included), and by this JVM, the load generator and receiver.
     */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, StackProcesses.tree(pid) / StackProcesses.TICKS));
        cpu.put(BENCHMARK_JVM, StackProcesses.ticks(ProcessHandle.current().pid(), false) / StackProcesses.TICKS);
        return cpu;
    }

    private static String[] arguments(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0");
        } catch (IOException e) {
            return new String[0]; // ended meanwhile
        }
    }
}
