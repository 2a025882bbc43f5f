package dev.hookbridge.faults.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's result table (fault, cycles, requests sent, acknowledged, found, duplicates, lost),
 * printed and rewritten to {@code target/fault-table.md} each time a fault adds its row, so a run
 * that fails half-way still leaves the rows it measured.
 */
public final class FaultTable {

    /**
     * @param acknowledged what the system confirmed (200 to a webhook, 202 to a publication); for
     *                     hostile input: requests that were accepted (must be 0)
     * @param found        acknowledged items found at the reconciliation (inbox PROCESSED and
     *                     published; outbound: received by the receiver)
     * @param duplicates   items whose effect happened more than once
     * @param lost         acknowledged items not found (must be 0)
     * @param note         what else was measured (prepared transactions, 503s, heap)
     */
    public record Row(String fault, int cycles, long sent, long acknowledged, long found, long duplicates, long lost,
                      String note) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private FaultTable() {
    }

    public static synchronized void add(Row row) {
        ROWS.add(row);
        String table = render();
        System.out.println("\nFault suite (" + Profile.current().name() + "):\n" + table);
        String file = System.getProperty("hookbridge.faults.table");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), "Fault suite, profile " + Profile.current().name() + "\n\n" + table);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String render() {
        StringBuilder out = new StringBuilder(
                "| fault | cycles | requests sent | acknowledged | found | duplicates | lost | notes |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : ROWS) {
            out.append("| ").append(r.fault()).append(" | ").append(r.cycles()).append(" | ").append(r.sent())
                    .append(" | ").append(r.acknowledged()).append(" | ").append(r.found()).append(" | ")
                    .append(r.duplicates()).append(" | ").append(r.lost()).append(" | ").append(r.note()).append(" |\n");
        }
        return out.toString();
    }
}
