package dev.hookbridge.benchmark;

/** A backlog of RECEIVED events processed with no intake: its size, how long it took, and whether it all went. */
record DrainResult(long backlog, double seconds, boolean drained) {

    double processedPerSecond() {
        return backlog / seconds;
    }
}
