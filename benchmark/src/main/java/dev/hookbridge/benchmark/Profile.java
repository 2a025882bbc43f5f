package dev.hookbridge.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where WildFly's time went in a flight recording: the share of CPU samples (jdk.ExecutionSample)
 * whose stack passes through each area (a sample may count in several), the hottest methods on top
 * of the stack, and what the threads doing the work waited for (parks, socket reads and monitor
 * waits over the recording's thresholds, summed per call site).
 */
final class Profile {

    /** Areas by the package prefixes of their frames; the first matching prefix names the area. */
    private static final Map<String, List<String>> AREAS = areas();

    private Profile() {
    }

    private static Map<String, List<String>> areas() {
        Map<String, List<String>> areas = new LinkedHashMap<>();
        areas.put("Hookbridge code", List.of("dev.hookbridge."));
        areas.put("transaction manager (Narayana)", List.of("com.arjuna.", "org.jboss.jbossts.", "org.jboss.narayana."));
        areas.put("JDBC driver + pool (PostgreSQL, IronJacamar)", List.of("org.postgresql.", "org.jboss.jca."));
        areas.put("JMS client (Artemis, RA)", List.of("org.apache.activemq.", "org.wildfly.extension.messaging"));
        areas.put("JPA (Hibernate)", List.of("org.hibernate."));
        areas.put("JAX-RS (RESTEasy)", List.of("org.jboss.resteasy."));
        areas.put("HTTP server (Undertow)", List.of("io.undertow."));
        areas.put("EJB/CDI container", List.of("org.jboss.as.ejb3.", "org.jboss.weld.", "org.jboss.invocation."));
        areas.put("logging", List.of("org.jboss.logmanager.", "org.jboss.logging.", "java.util.logging."));
        areas.put("JSON (Yasson, Parsson)", List.of("org.eclipse.yasson.", "org.eclipse.parsson."));
        areas.put("crypto (HMAC, SHA, TLS)", List.of("javax.crypto.", "sun.security.", "com.sun.crypto."));
        areas.put("HTTP client (Apache HttpClient 5)", List.of("org.apache.hc."));
        return areas;
    }

    /** Wait events, and the frames that only say how a thread waits (not what for). */
    private static final List<String> WAITS = List.of("jdk.ThreadPark", "jdk.SocketRead", "jdk.JavaMonitorEnter");
    private static final List<String> WAIT_PLUMBING = List.of("java.", "jdk.", "sun.", "org.postgresql.core.", "org.postgresql.jdbc.", "org.postgresql.ds.", "org.jboss.jca.adapters.jdbc.Wrapped",
            "org.apache.activemq.artemis.core.protocol.", "org.apache.activemq.artemis.utils.", "org.apache.hc.core5.",
            "org.jboss.threads.");

    /**
     * @param workerThreads parts of the names of the threads whose waits count (request threads, MDB
     *                      threads, the dispatcher's executor), each summed apart; idle pool threads
     *                      of other names do not count
     */
    static Map<String, Object> summarize(Path recording, int topMethods, List<String> workerThreads) {
        Map<String, Long> areaSamples = new LinkedHashMap<>();
        Map<String, Long> topFrames = new java.util.HashMap<>();
        Map<String, Map<String, Double>> waitsByThreads = new LinkedHashMap<>();
        workerThreads.forEach(t -> waitsByThreads.put(t, new java.util.HashMap<>()));
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (WAITS.contains(type)) {
                    String thread = event.getThread() == null ? null : event.getThread().getJavaName();
                    String group = thread == null || event.getStackTrace() == null ? null
                            : workerThreads.stream().filter(thread::contains).findFirst().orElse(null);
                    // A wait with no frame outside the plumbing is an idle pool thread: not counted.
                    String site = group == null ? null : event.getStackTrace().getFrames().stream().map(Profile::name)
                            .filter(n -> WAIT_PLUMBING.stream().noneMatch(n::startsWith)).findFirst().orElse(null);
                    if (site != null) {
                        waitsByThreads.get(group).merge(type.substring(4) + " in " + site,
                                event.getDuration().toNanos() / 1e9, Double::sum);
                    }
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                RecordedStackTrace stack = event.getStackTrace();
                List<RecordedFrame> frames = stack.getFrames();
                if (!frames.isEmpty()) {
                    topFrames.merge(name(frames.get(0)), 1L, Long::sum);
                }
                for (Map.Entry<String, List<String>> area : AREAS.entrySet()) {
                    boolean hit = frames.stream().anyMatch(f -> area.getValue().stream().anyMatch(name(f)::startsWith));
                    if (hit) {
                        areaSamples.merge(area.getKey(), 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long total = Math.max(1, samples);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("recording", recording.toString());
        summary.put("cpuSamples", samples);
        Map<String, Object> areas = new LinkedHashMap<>();
        areaSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> areas.put(e.getKey(), LoadResult.round(100.0 * e.getValue() / total)));
        summary.put("percentOfSamplesByArea", areas);
        summary.put("percentOfSamplesByTopMethod", topFrames.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(topMethods)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> LoadResult.round(100.0 * e.getValue() / total),
                        (a, b) -> a, LinkedHashMap::new)));
        waitsByThreads.forEach((threads, waits) -> summary.put("waitSecondsBySite, threads named *" + threads + "*",
                waits.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(topMethods)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> LoadResult.round(e.getValue()), (a, b) -> a,
                                LinkedHashMap::new))));
        return summary;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
