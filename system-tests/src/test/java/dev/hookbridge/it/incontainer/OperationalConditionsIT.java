package dev.hookbridge.it.incontainer;

import dev.hookbridge.it.support.SystemTest;
import dev.hookbridge.operations.OperationalConditions;
import dev.hookbridge.operations.OperationalEvent;
import dev.hookbridge.operations.OperationalEventType;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watched condition (docs/operations.md, "Operational events") reported by many callers at once
 * is announced by exactly one of them, in the reporting transaction; once it ended, its next
 * beginning is announced again. A condition name of its own keeps this test apart from the timers
 * that report the real conditions.
 */
@SystemTest
@ExtendWith(ArquillianExtension.class)
class OperationalConditionsIT {

    private static final int REPORTERS = 8;

    @Deployment
    static WebArchive deployment() {
        return InContainer.deployment("operational-conditions-test", OperationalConditionsIT.class);
    }

    @EJB(lookup = "java:global/hookbridge/hookbridge-ejb/OperationalConditions!dev.hookbridge.operations.OperationalConditions")
    OperationalConditions conditions;

    @Test
    void ofManyReportsOfABeginningExactlyOneAnnouncesIt() throws Exception {
        String condition = "test." + UUID.randomUUID();

        assertThat(announcements(reportAtOnce(condition, true))).as("first beginning").isEqualTo(1);
        assertThat(announcements(reportAtOnce(condition, true))).as("while it lasts").isZero();

        assertThat(conditions.report(condition, false, event())).as("its end").isFalse();
        assertThat(announcements(reportAtOnce(condition, true))).as("its next beginning").isEqualTo(1);
    }

    private List<Boolean> reportAtOnce(String condition, boolean holds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(REPORTERS);
        try {
            List<Callable<Boolean>> reports = new ArrayList<>();
            for (int i = 0; i < REPORTERS; i++) {
                reports.add(() -> conditions.report(condition, holds, event()));
            }
            List<Boolean> announced = new ArrayList<>();
            for (Future<Boolean> report : pool.invokeAll(reports)) {
                announced.add(report.get());
            }
            return announced;
        } finally {
            pool.shutdown();
        }
    }

    private static long announcements(List<Boolean> reports) {
        return reports.stream().filter(Boolean::booleanValue).count();
    }

    private static OperationalEvent event() {
        return OperationalEvent.withoutEndpoint(OperationalEventType.OUTBOUND_BACKLOG, "/dashboard/#/deliveries?status=PENDING",
                Map.of("test", true));
    }
}
