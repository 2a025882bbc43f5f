package dev.hookbridge.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gauge {@code hookbridge_ready{check}}: 1 while the application's readiness check of that name
 * (database, broker) answers UP, 0 while it answers DOWN or fails. Prometheus cannot read
 * {@code /health/ready}, and an alert on "not ready" needs a series; the checks run on a timer every
 * {@value #REFRESH_MILLIS} ms, so a scrape costs no probe.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReadinessGauge {

    static final long REFRESH_MILLIS = 5_000;

    @Resource
    TimerService timers;

    @Inject
    @Readiness
    Instance<HealthCheck> readinessChecks;

    @Inject
    MeterRegistry registry;

    /** The last value of each check, by name; the gauges read it. */
    private final Map<String, double[]> values = new ConcurrentHashMap<>();

    @PostConstruct
    void startTimer() {
        timers.createIntervalTimer(0, REFRESH_MILLIS, new TimerConfig("readiness-gauge", false));
    }

    @Timeout
    void refresh() {
        for (HealthCheck check : readinessChecks) {
            HealthCheckResponse response = check.call();
            double value = response.getStatus() == HealthCheckResponse.Status.UP ? 1 : 0;
            values.computeIfAbsent(response.getName(), this::registerGauge)[0] = value;
        }
    }

    private double[] registerGauge(String checkName) {
        double[] holder = {Double.NaN};
        // The registry holds the gauge's object weakly; the map holds it for as long as this singleton lives.
        registry.gauge("hookbridge.ready", Tags.of("check", checkName), holder, h -> h[0]);
        return holder;
    }
}
