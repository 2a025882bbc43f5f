package dev.hookbridge.faults.support;

import dev.hookbridge.stack.Credentials;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * The broker's management operations over its console's Jolokia endpoint, as ops reach them: here
 * the XA transactions the broker holds prepared (in doubt) until a transaction manager resolves them.
 */
public final class BrokerManagement {

    private static final String BROKER_MBEAN = "org.apache.activemq.artemis:broker=\"hookbridge\"";

    private BrokerManagement() {
    }

    /** The prepared XA transactions, one description (with its Xid) each. */
    public static List<String> preparedTransactions() {
        String url = FaultStack.get().broker().consoleUrl() + "/jolokia/";
        String request = Json.createObjectBuilder().add("type", "exec").add("mbean", BROKER_MBEAN)
                .add("operation", "listPreparedTransactions()").build().toString();
        Web.Answer answer = Web.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", Web.basic(Credentials.BROKER_ADMIN, Credentials.BROKER_ADMIN_PASSWORD))
                .header("Origin", "http://localhost")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build());
        if (answer.status() != 200) {
            throw new IllegalStateException("Jolokia answered " + answer);
        }
        JsonObject reply = Json.createReader(new StringReader(answer.body())).readObject();
        if (reply.getInt("status", 0) != 200) {
            throw new IllegalStateException("listPreparedTransactions failed: " + answer.body());
        }
        return reply.getJsonArray("value").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
