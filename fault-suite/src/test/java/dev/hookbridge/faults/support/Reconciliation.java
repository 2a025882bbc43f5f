package dev.hookbridge.faults.support;

import dev.hookbridge.testsupport.Waits;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The end of every inbound fault: waits (bounded) until XA recovery has resolved every prepared
 * transaction and no inbox row of the source is RECEIVED any more, then compares three views. Acknowledged ids (what the gateway answered 200), the inbox rows
 * (what the database committed) and the publications on {@code webhooks.events} (the processing
 * effect). Every acknowledged id must be in the inbox; every inbox row, acknowledged or not (a
 * commit whose answer the kill swallowed), must be PROCESSED and published exactly once, except the
 * events a fault makes processing refuse for good: those must be DEAD and never published.
 */
public record Reconciliation(int acknowledged, int found, int duplicates, int lost, int inboxRows,
                             int unacknowledgedButStored, List<String> problems) {

    public static Reconciliation of(String source, Set<String> acknowledged, EventsTap tap, Duration limit) {
        return of(source, acknowledged, id -> false, tap, limit);
    }

    /** @param refused the event ids whose processing always fails: they end DEAD, never published */
    public static Reconciliation of(String source, Set<String> acknowledged, Predicate<String> refused, EventsTap tap,
                                    Duration limit) {
        // A transaction the fault cut after every resource had prepared is decided (committed) and the
        // webhook answered 200, but its row reaches the database only when XA recovery commits the
        // prepared branch: wait for recovery before reading.
        Waits.awaitThroughErrors("PostgreSQL's prepared transactions to be resolved").atMost(limit)
                .until(Database::preparedTransactions, n -> n == 0);
        Waits.awaitThroughErrors("the broker's prepared transactions to be resolved").atMost(limit)
                .until(() -> FaultStack.brokerManagement().preparedTransactions().size(), n -> n == 0);
        try {
            Waits.awaitThroughErrors("every inbox row of " + source + " to leave RECEIVED").atMost(limit)
                    .until(() -> Database.countInbox(source, "RECEIVED"), n -> n == 0);
        } catch (ConditionTimeoutException stillReceived) {
            // Reconciled all the same: the rows left RECEIVED are counted as lost and listed as problems.
        }
        Map<String, String> inbox = Database.inboxStatuses(source);
        Map<String, Integer> published = tap.drain(Duration.ofSeconds(3), limit);
        List<String> problems = new ArrayList<>();
        int found = 0;
        int lost = 0;
        for (String id : acknowledged) {
            if (expected(id, refused).equals(inbox.get(id)) && publishedAsExpected(id, published.getOrDefault(id, 0), refused)) {
                found++;
            } else {
                lost++;
                if (problems.size() < 20) {
                    problems.add("acknowledged " + id + ": inbox " + inbox.get(id) + ", published " + published.getOrDefault(id, 0) + "x");
                }
            }
        }
        int duplicates = 0;
        Map<String, String> misplaced = new TreeMap<>();
        for (Map.Entry<String, String> row : inbox.entrySet()) {
            int times = published.getOrDefault(row.getKey(), 0);
            if (times > 1) {
                duplicates++;
                problems.add(row.getKey() + " published " + times + " times");
            }
            if (!expected(row.getKey(), refused).equals(row.getValue()) || !publishedAsExpected(row.getKey(), times, refused)) {
                misplaced.put(row.getKey(), row.getValue() + ", published " + times + "x");
            }
        }
        misplaced.entrySet().stream().limit(20).forEach(e -> problems.add("inbox " + e.getKey() + ": " + e.getValue()));
        published.keySet().stream().filter(id -> !inbox.containsKey(id)).limit(20)
                .forEach(id -> problems.add("published without an inbox row: " + id));
        int unacknowledgedButStored = (int) inbox.keySet().stream().filter(id -> !acknowledged.contains(id)).count();
        return new Reconciliation(acknowledged.size(), found, duplicates, lost, inbox.size(), unacknowledgedButStored, problems);
    }

    private static String expected(String id, Predicate<String> refused) {
        return refused.test(id) ? "DEAD" : "PROCESSED";
    }

    /** Published at least once (more is counted as a duplicate), or never for a refused event. */
    private static boolean publishedAsExpected(String id, int times, Predicate<String> refused) {
        return refused.test(id) ? times == 0 : times >= 1;
    }
}
