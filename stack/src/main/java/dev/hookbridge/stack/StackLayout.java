package dev.hookbridge.stack;

import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a stack finds what the build made (the set-up WildFly, the EAR, the broker distribution and
 * its configuration) and where it keeps its own files. The build passes these as system properties.
 */
public record StackLayout(Path wildflyHome, Path ear, Path artemisHome, Path brokerConfig, Path work) {

    public static StackLayout fromSystemProperties() {
        return new StackLayout(required("hookbridge.stack.wildfly-home"), required("hookbridge.stack.ear"),
                required("hookbridge.stack.artemis-home"), required("hookbridge.stack.broker-config"),
                Path.of(System.getenv().getOrDefault("HOOKBRIDGE_STACK_WORK", System.getProperty("hookbridge.stack.work"))));
    }

    /** Deletes the work folder, so the stack about to start has fresh data and logs. */
    public void emptyWork() {
        try {
            if (Files.exists(work)) {
                PathUtils.deleteDirectory(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty " + work, e);
        }
    }

    public StackLayout withEar(Path otherEar) {
        return new StackLayout(wildflyHome, otherEar, artemisHome, brokerConfig, work);
    }

    private static Path required(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("system property " + key + " is not set (the Maven build sets it)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(key + " = " + path + " does not exist: build the project first (mvn verify)");
        }
        return path;
    }
}
