package dev.hookbridge.benchmark;

import dev.hookbridge.benchmark.server.BaselineApplication;
import dev.hookbridge.benchmark.server.EmptyResource;
import dev.hookbridge.benchmark.server.InboundProcessingSwitch;
import dev.hookbridge.benchmark.server.XaBaselineTransaction;
import dev.hookbridge.benchmark.server.XaLoopResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Packs the baseline WAR (package {@code server}) and hot-deploys it beside the EAR by dropping it
 * into the server's deployments folder, whose scanner answers with a .deployed or .failed marker.
 */
final class BaselineWar {

    static final String NAME = "benchmark-baseline.war";

    private BaselineWar() {
    }

    static void deploy(Path deployments) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, NAME)
                .addClasses(BaselineApplication.class, EmptyResource.class, XaLoopResource.class, XaBaselineTransaction.class,
                        InboundProcessingSwitch.class);
        Path target = deployments.resolve(NAME);
        war.as(ZipExporter.class).exportTo(target.toFile(), true);
        Path deployed = deployments.resolve(NAME + ".deployed");
        Path failed = deployments.resolve(NAME + ".failed");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(deployed)) {
            if (Files.exists(failed)) {
                try {
                    throw new IllegalStateException("the baseline WAR did not deploy: " + Files.readString(failed));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the baseline WAR was not deployed within 2 minutes");
            }
            Database.sleep(200);
        }
    }
}
