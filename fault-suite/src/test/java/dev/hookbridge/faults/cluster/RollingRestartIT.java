package dev.hookbridge.faults.cluster;

import dev.hookbridge.faults.support.Api;
import dev.hookbridge.faults.support.Database;
import dev.hookbridge.faults.support.EventsTap;
import dev.hookbridge.faults.support.FaultStack;
import dev.hookbridge.faults.support.FaultTable;
import dev.hookbridge.faults.support.InboundLoad;
import dev.hookbridge.faults.support.InboundOutcome;
import dev.hookbridge.faults.support.Profile;
import dev.hookbridge.stack.LoadBalancer;
import dev.hookbridge.stack.Stack;
import dev.hookbridge.stack.WildFlyServer;
import dev.hookbridge.testsupport.Receiver;
import dev.hookbridge.testsupport.Receiver.Answer;
import dev.hookbridge.testsupport.Waits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each WildFly node of the cluster is restarted in turn, as ops roll out a new version: drained at
 * the load balancer, so it gets no new request; stopped gracefully (suspended, so its work in flight
 * finishes, then shut down); started again and made ready at the balancer. Under inbound load through
 * the balancer and with outbound deliveries to send. No answer is a 5xx other than 503 with
 * Retry-After, every acknowledged webhook is processed and published once, and every published event
 * is received. Runs in the full suite's second run, on its cluster.
 */
class RollingRestartIT {

    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Duration SUSPEND_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void eachNodeRestartedInTurnUnderLoadLosesNothing() {
        assumeTrue(FaultStack.cluster(), "runs on the suite's cluster (-Dhookbridge.faults.cluster=true)");
        Profile profile = Profile.current();
        // Two graceful stops and two boots take minutes: the full suite's, not mvn verify's.
        assumeTrue("full".equals(profile.name()), "rolling restarts run in the full suite (-Dfaults=full)");
        Stack stack = FaultStack.get();
        LoadBalancer balancer = stack.balancer().orElseThrow();
        List<WildFlyServer> nodes = new ArrayList<>(List.of(stack.wildfly()));
        nodes.addAll(stack.otherNodes());
        String source = Api.uniqueName("rolling");
        String secret = Api.createStandardSource(source, Map.of());
        EventsTap tap = EventsTap.subscribe(source);

        try (Receiver receiver = Receiver.start().otherwise(Answer.slow(Duration.ofMillis(300), 200))) {
            String type = Api.uniqueName("rolling-out");
            // Limited so that the backlog lasts through both restarts: the stops meet attempts in flight.
            int ratePerSecond = Math.max(1, profile.dispatchEvents() / 90);
            String endpoint = Api.createEndpoint(receiver.url(), type, ratePerSecond);
            Set<String> published = new HashSet<>();
            for (int i = 0; i < profile.dispatchEvents(); i++) {
                published.add(Api.publish(type, type + "-" + i));
            }

            List<Long> stopSeconds = new ArrayList<>();
            InboundLoad load = InboundLoad.start(FaultStack.baseUrl(), source, secret, profile.loadClients());
            try {
                for (WildFlyServer node : nodes) {
                    Waits.pause(profile.loadPerCycle());
                    Instant stopping = Instant.now();
                    balancer.drain(node.ports());
                    node.stopGracefully(SUSPEND_TIMEOUT);
                    stopSeconds.add(Duration.between(stopping, Instant.now()).toSeconds());
                    node.start();
                    balancer.undrain(node.ports());
                    // Back in the rotation (ready, and seen so by the balancer's checks) before the next stop.
                    Waits.await(node.baseUrl() + " back in the balancer's rotation").atMost(LIMIT)
                            .until(() -> balancer.inRotation(node.ports()));
                    load.awaitMoreAcknowledged("after " + node.baseUrl() + " was restarted", LIMIT);
                }
                Waits.pause(profile.loadPerCycle());
            } finally {
                load.stop();
            }

            Database.awaitEveryDeliveryDelivered(endpoint, LIMIT);
            Map<String, Integer> received = receiver.arrivalsPerWebhookId();
            int outboundLost = (int) published.stream().filter(id -> !received.containsKey(id)).count();
            int outboundTwice = (int) received.values().stream().filter(n -> n > 1).count();

            InboundOutcome outcome = InboundOutcome.of(load, source, tap, LIMIT);
            FaultTable.add(outcome.row("rolling restart: each of 2 WildFly nodes drained at the balancer, stopped gracefully and started, under inbound and outbound load",
                    nodes.size(), String.format("outbound endpoint limited to %d/s: %d published, %d never received, %d received twice"
                                    + " (at least once); graceful stops took %s s",
                            ratePerSecond, published.size(), outboundLost, outboundTwice, stopSeconds)));

            assertThat(load.noAnswer()).as("requests without an answer (every stop was graceful)").isZero();
            assertThat(outboundLost).as("outbound events never received").isZero();
            outcome.assertNothingLostOrDoubled();
        }
    }
}
