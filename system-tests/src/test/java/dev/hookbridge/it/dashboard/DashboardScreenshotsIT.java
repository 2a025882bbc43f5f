package dev.hookbridge.it.dashboard;

import com.microsoft.playwright.Page;
import dev.hookbridge.it.handlers.TestEventHandlers;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Providers;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Signer;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fills the stack with a small shop's traffic through the public API and real signed webhooks
 * (Stripe and GitHub sources, four endpoints of which one is broken), then takes screenshots of
 * the dashboard's main pages into {@code target/dashboard-screenshots} (those in {@code docs/} are
 * copies from such a run). It checks that each page shows that traffic.
 */
@SystemTest
class DashboardScreenshotsIT {

    private static final Random RANDOM = new Random();

    /** Per test, not per class: so that each test is reported as skipped, not left out. */
    @BeforeEach
    void chromium() {
        Browser.assumeChromium();
    }

    @Test
    void theMainPagesShowRealTraffic() throws Exception {
        Path folder = Path.of(System.getProperty("hookbridge.screenshots", "target/dashboard-screenshots"));
        Files.createDirectories(folder);
        try (Receiver billing = Receiver.start(); Receiver warehouse = Receiver.start(); Receiver erp = Receiver.start();
             Receiver chat = Receiver.start(); Browser admin = Browser.as("admin", "admin")) {
            warehouse.then(Answer.of(500, "{\"error\":\"warehouse db timeout\"}")).otherwise(Answer.of(200, "{\"received\":true}"));
            erp.otherwise(Answer.of(503, "<html><body><h1>503 Service Unavailable</h1>ERP maintenance window</body></html>"));
            chat.otherwise(Answer.slow(Duration.ofMillis(180), 204));

            String stripe = Fixtures.uniqueName("stripe");
            String stripeSecret = Signer.newSecret("whsec_");
            Fixtures.createSource(stripe, "stripe", List.of(stripeSecret), java.util.Map.of(), "/data/object/customer");
            String github = Fixtures.uniqueName("github");
            String githubSecret = Signer.newSecret("");
            Fixtures.createSource(github, "github", List.of(githubSecret), java.util.Map.of(), null);
            String legacy = Fixtures.uniqueName("legacy-crm");
            String legacySecret = Fixtures.createStandardSource(legacy);

            String prefix = Outbound.typePrefix();
            String billingId = createEndpoint(billing.url("/billing/webhooks"), "Billing service", List.of(stripe),
                    "invoice.*", "payment_intent.succeeded");
            String warehouseId = createEndpoint(warehouse.url("/api/hooks/orders"), "Warehouse order sync", List.of(), prefix + ".order.*");
            String erpId = createEndpoint(erp.url("/erp/inbound"), "Legacy ERP bridge", List.of(), prefix + ".order.created");
            String chatId = createEndpoint(chat.url("/notify"), "Team chat notifications", List.of(github), "push", "pull_request.*");

            List<String> stripeInbox = new ArrayList<>();
            String[] stripeTypes = {"payment_intent.succeeded", "invoice.paid", "payment_intent.succeeded", "customer.subscription.updated",
                    "invoice.paid", "charge.refunded", "payment_intent.succeeded", "invoice.paid", "invoice.payment_failed"};
            for (String type : stripeTypes) {
                Reply reply = Providers.stripe(stripe, stripeSecret, stripeEvent(type));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                stripeInbox.add(reply.json().getString("inboxId"));
            }
            Providers.github(github, githubSecret, UUID.randomUUID().toString(), "push",
                    "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"acme/shop\"},\"pusher\":{\"name\":\"mia\"}}");
            Providers.github(github, githubSecret, UUID.randomUUID().toString(), "pull_request",
                    "{\"action\":\"opened\",\"number\":418,\"repository\":{\"full_name\":\"acme/shop\"}}");
            String poison = Fixtures.sendStandard(legacy, legacySecret, "crm-" + UUID.randomUUID(),
                    Fixtures.standardBody(TestEventHandlers.POISON)).json().getString("inboxId");

            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                JsonObject data = Json.createObjectBuilder().add("orderId", "ord_" + (1040 + i))
                        .add("total", 19.90 + 10 * i).add("currency", "EUR").build();
                orders.add(Outbound.publish(prefix + (i < 4 ? ".order.created" : ".order.shipped"), data));
            }
            String deadDelivery = Outbound.deliveryId(orders.get(0), erpId);
            Outbound.awaitDelivery(deadDelivery, "DEAD");
            for (String order : orders.subList(1, 4)) {
                Outbound.awaitDelivery(Outbound.deliveryId(order, erpId), "DEAD");
            }
            String openEvent = stripeInbox.get(1); // an invoice.paid
            Fixtures.awaitStatus(openEvent, "PROCESSED");
            Fixtures.awaitStatus(poison, "DEAD");
            awaitDelivered(billingId, 7);
            awaitDelivered(warehouseId, 6);
            awaitDelivered(chatId, 2);

            Page page = admin.open("/dashboard/#/overview");
            assertThat(page.locator("[data-figure=inbound-accepted-hour]")).not().hasText("0");
            assertThat(page.locator("#failing-endpoints")).containsText("/erp/inbound");
            shoot(page, folder.resolve("dashboard-overview.png"));

            page = admin.open("/dashboard/#/inbox/" + openEvent);
            assertThat(page.locator("#body")).containsText("invoice.paid");
            assertThat(page.locator("#headers")).containsText("stripe-signature");
            shoot(page, folder.resolve("dashboard-inbox-event.png"));

            page = admin.open("/dashboard/#/endpoints");
            assertThat(page.locator("#endpoints")).containsText("Legacy ERP bridge");
            shoot(page, folder.resolve("dashboard-endpoints.png"));

            page = admin.open("/dashboard/#/deliveries/" + deadDelivery);
            assertThat(page.locator("#attempts tr")).hasCount(5);
            assertThat(page.locator("#attempts")).containsText("503 Service Unavailable");
            shoot(page, folder.resolve("dashboard-delivery-attempts.png"));
        }
    }

    /** Waits until the endpoint has this many deliveries, all delivered. */
    private static void awaitDelivered(String endpointId, int count) {
        Waits.await(count + " deliveries to " + endpointId + " delivered").atMost(Outbound.DELIVERY_LIMIT)
                .until(() -> Outbound.deliveries("endpoint=" + endpointId),
                l -> l.size() == count && l.stream().allMatch(d -> "DELIVERED".equals(d.getString("status"))));
    }

    private static void shoot(Page page, Path file) throws Exception {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(10_000);
    }

    private static String createEndpoint(String url, String description, List<String> sources, String... types) {
        var definition = Outbound.endpoint(url, types).add("description", description);
        if (!sources.isEmpty()) {
            definition.add("sources", Outbound.array(sources.toArray(String[]::new)));
        }
        return Outbound.createEndpoint(definition).getString("id");
    }

    private static String stripeEvent(String type) {
        String object = switch (type.substring(0, type.indexOf('.'))) {
            case "invoice" -> "in_";
            case "charge" -> "ch_";
            case "customer" -> "sub_";
            default -> "pi_";
        };
        return Json.createObjectBuilder()
                .add("id", "evt_" + token(24)).add("object", "event").add("type", type)
                .add("created", Instant.now().getEpochSecond()).add("livemode", false)
                .add("data", Json.createObjectBuilder().add("object", Json.createObjectBuilder()
                        .add("id", object + token(24)).add("customer", "cus_" + token(14))
                        .add("amount", 1900 + 100 * RANDOM.nextInt(90)).add("currency", "eur")))
                .build().toString();
    }

    private static String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
