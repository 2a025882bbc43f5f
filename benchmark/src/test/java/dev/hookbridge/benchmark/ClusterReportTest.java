package dev.hookbridge.benchmark;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster tables' derived cells. */
class ClusterReportTest {

    @Test
    void stackTotalLeavesOutTheBenchmarksOwnJvm() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("node 1 WildFly", 1.0);
        cpu.put(ClusterProcesses.POSTGRESQL, 0.5);
        cpu.put(ClusterProcesses.BENCHMARK_JVM, 3.0);

        assertThat(ClusterReport.stackTotal(cpu)).isEqualTo(1.5);
    }

    @Test
    void sharesGiveEachNodesCountAndPercentage() {
        Map<String, NodeCounters> byNode = new LinkedHashMap<>();
        byNode.put("node 1 WildFly", new NodeCounters(300, 0, 0, 0));
        byNode.put("node 2 WildFly", new NodeCounters(100, 0, 0, 0));

        assertThat(ClusterReport.shares(byNode, NodeCounters::accepted)).isEqualTo("node 1 300 (75 %) · node 2 100 (25 %)");
        assertThat(ClusterReport.shares(byNode, NodeCounters::delivered)).isEqualTo("node 1 0.00 · node 2 0.00");
    }
}
