package dev.hookbridge.it.support;

import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.stack.Ports;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.StackLayout;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.TestPorts;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The one stack of a test run: started on first use with fresh data on the test ports, stopped by
 * the stack's shutdown hook when the test JVM exits, whether the tests passed or not.
 *
 * The EAR under test is the production EAR plus {@link TestEventHandlers} in its EJB module: in-app
 * observers that fail on purpose for chosen event types, to drive redelivery and the DLQ.
 */
public final class TestStack {

    private static final String ARQUILLIAN_MANAGEMENT_PORT = "arq.container.wildfly-remote.configuration.managementPort";

    /** The test broker's limits of webhooks.events and webhooks.outbound.dead (in memory, then paged on disk). */
    public static final String TOPIC_MEMORY_LIMIT = "1MiB";
    public static final String TOPIC_PAGE_LIMIT = "32MiB";

    private static Stack stack;
    private static TraceCollector traces;

    private TestStack() {
    }

    public static synchronized Stack get() {
        if (stack == null) {
            StackLayout layout = StackLayout.fromSystemProperties();
            layout.emptyWork();
            Path ear = earWithTestHandlers(layout.ear(), layout.work().resolve("hookbridge.ear"));
            traces = TraceCollector.start();
            Runtime.getRuntime().addShutdownHook(new Thread(traces::close));
            // fsync off: these tests check behaviour, not durability across power loss.
            // Loopback receivers, and a short retry schedule (3 delays, 4 attempts) so outbound
            // retry and DEAD tests take seconds instead of hours.
            stack = Stack.start(layout.withEar(ear), ports(), false, Map.ofEntries(
                    Map.entry("hookbridge.delivery.allow-private-networks", "true"),
                    Map.entry("hookbridge.delivery.retry-schedule", "PT1S,PT1S,PT2S"),
                    Map.entry("hookbridge.delivery.timeout", "PT5S"),
                    // The purge timer must not race RetentionPurgeIT, which back-dates rows by 40 days
                    // and calls the purge itself with a 30-day cut-off.
                    Map.entry("hookbridge.retention.age", "P3650D"),
                    // Traces on, as docs/configuration.md turns them on, exported at once over OTLP/HTTP
                    // to this run's collector.
                    Map.entry("otel.traces.sampler", "parentbased_always_on"),
                    Map.entry("otel.exporter.otlp.protocol", "http/protobuf"),
                    Map.entry("otel.exporter.otlp.endpoint", traces.endpoint()),
                    Map.entry("otel.bsp.schedule.delay", "100")),
                    // Small topic limits, so BrokerLimitsIT reaches them with tens of thousands of messages
                    // rather than millions; the policy is broker.xml's. Redeliveries 0.1 s apart, doubling
                    // (1.5 s in all instead of 15 s), so the tests that make processing fail up to the
                    // DLQ take seconds; the delivery limit is broker.xml's.
                    Map.of("hookbridge.broker.topic-memory-limit", TOPIC_MEMORY_LIMIT,
                            "hookbridge.broker.topic-page-limit", TOPIC_PAGE_LIMIT,
                            "hookbridge.broker.redelivery-delay", "100"));
            // The stop runs at the JVM's exit, after the reports are written: its times go to a file of their own.
            Path stopLog = layout.work().resolve("stack-stop.log");
            stack.reportStopsTo(line -> appendLine(stopLog, line));
            // Arquillian's in-container tests reach WildFly through its management port, which moves
            // with the port shift; StackExtension runs before Arquillian reads its configuration.
            System.setProperty(ARQUILLIAN_MANAGEMENT_PORT,
                    System.getProperty(ARQUILLIAN_MANAGEMENT_PORT, String.valueOf(ports().management())));
        }
        return stack;
    }

    /** The test ports, moved by HOOKBRIDGE_TEST_PORT_SHIFT when two test runs share a machine. */
    private static Ports ports() {
        return TestPorts.offsetBy(0);
    }

    /** Where the test server exports its traces. */
    public static TraceCollector traces() {
        get();
        return traces;
    }

    public static String baseUrl() {
        return get().wildfly().baseUrl();
    }

    /** The test broker's management API, as ops reach it. */
    public static BrokerManagement brokerManagement() {
        return new BrokerManagement(get().broker());
    }

    private static void appendLine(Path file, String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + line);
        }
    }

    private static Path earWithTestHandlers(Path ear, Path target) {
        EnterpriseArchive archive = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear.toFile());
        JavaArchive ejb = archive.getAsType(JavaArchive.class, "hookbridge-ejb.jar");
        ejb.addClass(TestEventHandlers.class);
        archive.delete("hookbridge-ejb.jar");
        archive.add(ejb, "/", ZipExporter.class);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        archive.as(ZipExporter.class).exportTo(target.toFile(), true);
        return target;
    }
}
