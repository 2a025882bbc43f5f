package dev.hookbridge.faults.support;

import java.time.Duration;

/**
 * How hard the suite pushes: {@code short} inside {@code mvn verify} (CI), {@code full} with
 * {@code -Dfaults=full}. Every loop of the suite is bounded by these counts and by a time limit.
 */
public record Profile(String name, int wildflyKillCycles, int splitKillCycles, int loadClients, Duration loadPerCycle,
                      int hostileRequests, Duration hostileTimeLimit, int dispatchEvents,
                      int backendOutageCycles) {

    public static final Profile SHORT = new Profile("short", 3, 2, 6, Duration.ofSeconds(4), 3_000, Duration.ofMinutes(3), 200, 1);
    public static final Profile FULL = new Profile("full", 20, 10, 8, Duration.ofSeconds(6), 100_000, Duration.ofMinutes(20), 1_000, 3);

    /**
     * The profile, with {@code -Dhookbridge.faults.outage-cycles=N} (to repeat the outages, e.g. 20
     * in a row) overriding its backend outage cycles.
     */
    public static Profile current() {
        Profile profile = "full".equals(System.getProperty("hookbridge.faults", "short")) ? FULL : SHORT;
        String outageCycles = System.getProperty("hookbridge.faults.outage-cycles");
        return outageCycles == null ? profile : new Profile(profile.name, profile.wildflyKillCycles, profile.splitKillCycles, profile.loadClients,
                profile.loadPerCycle, profile.hostileRequests, profile.hostileTimeLimit, profile.dispatchEvents,
                Integer.parseInt(outageCycles));
    }
}
