package dev.hookbridge.benchmark;

import java.util.Map;

/** CPU seconds of each process from the first measurement to the end, and WildFly's heap after the run in MiB. */
record Resources(Map<String, Double> cpuSeconds, long heapCommittedMiB, long heapUsedMiB, long heapUsedAfterFullGcMiB) {

    double totalCpuSeconds() {
        return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
