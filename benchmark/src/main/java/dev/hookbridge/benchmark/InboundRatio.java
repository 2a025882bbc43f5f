package dev.hookbridge.benchmark;

/** Inbound at one number of clients beside the baselines it is held against. */
record InboundRatio(int clients, double acceptedPerSecond, double sustainedPerSecond, double minBaseline1And2,
                    double baseline5) {

    double ratioToMinBaseline1And2() {
        return sustainedPerSecond / minBaseline1And2;
    }

    double ratioToBaseline5() {
        return sustainedPerSecond / baseline5;
    }
}
