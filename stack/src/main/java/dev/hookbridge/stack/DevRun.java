package dev.hookbridge.stack;

import sun.misc.Signal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dev run ({@code mvn -Prun verify}): starts PostgreSQL, Artemis and WildFly with Hookbridge on
 * the standard ports, with a demo source and the demo users, prints how to use it, and keeps running
 * until Ctrl-C, which stops all of it in order, saying what it stops. Data is kept in stack/target/dev
 * between runs. With {@code -Dhookbridge.broker-pair} the broker is an Artemis primary/backup pair
 * (artemis-config/README.md, "A primary/backup pair"); with {@code -Dhookbridge.cluster} two WildFly
 * nodes run on that pair behind a load balancer.
 */
public final class DevRun {

    private DevRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackLayout layout = StackLayout.fromSystemProperties();
        String demoKey = Stack.persistentSecret(layout.work().resolve("demo-source.key"), 24);
        Map<String, String> properties = new LinkedHashMap<>();
        // Configuration set in the environment wins: system properties would otherwise override it.
        defaultUnlessInEnvironment(properties, "hookbridge.delivery.allow-private-networks", "true");
        defaultUnlessInEnvironment(properties, "hookbridge.bootstrap.sources",
                "[{\"name\":\"demo\",\"scheme\":\"standard\",\"secrets\":[\"whsec_" + demoKey + "\"]}]");

        long started = System.nanoTime();
        // A second dev run (or the test of this one) beside the first moves all its ports.
        Ports ports = Ports.DEV.shifted(Integer.getInteger("hookbridge.stack.port-shift", 0));
        Stack stack;
        if (Boolean.getBoolean("hookbridge.cluster")) {
            stack = Stack.startCluster(layout, ports, true, properties);
        } else if (Boolean.getBoolean("hookbridge.broker-pair")) {
            stack = Stack.startWithBrokerPair(layout, ports, true, properties);
        } else {
            stack = Stack.start(layout, ports, true, properties);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        stack.reportStopsTo(System.out::println);
        stopOnCtrlC(stack);
        printBanner(stack, demoKey, seconds);
        new CountDownLatch(1).await();
    }

    /**
     * The servers run in sessions of their own, so Ctrl-C reaches only this JVM: the first one stops
     * them in order (the stack's shutdown hook, started by exiting), a second one kills them at once.
     */
    private static void stopOnCtrlC(Stack stack) {
        AtomicBoolean stopping = new AtomicBoolean();
        Signal.handle(new Signal("INT"), signal -> {
            if (stopping.compareAndSet(false, true)) {
                System.out.println();
                System.out.println("Ctrl-C: stopping Hookbridge (Ctrl-C again kills everything at once) ...");
                // exit() waits for the shutdown hooks, so it runs on a thread of its own, not the signal's.
                new Thread(() -> System.exit(0), "dev-run-exit").start();
            } else {
                System.out.println("Ctrl-C again: killing every server now.");
                stack.kill();
                Runtime.getRuntime().halt(130);
            }
        });
    }

    private static void defaultUnlessInEnvironment(Map<String, String> properties, String key, String value) {
        String env = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        if (System.getenv(env) == null) {
            properties.put(key, value);
        }
    }

    private static void printBanner(Stack stack, String demoKey, long seconds) {
        // In a cluster everything goes through the load balancer, as it would in production.
        String base = stack.balancer().map(LoadBalancer::baseUrl).orElse(stack.wildfly().baseUrl());
        String management = stack.wildfly().managementUrl();
        Path work = stack.layout().work();
        String send = "body='{\"type\":\"demo.ping\",\"data\":{\"hello\":\"world\"}}'; id=\"msg_$(date +%s%N)\"; ts=$(date +%s); "
                + "sig=$(printf '%s' \"$id.$ts.$body\" | openssl dgst -sha256 -mac HMAC -macopt hexkey:" + Stack.hex(demoKey)
                + " -binary | base64); curl -sS " + base + "/webhooks/demo -H 'content-type: application/json' "
                + "-H \"webhook-id: $id\" -H \"webhook-timestamp: $ts\" -H \"webhook-signature: v1,$sig\" --data-raw \"$body\"; echo";
        System.out.println("""

                ================================================================================
                 Hookbridge is running (started in %d s). Ctrl-C stops everything.

                 Dashboard    %s/dashboard/     (also at %s/)
                              users admin/admin (hookbridge-admin), viewer/viewer (hookbridge-viewer)
                 Webhooks     POST %s/webhooks/{source}     (demo source: "demo", scheme standard)
                 API          %s/api/inbox, /api/sources, /api/endpoints, /api/events, /api/deliveries
                 OpenAPI      %s/openapi
                 Health       %s/health/ready, %s/health/live
                 Metrics      %s/metrics     (Prometheus text)
                 Broker       %s, admin/admin
                 PostgreSQL   %s  (hookbridge/hookbridge)
                 Traces       %s
                 Data, logs   %s%s

                 Send a correctly signed webhook (run it as often as you like):

                %s

                 Then look at it (the inbox lists the newest first):
                   curl -u admin:admin '%s/api/inbox?limit=1'
                ================================================================================
                """.formatted(seconds, base, base, base, base, base, management, management, management,
                brokers(stack), stack.postgres().jdbcUrl(), traces(stack), work, cluster(stack), send, base));
    }

    private static String cluster(Stack stack) {
        if (stack.balancer().isEmpty()) {
            return "";
        }
        StringBuilder nodes = new StringBuilder(stack.wildfly().baseUrl());
        stack.otherNodes().forEach(node -> nodes.append(", ").append(node.baseUrl()));
        return "\n Cluster      the load balancer " + stack.balancer().get().baseUrl() + " in front of the nodes " + nodes
                + "\n              (health and metrics above are the first node's); drain a node before stopping it:"
                + "\n              curl -X POST http://localhost:" + stack.balancer().get().controlPort() + "/nodes/{httpPort}/drain"
                + "  (/ready to end it, GET /nodes)";
    }

    private static String brokers(Stack stack) {
        String primary = stack.broker().url() + " (console " + stack.broker().consoleUrl() + ")";
        return stack.backupBroker()
                .map(backup -> "primary " + primary + ", backup " + backup.url() + " (console " + backup.consoleUrl() + ")")
                .orElse(primary);
    }

    /**
     * Where WildFly sends its traces: it inherits this run's environment, where the OpenTelemetry
     * variables of docs/configuration.md ("Traces") choose the server configuration with traces and
     * override its sampler (off) and endpoint.
     */
    private static String traces(Stack stack) {
        if (!stack.wildfly().traced()) {
            return "off (OTEL_TRACES_SAMPLER=parentbased_always_on and OTEL_EXPORTER_OTLP_ENDPOINT turn them on, see docs/configuration.md)";
        }
        String sampler = System.getenv("OTEL_TRACES_SAMPLER");
        String protocol = System.getenv().getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        String endpoint = System.getenv().getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317");
        return "sampler " + sampler + ", OTLP (" + protocol + ") to " + endpoint;
    }
}
