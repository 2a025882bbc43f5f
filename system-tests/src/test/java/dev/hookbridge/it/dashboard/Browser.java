package dev.hookbridge.it.dashboard;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.HttpCredentials;
import dev.hookbridge.it.support.TestStack;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A headless Debian Chromium logged in as one user, with a fresh profile, driven by Playwright
 * (whose own browser download is skipped: the tests use the system's browser). Closing it ends the
 * browser and deletes the profile.
 *
 * <pre>
 * try (Browser admin = Browser.as("admin", "admin")) {
 *     Page page = admin.open("/dashboard/#/deliveries");
 * }
 * </pre>
 */
final class Browser implements AutoCloseable {

    /** The Debian package's browser; another one may be named with -Dhookbridge.chromium. */
    static final Path CHROMIUM = Path.of(System.getProperty("hookbridge.chromium", "/usr/bin/chromium"));

    /** The flags the project runs Chromium with; Playwright adds --headless itself. */
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    /** The confirmations the dashboard asked for, in order. */
    final List<String> confirmations = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whether the person at the keyboard says yes to them (default) or no. */
    volatile boolean acceptConfirmations = true;

    private final Playwright playwright;
    private final BrowserContext context;
    private final Path profile;

    private Browser(Playwright playwright, BrowserContext context, Path profile) {
        this.playwright = playwright;
        this.context = context;
        this.profile = profile;
    }

    /**
     * Skips the calling test class, loudly, when there is no Chromium: {@code .ci/run} installs the
     * Debian package when it runs as root; anyone else has to install it.
     */
    static void assumeChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "dashboard browser tests SKIPPED: no Chromium at " + CHROMIUM
                    + "; install the Debian package 'chromium' (apt-get install chromium), as .ci/run does when run as root";
            System.err.println("WARN " + message);
            Assumptions.abort(message);
        }
    }

    /** A browser logged in (HTTP Basic) as this user. */
    static Browser as(String user, String password) {
        return launch(new HttpCredentials(user, password));
    }

    /** A browser that has no login: a shop's customer, who opens the portal with the link the shop gave. */
    static Browser withoutLogin() {
        return launch(null);
    }

    private static Browser launch(HttpCredentials credentials) {
        Path profile;
        try {
            profile = Files.createTempDirectory("hookbridge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            // A persistent context is what takes a profile folder: Chromium's --user-data-dir.
            BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                    new BrowserType.LaunchPersistentContextOptions()
                            .setExecutablePath(CHROMIUM)
                            .setHeadless(true)
                            .setArgs(FLAGS)
                            .setViewportSize(1280, 860)
                            .setHttpCredentials(credentials));
            context.setDefaultTimeout(30_000);
            return new Browser(playwright, context, profile);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /**
     * Opens a page of the test stack's WildFly, e.g. "/dashboard/#/inbox", in a new tab (so that the
     * dashboard loads afresh even when only the part after # differs), and waits until it is drawn.
     */
    Page open(String path) {
        List<Page> previous = List.copyOf(context.pages());
        Page page = context.newPage();
        previous.forEach(Page::close);
        // The person at the keyboard says yes to every confirmation, unless a test listens itself.
        page.onDialog(dialog -> {
            confirmations.add(dialog.message());
            if (acceptConfirmations) {
                dialog.accept();
            } else {
                dialog.dismiss();
            }
        });
        page.navigate(TestStack.baseUrl() + path);
        page.waitForSelector("main[data-ready]");
        return page;
    }

    /** Waits until the dashboard has drawn the page whose address (after #) contains this text. */
    static void awaitDrawn(Page page, String route) {
        page.waitForSelector("main[data-ready][data-route*='" + route + "']");
    }

    /** Opens any address (another site) in the same browser, logged in as it is. */
    Page openElsewhere(String url) {
        Page page = context.newPage();
        page.navigate(url);
        return page;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            playwright.close();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
