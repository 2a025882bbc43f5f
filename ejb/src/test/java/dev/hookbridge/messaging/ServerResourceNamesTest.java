package dev.hookbridge.messaging;

import dev.hookbridge.common.Datasource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names the code looks up are the names that hookbridge-install.cli, persistence.xml and
 * artemis-config/broker.xml declare. None of those can read a Java constant, so this test is what
 * keeps them in step with {@link JmsNames} and {@link Datasource}.
 */
class ServerResourceNamesTest {

    private static final Path INSTALL_SCRIPT = Path.of("..", "ear", "src", "main", "wildfly", "hookbridge-install.cli");
    private static final Path BROKER = Path.of("..", "artemis-config", "broker.xml");
    private static final Path PERSISTENCE_UNIT = Path.of("src", "main", "resources", "META-INF", "persistence.xml");
    private static final List<String> DESTINATIONS = List.of(JmsNames.INBOUND_QUEUE, JmsNames.EVENTS_TOPIC,
            JmsNames.OUTBOUND_QUEUE, JmsNames.OUTBOUND_DEAD_TOPIC, JmsNames.OPERATIONS_TOPIC);

    @Test
    void theInstallScriptCreatesWhatTheCodeLooksUp() throws IOException {
        String script = Files.readString(INSTALL_SCRIPT);

        assertThat(script).contains("jndi-name=" + Datasource.JNDI_NAME + ",")
                .contains("pooled-connection-factory=" + JmsNames.RESOURCE_ADAPTER + ":add(")
                .contains("entries=[" + JmsNames.CONNECTION_FACTORY + "]")
                .contains("strict-max-bean-instance-pool=" + JmsNames.MDB_POOL + ":add(");
        for (String destination : DESTINATIONS) {
            assertThat(script).contains("=" + address(destination) + ":add(entries=[" + destination + "]");
        }
    }

    @Test
    void thePersistenceUnitUsesTheDatasource() throws IOException {
        assertThat(Files.readString(PERSISTENCE_UNIT)).contains("<jta-data-source>" + Datasource.JNDI_NAME + "</jta-data-source>");
    }

    @Test
    void theBrokerDeclaresEveryAddress() throws IOException {
        String broker = Files.readString(BROKER);

        for (String destination : DESTINATIONS) {
            assertThat(broker).contains("<address name=\"" + address(destination) + "\">");
        }
        assertThat(broker).contains("<address name=\"" + JmsNames.INBOUND_ADDRESS + "\">")
                .contains("<address name=\"" + JmsNames.INBOUND_DLQ_ADDRESS + "\">");
    }

    /** The broker address of a JNDI name: its last segment ({@code …/queue/webhooks.inbound}). */
    private static String address(String jndiName) {
        return jndiName.substring(jndiName.lastIndexOf('/') + 1);
    }
}
