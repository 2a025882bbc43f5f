package dev.hookbridge.benchmark;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tally of a load's answers other than 200. */
class FailedRequestsTest {

    @Test
    void countsEveryStatusButTwoHundredAndTheRequestsWithoutAnAnswer() {
        FailedRequests failed = new FailedRequests();
        failed.answer(200, true);
        failed.answer(503, true);
        failed.answer(503, true);
        failed.answer(503, false);
        failed.answer(500, true);
        failed.noAnswer();

        assertThat(failed.counts()).containsExactly(Map.entry("500", 1L), Map.entry("503", 2L), Map.entry("503 without a body", 1L),
                Map.entry(FailedRequests.NO_ANSWER, 1L));
        assertThat(FailedRequests.describe(failed.counts())).isEqualTo("500 × 1 · 503 × 2 · 503 without a body × 1 · no answer × 1");
    }

    @Test
    void nothingFailedReadsNone() {
        assertThat(FailedRequests.describe(new FailedRequests().counts())).isEqualTo("none");
    }
}
