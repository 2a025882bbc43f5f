package dev.hookbridge.it;

import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Problems;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.stack.WildFlyServer;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node of its own with the guards the test stack's main node leaves off: the SSRF guard as
 * production has it (private networks refused; the main node allows them so that tests can use
 * loopback receivers), and a catalog that every published type must be in.
 */
@SystemTest
class GuardedNodeIT {

    private static WildFlyServer guardedNode;

    @BeforeAll
    static void startGuardedNode() {
        guardedNode = TestStack.get().startNode("wildfly-guarded", 300, Map.of(
                "hookbridge.delivery.allow-private-networks", "false",
                "hookbridge.delivery.allowed-hosts", "10.99.0.0/16,allowed.localhost",
                "hookbridge.delivery.customer-allowed-hosts", "10.98.0.0/16",
                "hookbridge.event-types.require-catalog", "true"));
    }

    @AfterAll
    static void stopGuardedNode() {
        if (guardedNode != null) {
            guardedNode.stop();
        }
    }

    @Test
    void endpointsOnInternalAddressesAreRefusedWithTheUrlNamed() {
        for (String url : new String[] {"http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.0.0.5/hook",
                "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://0.0.0.0/",
                "http://[64:ff9b::a9fe:a9fe]/latest/meta-data", "http://[2002:7f00:1::]/hook", "http://198.18.0.1/hook"}) {
            Reply reply = Http.admin().at(guardedNode.baseUrl())
                    .postJson("/api/endpoints", Outbound.endpoint(url, "ssrf.test").build().toString());
            assertThat(reply.status()).as(url + ": " + reply).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("field")).isEqualTo("url");
        }
        // The refusal names the rule, never the address the host resolved to.
        Reply byName = Http.admin().at(guardedNode.baseUrl())
                .postJson("/api/endpoints", Outbound.endpoint("http://localhost/hook", "ssrf.test").build().toString());
        assertThat(byName.json().getString("detail")).contains("loopback").doesNotContain("127.0.0.1").doesNotContain("::1");
    }

    @Test
    void allowedRangesLetInternalReceiversThrough() {
        Reply reply = Http.admin().at(guardedNode.baseUrl())
                .postJson("/api/endpoints", Outbound.endpoint("http://10.99.1.2/hook", "ssrf.test").build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    @Test
    void anUpdateToAnInternalAddressIsRefusedToo() {
        Reply created = Http.admin().at(guardedNode.baseUrl())
                .postJson("/api/endpoints", Outbound.endpoint("http://10.99.1.3/hook", "ssrf.test").build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Reply updated = Http.admin().at(guardedNode.baseUrl()).putJson("/api/endpoints/" + created.json().getString("id"),
                Outbound.endpoint("http://127.0.0.1/hook", "ssrf.test").build().toString());
        assertThat(updated.status()).as(updated.toString()).isEqualTo(400);
        assertThat(updated.json().getString("field")).isEqualTo("url");
    }

    /** The shop's allowed internal hosts are not its customers': a customer's endpoint gets only customer-allowed-hosts. */
    @Test
    void aCustomersEndpointIsHeldToTheCustomersRules() {
        Http shop = Http.admin().at(guardedNode.baseUrl());
        String customer = "cus_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(shop.putJson("/api/customers/" + customer, "{}").status()).isEqualTo(201);
        Reply opened = shop.postJson("/api/customers/" + customer + "/portal-sessions", "");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Http portal = Http.bearer(opened.json().getString("token")).at(guardedNode.baseUrl());
        Reply refused = portal.postJson("/api/endpoints", Outbound.endpoint("http://169.254.169.254/latest/meta-data", "ssrf.test")
                .build().toString());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("url");
        Reply shopsHost = portal.postJson("/api/endpoints", Outbound.endpoint("http://10.99.1.4/hook", "ssrf.test").build().toString());
        assertThat(shopsHost.status()).as(shopsHost.toString()).isEqualTo(400);
        assertThat(shopsHost.json().getString("detail")).contains("hookbridge.delivery.customer-allowed-hosts");
        Reply byTheShop = shop.postJson("/api/endpoints", Outbound.endpoint("http://10.99.1.4/hook", "ssrf.test")
                .add("customer", customer).build().toString());
        assertThat(byTheShop.status()).as(byTheShop.toString()).isEqualTo(400);
        Reply created = portal.postJson("/api/endpoints", Outbound.endpoint("http://10.98.1.4/hook", "ssrf.test").build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Reply moved = portal.putJson("/api/endpoints/" + created.json().getString("id"),
                Outbound.endpoint("http://localhost/hook", "ssrf.test").build().toString());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(400);
        assertThat(moved.json().getString("field")).isEqualTo("url");
    }

    @Test
    void aServerThatRequiresTheCatalogRefusesTypesNotInIt() {
        String type = Outbound.uniqueType("invoice.paid");
        Reply catalogued = Http.admin().putJson("/api/event-types/" + type, """
                {"schemas": {"1": {"type": "object", "properties": {"invoiceId": {"type": "string"}}, "required": ["invoiceId"]}}}""");
        assertThat(catalogued.status()).as(catalogued.toString()).isEqualTo(201);
        Http client = Http.admin().at(guardedNode.baseUrl());
        JsonObject refused = Problems.assertProblem(client.postJson("/api/events",
                "{\"type\": \"%s\", \"data\": {}}".formatted(Outbound.uniqueType("not.catalogued"))), 422);
        assertThat(refused.getString("detail")).contains("not in the catalog");
        Reply accepted = client.postJson("/api/events",
                "{\"type\": \"%s\", \"data\": {\"invoiceId\": \"in_1\", \"amount\": 1}}".formatted(type));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    }
}
