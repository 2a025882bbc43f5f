package dev.hookbridge.testsupport;

import dev.hookbridge.stack.ArtemisBroker;
import dev.hookbridge.stack.Credentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A test broker's management API over HTTP (Jolokia, under the web console), as ops tools and the
 * console itself call it, logged in as the console's administrator. Any error fails the caller.
 */
public final class BrokerManagement {

    /** The broker's own MBean (addSecuritySettings, listPreparedTransactions, …). */
    public static final String BROKER_MBEAN = "org.apache.activemq.artemis:broker=\"hookbridge\"";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final URI console;

    public BrokerManagement(ArtemisBroker broker) {
        this.console = URI.create(broker.consoleUrl());
    }

    /** The MBean of an anycast queue on its own address (Hookbridge's queues are declared so). */
    public static String queueMBean(String queue) {
        return "org.apache.activemq.artemis:broker=\"hookbridge\",component=addresses,address=\"" + queue
                + "\",subcomponent=queues,routing-type=\"anycast\",queue=\"" + queue + "\"";
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

    /**
     * Lets a role create, use and remove one subscription of a topic (its queue, by fully qualified
     * name), as artemis-config/README.md tells ops to; the broker keeps the entry across restarts.
     */
    public void grantSubscription(String topic, String queue, String role) {
        exec(BROKER_MBEAN, "addSecuritySettings(java.lang.String,java.lang.String,java.lang.String,java.lang.String,"
                        + "java.lang.String,java.lang.String,java.lang.String,java.lang.String,java.lang.String,"
                        + "java.lang.String,java.lang.String)",
                // match, send, consume, createDurableQueue, deleteDurableQueue, createNonDurableQueue,
                // deleteNonDurableQueue, manage, browse, createAddress, deleteAddress
                List.of(topic + "::" + queue, "", role, role, role, "", "", "", role, "", ""));
    }

    /** Removes what {@link #grantSubscription} added. */
    public void revokeSubscription(String topic, String queue) {
        exec(BROKER_MBEAN, "removeSecuritySettings(java.lang.String)", List.of(topic + "::" + queue));
    }

    /** The XA transactions the broker holds prepared (in doubt) until a transaction manager resolves them, one description (with its Xid) each. */
    public List<String> preparedTransactions() {
        return exec(BROKER_MBEAN, "listPreparedTransactions()", List.of()).asJsonArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Reads an attribute of an MBean. */
    public JsonValue read(String mbean, String attribute) {
        JsonObject request = Json.createObjectBuilder().add("type", "read").add("mbean", mbean)
                .add("attribute", attribute).build();
        return call(request, "read " + attribute);
    }

    /** Runs an operation of an MBean and returns its result. */
    public JsonValue exec(String mbean, String operation, List<Object> arguments) {
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

    private JsonValue call(JsonObject request, String what) {
        String credentials = Credentials.BROKER_ADMIN + ":" + Credentials.BROKER_ADMIN_PASSWORD;
        HttpRequest post = HttpRequest.newBuilder(console.resolve(console.getPath() + "/jolokia/"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                // Jolokia refuses requests without an Origin it allows (etc/jolokia-access.xml), as a browser
                // on the console's own page would send.
                .header("Origin", console.getScheme() + "://" + console.getAuthority())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Jolokia " + what + " on " + request.getString("mbean"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonObject reply = response.statusCode() == 200
                ? Json.createReader(new StringReader(response.body())).readObject() : null;
        if (reply == null || reply.getInt("status", 0) != 200) {
            throw new IllegalStateException("Jolokia " + what + " on " + request.getString("mbean") + " failed: "
                    + response.statusCode() + " " + response.body());
        }
        return reply.get("value");
    }
}
