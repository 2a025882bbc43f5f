package dev.hookbridge.benchmark;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each target judged from sample results: met or missed, and the measured figure beside it. */
class TargetsTest {

    /** A load whose every operation took {@code micros} (under 2,048, so the histogram keeps it exactly). */
    private static LoadResult load(long count, long errors, double seconds, long micros) {
        Histogram latency = Load.histogram();
        latency.recordValue(micros);
        return new LoadResult("sample", "sample", count, errors, seconds, latency);
    }

    private static InboundWindow window(int clients, LoadResult accepted, double processedPerSecond) {
        return new InboundWindow(clients, accepted, processedPerSecond, 0, 0, 1.0, true, new WebhookCost(Map.of(), 3.0, 0.5));
    }

    private static Targets targets(Map<Integer, LoadResult> baseline5) {
        return new Targets(
                Map.of(1, window(1, load(200, 0, 10.0, 1500), 20.0),
                        16, window(16, load(10_000, 0, 10.0, 1000), 900.0),
                        64, window(64, load(15_000, 0, 10.0, 1200), 1400.0)),
                2000.0, baseline5,
                List.of(new LagResult(700.0, "50 % of max", load(2800, 0, 4.0, 1000), 2800, 2.0, 20.0, true),
                        new LagResult(1000.0, "fixed", load(4000, 0, 4.0, 1000), 3000, 5.0, 30.0, false)),
                new DrainResult(3000, 1.0, true),
                new OutboundResult(500, new OutboundBurst(1500.0, 1600.0, 2.0), 5000.0, 20, load(60, 0, 3.0, 1500)),
                new GrowthResult(100_000, true, 12.0,
                        new GrowthPoint(10, 20, 30, 0.5, 1.25, 800.0, 20.5, 1.5, 3.0),
                        new GrowthPoint(100_010, 100_020, 100_030, 0.75, 1.5, 760.0, 22.0, 1.75, 3.5)));
    }

    @Test
    void gatewayTargets() {
        List<Target> targets = targets(Map.of(64, load(12_000, 0, 10.0, 1000), 16, load(10_000, 0, 10.0, 1000)))
                .gatewayTargets();

        assertThat(targets).extracting(Target::name, Target::measured, Target::met).containsExactly(
                tuple("inbound rate", "0.70 × (1,400/s vs 2,000/s)", true),
                tuple("inbound p99", "1.20 ms", true),
                tuple("lag at 700/s", "20.0 ms", true),
                tuple("lag at 1000/s", "30.0 ms", false),
                tuple("outbound", "0.30 × (1,500/s vs 5,000/s)", false),
                tuple("publish to first attempt", "1.50 ms", true),
                tuple("growth", "0.95 × inbound; claim 0.50 → 0.75 ms", true));
        assertThat(targets.get(6).target())
                .isEqualTo("Flat cost with 100,000 old rows (inbound/s ≥ 80 % of before; claim p50 ≤ 2 × before + 1 ms)");
    }

    @Test
    void inboundTargetsCountAnUndrainedBacklogAsUnboundedLag() {
        List<Target> targets = targets(Map.of(64, load(12_000, 0, 10.0, 1000), 16, load(10_000, 0, 10.0, 1000)))
                .inboundTargets();

        assertThat(targets).extracting(Target::name, Target::measured, Target::mark).containsExactly(
                tuple("sustained at 64", "1,400/s = 1.17 × b5 (1,200/s)", "met"),
                tuple("sustained at 16", "900/s = 0.90 × b5 (1,000/s)", "met"),
                tuple("p99 at 64", "1.20 ms", "met"),
                tuple("p50 at 1", "1.50 ms", "met"),
                tuple("drain", "3,000/s = 2.14 × sustained", "met"),
                tuple("lag", "Infinity ms", "MISSED"),
                tuple("outbound", "1,500/s, 1.50 ms", "met"));
        assertThat(targets.get(5).target()).isEqualTo("Processing lag p99 ≤ 250 ms, open loop at 1000/s");
    }

    @Test
    void withoutBaseline5AtSixteenClientsThatTargetIsNotEvaluated() {
        List<Target> targets = targets(Map.of(64, load(12_000, 0, 10.0, 1000))).inboundTargets();

        assertThat(targets.get(1)).isEqualTo(new Target(null, "Sustained inbound at 16 clients ≥ 0.8 × baseline 5 at 16",
                "baseline 5 not run at 16 (quick run)", null));
        assertThat(targets.get(1).mark()).isEqualTo("n/a");
    }
}
