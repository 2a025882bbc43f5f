package dev.hookbridge.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The dev run ({@code mvn -Prun verify}): starts PostgreSQL, Artemis and WildFly with Hookbridge on
 * the standard ports, with a demo source and the demo users, prints how to use it, and keeps running
 * until Ctrl-C, which stops all of it. Data is kept in stack/target/dev between runs.
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
        Stack stack = Stack.start(layout, Ports.DEV, true, properties);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        printBanner(stack, demoKey, seconds);
        new CountDownLatch(1).await();
    }

    private static void defaultUnlessInEnvironment(Map<String, String> properties, String key, String value) {
        String env = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        if (System.getenv(env) == null) {
            properties.put(key, value);
        }
    }

    private static void printBanner(Stack stack, String demoKey, long seconds) {
        String base = stack.wildfly().baseUrl();
        Path work = stack.layout().work();
        String send = "body='{\"type\":\"demo.ping\",\"data\":{\"hello\":\"world\"}}'; id=\"msg_$(date +%s%N)\"; ts=$(date +%s); "
                + "sig=$(printf '%s' \"$id.$ts.$body\" | openssl dgst -sha256 -mac HMAC -macopt hexkey:" + Stack.hex(demoKey)
                + " -binary | base64); curl -sS " + base + "/webhooks/demo -H 'content-type: application/json' "
                + "-H \"webhook-id: $id\" -H \"webhook-timestamp: $ts\" -H \"webhook-signature: v1,$sig\" --data-raw \"$body\"; echo";
        System.out.println("""

                ================================================================================
                 Hookbridge is running (started in %d s). Ctrl-C stops everything.

                 Webhooks     POST %s/webhooks/{source}     (demo source: "demo", scheme standard)
                 API          %s/api/sources, %s/api/inbox
                              users admin/admin (hookbridge-admin), viewer/viewer (hookbridge-viewer)
                 Health       http://localhost:%d/health/ready
                 Broker       %s  (console: %s, admin/admin)
                 PostgreSQL   %s  (hookbridge/hookbridge)
                 Data, logs   %s

                 Send a correctly signed webhook (run it as often as you like):

                %s

                 Then look at it:  curl -u admin:admin %s/api/inbox
                ================================================================================
                """.formatted(seconds, base, base, base, stack.ports().management(), stack.broker().url(),
                stack.broker().consoleUrl(), stack.postgres().jdbcUrl(), work, send, base));
    }
}
