package dev.hookbridge.benchmark;

/** The machine and the run the figures come from: when, how many cores and how much memory, which JVM, which plan. */
record Machine(String date, int cores, double memoryGiB, String java, double loadAverageAtStart, String variant,
               String durable) {
}
