package dev.hookbridge.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The test broker's management API: over HTTP (Jolokia, under the web console), as ops tools and
 * the console itself call it, logged in as the console's administrator; and by request and reply
 * messages on {@code activemq.management}, as the application calls it, as any broker user.
 */
public final class BrokerManagement {

    private BrokerManagement() {
    }

    /** The MBean of an anycast queue on its own address (Hookbridge's queues are declared so). */
    public static String queueMBean(String queue) {
        return "org.apache.activemq.artemis:broker=\"hookbridge\",component=addresses,address=\"" + queue
                + "\",subcomponent=queues,routing-type=\"anycast\",queue=\"" + queue + "\"";
    }

    /** The broker's own MBean (addSecuritySettings, …). */
    public static final String BROKER_MBEAN = "org.apache.activemq.artemis:broker=\"hookbridge\"";

    /**
     * Lets a role create, use and remove one subscription of a topic (its queue, by fully qualified
     * name), as artemis-config/README.md tells ops to; the broker keeps the entry across restarts.
     */
    public static void grantSubscription(String topic, String queue, String role) {
        exec(BROKER_MBEAN, "addSecuritySettings(java.lang.String,java.lang.String,java.lang.String,java.lang.String,"
                        + "java.lang.String,java.lang.String,java.lang.String,java.lang.String,java.lang.String,"
                        + "java.lang.String,java.lang.String)",
                // match, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
                // deleteNonDurableQueue, manage, browse, createAddress, deleteAddress
                List.of(topic + "::" + queue, "", role, role, role, "", "", "", role, "", ""));
    }

    /** Removes what {@link #grantSubscription} added. */
    public static void revokeSubscription(String topic, String queue) {
        exec(BROKER_MBEAN, "removeSecuritySettings(java.lang.String)", List.of(topic + "::" + queue));
    }

    /** The MBean of an address (Paging, AddressSize, …). */
    public static String addressMBean(String address) {
        return "org.apache.activemq.artemis:broker=\"hookbridge\",component=addresses,address=\"" + address + "\"";
    }

    /** The MBean of a multicast subscription queue of a topic. */
    public static String subscriptionMBean(String topic, String queue) {
        return "org.apache.activemq.artemis:broker=\"hookbridge\",component=addresses,address=\"" + topic
                + "\",subcomponent=queues,routing-type=\"multicast\",queue=\"" + queue + "\"";
    }

    /** Reads an attribute of an MBean; fails the test on any error. */
    public static JsonValue read(String mbean, String attribute) {
        JsonObject request = Json.createObjectBuilder().add("type", "read").add("mbean", mbean)
                .add("attribute", attribute).build();
        return call(request, "read " + attribute);
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
        return call(request, operation);
    }

    private static JsonValue call(JsonObject request, String what) {
        String mbean = request.getString("mbean");
        URI console = URI.create(TestStack.get().broker().consoleUrl());
        // Jolokia refuses requests without an Origin it allows (etc/jolokia-access.xml), as a browser
        // on the console's own page would send.
        Reply reply = Http.as("admin", "admin").at(console.toString())
                .header("Origin", console.getScheme() + "://" + console.getAuthority())
                .post("/jolokia/", "application/json", request.toString().getBytes(StandardCharsets.UTF_8));
        if (reply.status() != 200 || reply.json().getInt("status") != 200) {
            throw new IllegalStateException("Jolokia " + what + " on " + mbean + " failed: " + reply);
        }
        return reply.json().get("value");
    }
}
