package dev.hookbridge.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The test broker's management API over HTTP (Jolokia, under the web console), as ops tools and
 * the console itself call it, logged in as the console's administrator.
 */
public final class BrokerManagement {

    private BrokerManagement() {
    }

    /** The MBean of an anycast queue on its own address (Hookbridge's queues are declared so). */
    public static String queueMBean(String queue) {
        return "org.apache.activemq.artemis:broker=\"hookbridge\",component=addresses,address=\"" + queue
                + "\",subcomponent=queues,routing-type=\"anycast\",queue=\"" + queue + "\"";
    }

    /** Runs an operation of an MBean and returns its result; fails the test on any error. */
    public static JsonValue exec(String mbean, String operation, List<Object> arguments) {
        var args = Json.createArrayBuilder();
        arguments.forEach(a -> {
            if (a instanceof Number n) {
                args.add(n.longValue());
            } else {
                args.add(String.valueOf(a));
            }
        });
        JsonObject request = Json.createObjectBuilder().add("type", "exec").add("mbean", mbean)
                .add("operation", operation).add("arguments", args).build();
        URI console = URI.create(TestStack.get().broker().consoleUrl());
        // Jolokia refuses requests without an Origin it allows (etc/jolokia-access.xml), as a browser
        // on the console's own page would send.
        Reply reply = Http.as("admin", "admin").at(console.toString())
                .header("Origin", console.getScheme() + "://" + console.getAuthority())
                .post("/jolokia/", "application/json", request.toString().getBytes(StandardCharsets.UTF_8));
        if (reply.status() != 200 || reply.json().getInt("status") != 200) {
            throw new IllegalStateException("Jolokia " + operation + " on " + mbean + " failed: " + reply);
        }
        return reply.json().get("value");
    }
}
