package dev.hookbridge.it;

import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.it.support.TestStack;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.Waits;
import jakarta.json.JsonNumber;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizes the install script sets once as server system properties reach the application
 * (docs/configuration.md, "Server settings"): the inbound MDB consumes webhooks.inbound with as many
 * sessions as {@code hookbridge.inbound.max-sessions} says.
 */
@SystemTest
class ServerSizesIT {

    private static final Path INSTALL_SCRIPT = Path.of("..", "ear", "src", "main", "wildfly", "hookbridge-install.cli");

    @Test
    void theInboundMdbHasTheSessionsTheInstallScriptSets() throws IOException {
        int sessions = installScriptValue("hookbridge.inbound.max-sessions");

        Waits.await("the inbound MDB's " + sessions + " consumers of webhooks.inbound").until(
                () -> ((JsonNumber) TestStack.brokerManagement().read(BrokerManagement.queueMBean("webhooks.inbound"), "ConsumerCount")).intValue(),
                count -> count == sessions);
    }

    private static int installScriptValue(String property) throws IOException {
        Matcher value = Pattern.compile("/system-property=" + Pattern.quote(property) + ":add\\(value=(\\d+)\\)")
                .matcher(Files.readString(INSTALL_SCRIPT));
        assertThat(value.find()).as("%s set in %s", property, INSTALL_SCRIPT).isTrue();
        return Integer.parseInt(value.group(1));
    }
}
