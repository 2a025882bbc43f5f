package dev.hookbridge.it.dashboard;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.hookbridge.it.support.Http;
import dev.hookbridge.it.support.Reply;
import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal in headless Chromium, as a shop's customer uses it with the link the shop
 * gave: no login, only the token in the link. The customer adds an endpoint (its secret shown
 * once), sends a test event and sees it delivered, sees a failing one go DEAD, retries it and sees it
 * delivered. Screenshots of the portal's pages go to {@code target/dashboard-screenshots} (those in
 * {@code docs/} are copies from such a run).
 */
@SystemTest
class PortalBrowserIT {

    private static final double SLOW = Duration.ofSeconds(60).toMillis();

    @BeforeEach
    void chromium() {
        Browser.assumeChromium();
    }

    @Test
    void aCustomerAddsAnEndpointTestsItAndRetriesAFailedDelivery() throws Exception {
        String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Http.admin().putJson("/api/customers/" + customer, "{\"name\": \"Acme Corp\"}").status()).isEqualTo(201);
        Reply opened = Http.admin().postJson("/api/customers/" + customer + "/portal-sessions", "{}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String link = opened.json().getString("url");
        assertThat(link).startsWith(TestStack.baseUrl() + "/portal/#token=");
        Path folder = Path.of(System.getProperty("hookbridge.screenshots", "target/dashboard-screenshots"));
        Files.createDirectories(folder);

        try (Receiver receiver = Receiver.start(); Browser browser = Browser.withoutLogin()) {
            Page page = browser.open(link.substring(TestStack.baseUrl().length()));
            assertThat(page.locator("#customer-name")).hasText("Acme Corp");
            assertThat(page).not().hasURL(java.util.regex.Pattern.compile(".*token=.*"));

            page.locator("button.new-endpoint").click();
            Browser.awaitDrawn(page, "#/endpoints/new");
            page.fill("#endpoint-form input[name=url]", receiver.url());
            page.fill("#endpoint-form input[name=eventTypes]", "invoice.*");
            page.fill("#endpoint-form input[name=description]", "Invoices to our ERP");
            shoot(page, folder.resolve("portal-endpoint-form.png"));
            page.click("#endpoint-form button[type=submit]");
            Browser.awaitDrawn(page, "#/endpoints");
            assertThat(page.locator("#secret")).containsText("whsec_");
            Locator row = page.locator("#endpoints tbody tr").first();
            assertThat(row).containsText(receiver.url());
            String endpointId = row.getAttribute("data-id");
            assertThat(Http.admin().get("/api/endpoints/" + endpointId).json().getString("customer")).isEqualTo(customer);
            shoot(page, folder.resolve("portal-endpoints.png"));

            // A test event is delivered, and the page shows the request it carried.
            row.locator("button.test").click();
            Browser.awaitDrawn(page, "#/deliveries/");
            assertThat(page.locator("#delivery [data-field=status]")).hasText("DELIVERED", new com.microsoft.playwright.assertions
                    .LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            assertThat(page.locator("#request-body")).containsText("hookbridge.test");
            assertThat(receiver.requests()).hasSize(1);

            // One that fails every attempt goes DEAD; the customer retries it once the receiver is back.
            receiver.otherwise(Answer.of(500, "database is down"));
            // The token lives in this tab's session storage: the customer goes on in the same tab.
            show(page, "#/endpoints");
            page.locator("#endpoints tr[data-id='" + endpointId + "'] button.test").click();
            Browser.awaitDrawn(page, "#/deliveries/");
            assertThat(page.locator("#delivery [data-field=status]")).hasText("DEAD", new com.microsoft.playwright.assertions
                    .LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            assertThat(page.locator("#attempts tbody tr")).hasCount(4);
            assertThat(page.locator("#attempts")).containsText("database is down");
            receiver.otherwise(Answer.of(200));
            page.locator("#retry").click();
            assertThat(page.locator("#delivery [data-field=status]")).hasText("DELIVERED", new com.microsoft.playwright.assertions
                    .LocatorAssertions.HasTextOptions().setTimeout(SLOW));
            assertThat(page.locator("#attempts tbody tr")).hasCount(5);
            shoot(page, folder.resolve("portal-delivery.png"));

            show(page, "#/deliveries?endpoint=" + endpointId);
            assertThat(page.locator("#deliveries tbody tr")).hasCount(2);
            shoot(page, folder.resolve("portal-deliveries.png"));
        }
    }

    @Test
    void aLinkWithoutAValidTokenShowsHowToGetANewOne() {
        try (Browser browser = Browser.withoutLogin()) {
            Page page = browser.open("/portal/#token=hbp_" + "x".repeat(43));
            assertThat(page.locator("main[data-page=no-session] #notice")).containsText("Session ended");
            assertThat(page.locator("#message.error")).containsText("expired or is not valid");
            assertThat(page.locator("#endpoints")).hasCount(0);
        }
        try (Browser browser = Browser.withoutLogin()) {
            Page page = browser.open("/portal/");
            assertThat(page.locator("main[data-page=no-session] #notice")).containsText("No portal session");
            assertThat(page.locator("#message.error")).containsText("needs a portal link");
        }
    }

    private static void show(Page page, String route) {
        page.evaluate("route => { location.hash = route; }", route);
        Browser.awaitDrawn(page, route);
    }

    private static void shoot(Page page, Path file) throws Exception {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(10_000);
    }
}
