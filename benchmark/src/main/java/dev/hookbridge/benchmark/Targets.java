package dev.hookbridge.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets, each beside the figure it is judged by, evaluated from the phases' results. Where a
 * reference is a figure of an earlier run (p50 at one client, outbound), it is that run's, on its
 * machine: compare with care across machines.
 */
record Targets(Map<Integer, InboundWindow> inbound, double minBaseline1And2At64, Map<Integer, LoadResult> baseline5,
               List<LagResult> lag, DrainResult drain, OutboundResult outbound, GrowthResult growth) {

    /** The gateway's targets: inbound against baselines 1 and 2, processing lag, outbound, growth. */
    List<Target> gatewayTargets() {
        List<Target> targets = new ArrayList<>();
        LoadResult in64 = inbound.get(64).accepted();
        double sustained = inbound.get(64).sustainedPerSecond();
        double ratio = sustained / minBaseline1And2At64;
        targets.add(new Target("inbound rate", "Inbound at 64 clients ≥ 0.5 × min(baseline 1, baseline 2), sustained with processing running",
                format(ratio) + " × (" + format(sustained) + "/s vs " + format(minBaseline1And2At64) + "/s)", ratio >= 0.5));
        targets.add(new Target("inbound p99", "Inbound p99 at 64 clients ≤ 50 ms", format(in64.millis(99)) + " ms",
                in64.millis(99) <= 50));
        for (LagResult l : lag) {
            long rate = (long) l.offeredPerSecond();
            targets.add(new Target("lag at " + rate + "/s", "Processing lag p99 ≤ 250 ms at " + rate + "/s",
                    format(l.lagP99Ms()) + " ms", l.lagP99Ms() <= 250 && l.drained()));
        }
        double toB4 = outbound.ratioToBaseline4();
        targets.add(new Target("outbound", "Outbound ≥ 0.5 × baseline 4", format(toB4) + " × ("
                + format(outbound.burst().deliveriesPerSecond()) + "/s vs " + format(outbound.baseline4PerSecond()) + "/s)",
                toB4 >= 0.5));
        LoadResult firstAttempt = outbound.publishToFirstAttempt();
        targets.add(new Target("publish to first attempt", "Publish → first attempt p50 ≤ 20 ms", format(firstAttempt.millis(50)) + " ms",
                firstAttempt.millis(50) <= 20 && firstAttempt.errors() == 0));
        GrowthPoint before = growth.before();
        GrowthPoint after = growth.after();
        targets.add(new Target("growth", "Flat cost with " + String.format("%,d", growth.oldRows())
                + " old rows (inbound/s ≥ 80 % of before; claim p50 ≤ 2 × before + 1 ms)",
                format(after.inboundPerSecond16Clients() / before.inboundPerSecond16Clients()) + " × inbound; claim "
                        + format(before.claimStatementP50Ms()) + " → " + format(after.claimStatementP50Ms()) + " ms",
                growth.flat()));
        return targets;
    }

    /** The inbound path's targets: sustained rate against baseline 5, latency, drain, lag, and no outbound regression. */
    List<Target> inboundTargets() {
        List<Target> targets = new ArrayList<>();
        double b5at64 = baseline5.get(64).perSecond();
        double sustained64 = inbound.get(64).sustainedPerSecond();
        targets.add(new Target("sustained at 64", "Sustained inbound at 64 clients ≥ 1.0 × baseline 5 and ≥ 1,000/s",
                format(sustained64) + "/s = " + format(sustained64 / b5at64) + " × b5 (" + format(b5at64) + "/s)",
                sustained64 >= b5at64 && sustained64 >= 1000));
        LoadResult b5at16 = baseline5.get(16);
        if (b5at16 != null) {
            double sustained16 = inbound.get(16).sustainedPerSecond();
            targets.add(new Target("sustained at 16", "Sustained inbound at 16 clients ≥ 0.8 × baseline 5 at 16",
                    format(sustained16) + "/s = " + format(sustained16 / b5at16.perSecond()) + " × b5 ("
                            + format(b5at16.perSecond()) + "/s)", sustained16 >= 0.8 * b5at16.perSecond()));
        } else {
            targets.add(new Target(null, "Sustained inbound at 16 clients ≥ 0.8 × baseline 5 at 16",
                    "baseline 5 not run at 16 (quick run)", null));
        }
        double p99 = inbound.get(64).accepted().millis(99);
        targets.add(new Target("p99 at 64", "Inbound p99 at 64 clients ≤ 100 ms", format(p99) + " ms", p99 <= 100));
        double p50at1 = inbound.get(1).accepted().millis(50);
        targets.add(new Target("p50 at 1", "Inbound p50 at 1 client no worse than 7.95 ms (e7ce15f, another machine)",
                format(p50at1) + " ms", p50at1 <= 7.95));
        double drainPerSecond = drain.processedPerSecond();
        targets.add(new Target("drain", "Drain rate ≥ 2 × sustained at 64 clients", format(drainPerSecond) + "/s = "
                + format(drainPerSecond / sustained64) + " × sustained", drainPerSecond >= 2 * sustained64));
        LagResult highest = lag.get(lag.size() - 1);
        // A backlog left undrained leaves the lag unbounded.
        double lagP99 = highest.drained() ? highest.lagP99Ms() : Double.POSITIVE_INFINITY;
        targets.add(new Target("lag", "Processing lag p99 ≤ 250 ms, open loop at " + (long) highest.offeredPerSecond() + "/s",
                format(lagP99) + " ms", lagP99 <= 250));
        double outboundPerSecond = outbound.burst().deliveriesPerSecond();
        double firstAttemptP50 = outbound.publishToFirstAttempt().millis(50);
        targets.add(new Target("outbound", "Outbound deliveries/s and publish → first attempt p50: no regression from 1,448/s and 1.52 ms (e7ce15f, another machine)",
                format(outboundPerSecond) + "/s, " + format(firstAttemptP50) + " ms",
                outboundPerSecond >= 1448 && firstAttemptP50 <= 1.52));
        return targets;
    }

    private static String format(double value) {
        return Report.format(value);
    }
}
