package dev.hookbridge.faults.support;

import dev.hookbridge.stack.ArtemisBroker;
import dev.hookbridge.stack.Ports;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.StackLayout;
import dev.hookbridge.testsupport.BrokerManagement;
import dev.hookbridge.testsupport.TestPorts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fault suite's own durable stack (PostgreSQL with fsync on, the broker, WildFly), started once
 * per suite run with fresh data and stopped by the stack's shutdown hook. Its ports are the test
 * ports plus {@value #PORT_OFFSET} plus HOOKBRIDGE_TEST_PORT_SHIFT, so it never meets the system
 * tests' stack, even one still shutting down. With {@code -Dhookbridge.faults.cluster=true} (the
 * suite's second run, fault-suite/pom.xml) it is a cluster: two WildFly nodes behind the load
 * balancer, on an Artemis primary/backup pair, and the suite's requests go through the balancer.
 */
public final class FaultStack {

    public static final int PORT_OFFSET = 1000;

    /**
     * Delays between outbound attempts: 4 attempts in about 22 s, so the retry window fits in a test;
     * the long last delay leaves time to bring a receiver back before the last attempt.
     */
    public static final String RETRY_SCHEDULE = "PT1S,PT1S,PT20S";

    private static Stack stack;

    private FaultStack() {
    }

    public static synchronized Stack get() {
        if (stack == null) {
            StackLayout layout = StackLayout.fromSystemProperties();
            layout.emptyWork();
            stack = cluster()
                    ? Stack.startCluster(layout, ports(), true, settings())
                    : Stack.start(layout, ports(), true, settings());
        }
        return stack;
    }

    public static boolean cluster() {
        return Boolean.getBoolean("hookbridge.faults.cluster");
    }

    /**
     * The broker that serves clients now: the single broker, or whichever of the pair is active (the
     * primary when both are up, after a fail-back too). Fails when none is.
     */
    public static ArtemisBroker activeBroker() {
        Stack running = get();
        return Stream.concat(Stream.of(running.broker()), running.backupBroker().stream())
                .filter(ArtemisBroker::active).findFirst()
                .orElseThrow(() -> new IllegalStateException("no broker of the stack is active"));
    }

    public static Ports ports() {
        return TestPorts.offsetBy(PORT_OFFSET);
    }

    /** Where webhooks and API calls go: the load balancer of a cluster, else the one node. */
    public static String baseUrl() {
        Stack running = get();
        return running.balancer().map(balancer -> balancer.baseUrl()).orElse(running.wildfly().baseUrl());
    }

    /** The active broker's management API, as ops reach it (here: the transactions it holds prepared). */
    public static BrokerManagement brokerManagement() {
        return new BrokerManagement(activeBroker());
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("hookbridge.delivery.allow-private-networks", "true");
        settings.put("hookbridge.delivery.retry-schedule", RETRY_SCHEDULE);
        // The lease is this plus 30 s: a dead node's claims come back after about 35 s.
        settings.put("hookbridge.delivery.timeout", "PT5S");
        // Narayana's recovery manager scans every 2 minutes by default; the kill cycles would wait most
        // of their time for it. A scan every 10 s, with 2 s between its two passes, keeps a cycle short.
        settings.put("RecoveryEnvironmentBean.periodicRecoveryPeriod", "10");
        settings.put("RecoveryEnvironmentBean.recoveryBackoffPeriod", "2");
        // Messages dead-lettered while PostgreSQL was down go back to the queue within 5 s of its return
        // instead of 30 s (StrandedEventRescue), so the reconciliation after a long outage waits less.
        settings.put("hookbridge.inbound.rescue-interval", "PT5S");
        return settings;
    }
}
