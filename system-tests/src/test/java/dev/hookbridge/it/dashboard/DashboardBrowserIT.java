package dev.hookbridge.it.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.sun.net.httpserver.HttpServer;
import dev.hookbridge.it.support.Fixtures;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Jms;
import dev.hookbridge.it.support.Outbound;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium against the test stack, as ops use it: an admin finds a dead
 * delivery, retries it and sees it delivered; an admin replays an inbox event; a viewer's retry is
 * refused by the server and the page says so; a page of another site cannot make the logged-in
 * browser change anything.
 */
@SystemTest
class DashboardBrowserIT {

    private static final double SLOW = Duration.ofSeconds(60).toMillis();

    /** Per test, not per class: so that each test is reported as skipped, not left out. */
    @BeforeEach
    void chromium() {
        Browser.assumeChromium();
    }

    @Test
    void anAdminOpensACustomersPortalForSupportAndAViewerMayNot() {
        String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Http.admin().putJson("/api/customers/" + customer, "{\"name\": \"Acme Support\"}").status()).isEqualTo(201);
        try (Browser admin = Browser.as("admin", "admin"); Browser viewer = Browser.as("viewer", "viewer");
             Browser customersBrowser = Browser.withoutLogin()) {
            Page page = admin.open("/dashboard/#/customers");
            page.locator("#customers tr[data-id='" + customer + "'] button.customer-portal").click();
            Locator link = page.locator("#portal-url");
            assertThat(link).isVisible();
            String url = link.getAttribute("href");
            assertThat(url).startsWith(TestStack.baseUrl() + "/portal/#token=hbp_");
            assertThat(admin.confirmations).anySatisfy(c -> assertThat(c).contains(customer));

            Page portal = customersBrowser.open(url.substring(TestStack.baseUrl().length()));
            assertThat(portal.locator("#customer-name")).hasText("Acme Support");

            Page refused = viewer.open("/dashboard/#/customers");
            refused.locator("#customers tr[data-id='" + customer + "'] button.customer-portal").click();
            assertThat(refused.locator("#message.error")).containsText("403");
            assertThat(refused.locator("#portal-url")).hasCount(0);
        }
    }

    @Test
    void aViewerFindsACustomerAndItsEndpointsAndDeliveries() {
        String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        String type = Outbound.uniqueType("invoice.paid");
        assertThat(Http.admin().putJson("/api/customers/" + customer, "{\"name\": \"Acme\"}").status()).isEqualTo(201);
        try (Receiver ofCustomer = Receiver.start(); Receiver shops = Receiver.start(); Browser viewer = Browser.as("viewer", "viewer")) {
            String endpointId = Outbound.createEndpoint(Outbound.endpoint(ofCustomer.url(), type).add("customer", customer)).getString("id");
            String shopsEndpoint = Outbound.createEndpoint(shops.url(), type).getString("id");
            Reply published = Http.admin().postJson("/api/events",
                    "{\"type\": \"%s\", \"customer\": \"%s\", \"data\": {}}".formatted(type, customer));
            assertThat(published.status()).as(published.toString()).isEqualTo(202);
            ofCustomer.awaitRequests(1);

            Page page = viewer.open("/dashboard/#/customers");
            Locator row = page.locator("#customers tr[data-id='" + customer + "']");
            assertThat(row).containsText("Acme");
            row.locator("a.customer-endpoints").click();
            Browser.awaitDrawn(page, "customer=" + customer);
            assertThat(page.locator("#endpoints tr[data-id='" + endpointId + "']")).containsText(customer);
            assertThat(page.locator("#endpoints tr[data-id='" + shopsEndpoint + "']")).hasCount(0);

            page = viewer.open("/dashboard/#/customers");
            page.locator("#customers tr[data-id='" + customer + "'] a.customer-deliveries").click();
            Browser.awaitDrawn(page, "customer=" + customer);
            assertThat(page.locator("#deliveries tr.clickable")).hasCount(1);
            assertThat(page.locator("#deliveries")).containsText(type);
        }
    }

    @Test
    void aViewerReadsTheCatalogTheVersionsOfATypeAndItsDeprecation() {
        String type = Outbound.uniqueType("invoice.paid");
        String v1 = "{\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"integer\"}}, \"required\": [\"amount\"]}";
        String v2 = "{\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"number\"}}, \"required\": [\"amount\"]}";
        Reply created = Http.admin().putJson("/api/event-types/" + type,
                "{\"description\": \"An invoice was paid\", \"deprecated\": true, \"compatibility\": \"BACKWARD\","
                        + " \"schemas\": {\"1\": " + v1 + ", \"2\": " + v2 + "}, \"examples\": {\"2\": {\"amount\": 12.5}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        try (Browser viewer = Browser.as("viewer", "viewer")) {
            Page page = viewer.open("/dashboard/#/event-types");
            Locator row = page.locator("#event-types tr[data-id='" + type + "']");
            assertThat(row).containsText("DEPRECATED");
            assertThat(row).containsText("An invoice was paid");
            row.click();

            assertThat(page.locator("#deprecated-warning")).containsText("hookbridge_events_deprecated_total");
            assertThat(page.locator("section.version")).hasCount(2);
            assertThat(page.locator("section[data-version='2'] h2")).hasText("Version 2 (latest)");
            assertThat(page.locator("section[data-version='2'] pre.schema")).containsText("\"number\"");
            assertThat(page.locator("section[data-version='2'] pre.example")).containsText("12.5");
            assertThat(page.locator("section[data-version='1'] pre.schema")).containsText("\"integer\"");
        }
    }

    @Test
    void anAdminFindsADeadDeliveryRetriesItAndSeesItDelivered() {
        try (Receiver receiver = Receiver.start(); Browser admin = Browser.as("admin", "admin")) {
            // The receiver fails every attempt of the schedule (4), then is fixed.
            receiver.then(Answer.of(500, "database down"), Answer.of(500, "database down"), Answer.of(502), Answer.of(503))
                    .otherwise(Answer.of(200, "ok, thanks"));
            DeadDelivery dead = DeadDelivery.create(receiver, "retry");

            Page page = admin.open("/dashboard/#/deliveries");
            page.selectOption("#delivery-filter select[name=endpoint]", dead.endpointId);
            page.selectOption("#delivery-filter select[name=status]", "DEAD");
            page.click("#delivery-filter button[type=submit]");
            Browser.awaitDrawn(page, "status=DEAD");
            Locator row = page.locator("#deliveries tr[data-id='" + dead.deliveryId + "']");
            assertThat(row).containsText("DEAD");
            row.click();

            assertThat(page.locator("#delivery [data-field=status]")).hasText("DEAD");
            assertThat(page.locator("#attempts tr")).hasCount(5); // a header and the 4 attempts
            assertThat(page.locator("#attempts")).containsText("database down");
            page.click("#retry");
            assertThat(page.locator("#message")).containsText("Retry queued (202)");
            assertThat(page.locator("#delivery [data-field=status]")).hasText("DELIVERED",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            assertThat(page.locator("#attempts")).containsText("ok, thanks");

            JsonObject delivery = Outbound.delivery(dead.deliveryId);
            assertThat(delivery.getString("status")).isEqualTo("DELIVERED");
            assertThat(Outbound.statusCodes(delivery)).containsExactly(500, 500, 502, 503, 200);
            assertThat(receiver.requests(dead.eventId)).hasSize(5);
        }
    }

    @Test
    void anAdminCreatesAnEndpointRecoversItsDeadDeliveriesRotatesItsSecretAndDisablesIt() {
        try (Receiver receiver = Receiver.start(); Browser admin = Browser.as("admin", "admin")) {
            receiver.then(Answer.of(500), Answer.of(500), Answer.of(500), Answer.of(500)).otherwise(Answer.of(200));
            String type = Outbound.uniqueType("manage");
            Page page = admin.open("/dashboard/#/endpoints");
            page.click("#new-endpoint");
            page.fill("#endpoint-editor input[name=url]", receiver.url());
            page.fill("#endpoint-editor input[name=eventTypes]", type);
            page.fill("#endpoint-editor input[name=description]", "created in the browser");
            page.click("#endpoint-editor button[type=submit]");
            assertThat(page.locator("#secret")).containsText("not shown again");
            String secret = page.locator("#secret [data-secret]").textContent().trim();
            assertThat(secret).startsWith("whsec_");
            String endpointId = page.url().substring(page.url().lastIndexOf('/') + 1);

            // The event fails 4 times and is DEAD; "Recover" sends it again, signed with the secret shown.
            String eventId = "browser-manage-" + UUID.randomUUID();
            Outbound.publish(eventId, type, Outbound.data());
            Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpointId), "DEAD");
            page = admin.open("/dashboard/#/endpoints/" + endpointId);
            assertThat(page.locator("#secret")).hasCount(0); // shown once only
            assertThat(page.locator("#endpoint")).containsText("0.0 % of 4 attempts");
            page.click("#recover");
            assertThat(page.locator("#message")).containsText("Recovery queued (202): 1 dead deliveries sent again");
            Outbound.awaitDelivery(Outbound.deliveryId(eventId, endpointId), "DELIVERED");
            assertThat(receiver.requests(eventId).get(4).verifySignature(List.of(secret))).isTrue();

            page.click("#edit");
            page.fill("#endpoint-editor input[name=description]", "edited in the browser");
            page.click("#endpoint-editor button[type=submit]");
            assertThat(page.locator("#endpoint")).containsText("edited in the browser");

            page.click("#rotate");
            assertThat(page.locator("#secret [data-secret]")).not().hasText(secret);
            assertThat(page.locator("#secret [data-secret]")).containsText("whsec_");

            page.click("#toggle");
            assertThat(page.locator("#message")).containsText("Endpoint disabled");
            assertThat(page.locator("#endpoint")).containsText("disabled through the API at");
            JsonObject endpoint = Outbound.getEndpoint(endpointId);
            assertThat(endpoint.getBoolean("enabled")).isFalse();
            assertThat(endpoint.getString("description")).isEqualTo("edited in the browser");
        }
    }

    @Test
    void anAdminOpensAnInboxEventAndReplaysIt() throws JMSException {
        String source = Fixtures.uniqueName("browser");
        String secret = Fixtures.createStandardSource(source);
        String marker = UUID.randomUUID().toString();
        String body = "{\"type\":\"invoice.paid\",\"data\":{\"marker\":\"" + marker + "\"}}";
        String inboxId = Fixtures.sendStandard(source, secret, "browser-replay-1", body).json().getString("inboxId");
        Fixtures.awaitStatus(inboxId, "PROCESSED");

        try (Browser admin = Browser.as("admin", "admin");
             Jms.Subscription events = new Jms.Subscription(Jms.asAdmin(), "webhooks.events", "source = '" + source + "'")) {
            Page page = admin.open("/dashboard/#/inbox");
            page.selectOption("#inbox-filter select[name=source]", source);
            page.fill("#inbox-filter input[name=type]", "invoice.*");
            page.click("#inbox-filter button[type=submit]");
            Browser.awaitDrawn(page, "type=invoice.*");
            page.locator("#inbox tr[data-id='" + inboxId + "']").click();

            assertThat(page.locator("#inbox-event [data-field=status]")).hasText("PROCESSED");
            assertThat(page.locator("#body")).containsText(marker);
            assertThat(page.locator("#headers")).containsText("webhook-id");
            assertThat(page.locator("#headers")).containsText("browser-replay-1");
            page.click("#replay");
            assertThat(page.locator("#message")).containsText("Replay queued (202)");

            List<Message> published = Waits.await("the replayed event on webhooks.events").until(events::received, l -> !l.isEmpty());
            assertThat(published.get(0).getStringProperty("eventId")).isEqualTo("browser-replay-1");
        }
    }

    @Test
    void aViewersRetryIsRefusedByTheServerAndThePageSaysSo() {
        try (Receiver receiver = Receiver.start(); Browser viewer = Browser.as("viewer", "viewer")) {
            receiver.otherwise(Answer.of(500));
            DeadDelivery dead = DeadDelivery.create(receiver, "viewer");

            Page page = viewer.open("/dashboard/#/deliveries/" + dead.deliveryId);
            assertThat(page.locator("#attempts tr")).hasCount(5);
            Response refused = page.waitForResponse(r -> r.url().endsWith("/retry"), () -> page.click("#retry"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.locator("#message")).containsText("Refused by the server (403");
            assertThat(page.locator("#message")).containsText("hookbridge-admin");

            assertUnchanged(dead, receiver);
        }
    }

    @Test
    void aPageOfAnotherSiteCannotRetryADeliveryWithTheLoggedInBrowser() throws IOException {
        try (Receiver receiver = Receiver.start(); Browser admin = Browser.as("admin", "admin")) {
            receiver.otherwise(Answer.of(500));
            DeadDelivery dead = DeadDelivery.create(receiver, "csrf");
            // The admin is logged in: the browser holds credentials for the dashboard's site.
            admin.open("/dashboard/#/deliveries/" + dead.deliveryId);

            String target = TestStack.baseUrl() + "/api/deliveries/" + dead.deliveryId + "/retry";
            HttpServer otherSite = servePages(Map.of(
                    "/form", """
                            <!DOCTYPE html><html><body onload="document.getElementById('attack').submit()">
                            <form id="attack" method="POST" action="%s"><input type="hidden" name="x" value="1"></form>
                            </body></html>""".formatted(target),
                    "/fetch", """
                            <!DOCTYPE html><html><body><script>
                              fetch('%s', {method: 'POST', mode: 'no-cors', credentials: 'include'});
                            </script></body></html>""".formatted(target)));
            try {
                String otherSiteUrl = "http://127.0.0.1:" + otherSite.getAddress().getPort();
                Page page = admin.openElsewhere("about:blank");
                List<String> seen = new CopyOnWriteArrayList<>();
                page.onRequestFailed(r -> seen.add("failed " + r.method() + " " + r.url() + ": " + r.failure()));
                page.onResponse(r -> seen.add(r.status() + " " + r.request().method() + " " + r.url()));
                // A form posted by the other site: the browser sends the admin's credentials along (it
                // navigates there), so the container lets it in and the Origin check refuses it: 403.
                Response form = page.waitForResponse(r -> r.url().equals(target),
                        new Page.WaitForResponseOptions().setTimeout(30_000), () -> page.navigate(otherSiteUrl + "/form"));
                assertThat(form.status()).as(seen.toString()).isEqualTo(403);
                assertThat(form.text()).contains("Cross-site request refused");
                assertThat(form.request().headerValue("origin")).isEqualTo(otherSiteUrl);
                // A script's cross-site fetch: refused too (Chromium sends it without the cached
                // credentials, so the login refuses it first with 401; with them it would be 403 as above).
                Response fetch = page.waitForResponse(r -> r.url().equals(target),
                        new Page.WaitForResponseOptions().setTimeout(30_000), () -> page.navigate(otherSiteUrl + "/fetch"));
                assertThat(fetch.status()).as(seen.toString()).isIn(401, 403);
                assertThat(fetch.request().headerValue("origin")).isEqualTo(otherSiteUrl);
            } finally {
                otherSite.stop(0);
            }
            assertUnchanged(dead, receiver);
        }
    }

    @Test
    void everyDestructiveActionAsksFirstAndANoSendsNothing() {
        try (Receiver receiver = Receiver.start(); Browser admin = Browser.as("admin", "admin")) {
            receiver.otherwise(Answer.of(500));
            DeadDelivery dead = DeadDelivery.create(receiver, "confirm");
            admin.acceptConfirmations = false;

            Page page = admin.open("/dashboard/#/deliveries/" + dead.deliveryId);
            List<String> requests = new CopyOnWriteArrayList<>();
            page.onRequest(r -> requests.add(r.method() + " " + r.url()));
            page.click("#retry");
            page = admin.open("/dashboard/#/endpoints/" + dead.endpointId);
            page.onRequest(r -> requests.add(r.method() + " " + r.url()));
            page.click("#recover");
            page.click("#rotate");
            page.click("#toggle");

            assertThat(admin.confirmations).hasSize(4);
            assertThat(admin.confirmations.get(0)).contains("Send delivery " + dead.deliveryId + " again");
            assertThat(admin.confirmations.get(3)).contains("Disable endpoint " + dead.endpointId);
            assertThat(requests).as("requests after a no").noneMatch(r -> !r.startsWith("GET "));
            assertThat(Outbound.getEndpoint(dead.endpointId).getBoolean("enabled")).isTrue();
            assertUnchanged(dead, receiver);
        }
    }

    @Test
    void aPageOfAnotherSiteCannotFrameTheDashboard() throws IOException {
        try (Browser admin = Browser.as("admin", "admin")) {
            admin.open("/dashboard/#/overview");
            HttpServer otherSite = servePages(Map.of("/frame", """
                    <!DOCTYPE html><html><body><iframe id="dashboard" src="%s/dashboard/#/deliveries" width="800" height="600"></iframe></body></html>
                    """.formatted(TestStack.baseUrl())));
            try {
                Page page = admin.openElsewhere("about:blank");
                // The frame's request, answered 200 or, where the browser keeps the login from a frame of
                // another site, 401: either answer forbids framing.
                Response dashboard = page.waitForResponse(r -> r.url().startsWith(TestStack.baseUrl() + "/dashboard/"),
                        () -> page.navigate("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/frame"));
                assertThat(dashboard.status()).isIn(200, 401);
                assertThat(dashboard.headerValue("content-security-policy")).contains("frame-ancestors 'none'");
                assertThat(dashboard.headerValue("x-frame-options")).isEqualTo("DENY");
                assertThat(dashboard.headerValue("x-content-type-options")).isEqualTo("nosniff");
                page.waitForTimeout(1000);
                // The browser refused to show it: the frame holds no part of the dashboard.
                com.microsoft.playwright.Frame frame = page.frames().stream().filter(f -> f != page.mainFrame()).findFirst().orElseThrow();
                assertThat(frame.querySelector("main")).as("the dashboard inside a frame of another site").isNull();
            } finally {
                otherSite.stop(0);
            }
        }
    }

    /** Still DEAD after the 4 attempts of the schedule, and no request reached the receiver again. */
    private static void assertUnchanged(DeadDelivery dead, Receiver receiver) {
        try {
            Thread.sleep(2000); // time for a wrongly queued retry to reach the receiver
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JsonObject delivery = Outbound.delivery(dead.deliveryId);
        assertThat(delivery.getString("status")).isEqualTo("DEAD");
        assertThat(delivery.getInt("attemptCount")).isEqualTo(4);
        assertThat(receiver.requests(dead.eventId)).hasSize(4);
    }

    /** A tiny web site of its own (another origin than the dashboard's) serving these pages. */
    private static HttpServer servePages(Map<String, String> pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        pages.forEach((path, html) -> server.createContext(path, exchange -> {
            try (exchange) {
                byte[] content = html.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, content.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
            }
        }));
        server.start();
        return server;
    }

    /** A delivery that exhausted its attempts (the test schedule's 4) against the receiver. */
    private record DeadDelivery(String endpointId, String eventId, String deliveryId) {

        static DeadDelivery create(Receiver receiver, String name) {
            String type = Outbound.uniqueType(name);
            String endpointId = Outbound.createEndpoint(Outbound.endpoint(receiver.url(), type)
                    .add("description", "browser test " + name)).getString("id");
            String eventId = "browser-" + name + "-" + UUID.randomUUID();
            Outbound.publish(eventId, type, Outbound.data());
            String deliveryId = Outbound.deliveryId(eventId, endpointId);
            Outbound.awaitDelivery(deliveryId, "DEAD");
            return new DeadDelivery(endpointId, eventId, deliveryId);
        }
    }
}
