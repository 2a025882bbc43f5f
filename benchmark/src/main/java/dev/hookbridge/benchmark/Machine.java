package dev.hookbridge.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/** The machine and the run the figures come from: when, how many cores and how much memory, which JVM, which plan. */
record Machine(String date, int cores, double memoryGiB, String java, double loadAverageAtStart, String variant,
               String durable) {

    /** This machine now, for a run of {@code variant} with the durability settings {@code durable}. */
    static Machine now(String variant, String durable) {
        return new Machine(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize()
                        / (1024.0 * 1024 * 1024),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), variant, durable);
    }
}
