package dev.hookbridge.faults.support;

import dev.hookbridge.stack.Credentials;
import dev.hookbridge.testsupport.Waits;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fault stack's database directly, as the reconciliation's ground truth: what is really
 * committed, and which two-phase transactions PostgreSQL still holds prepared (in doubt).
 */
public final class Database {

    private Database() {
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(FaultStack.get().postgres().jdbcUrl(), Credentials.DB_USER, Credentials.DB_PASSWORD);
    }

    /** Transactions prepared (PREPARE TRANSACTION) and neither committed nor rolled back yet. */
    public static int preparedTransactions() {
        return queryInt("select count(*) from pg_prepared_xacts");
    }

    /** Every inbox row of a source: event id to status. */
    public static Map<String, String> inboxStatuses(String source) {
        Map<String, String> rows = new HashMap<>();
        query("select event_id, status from inbox_event where source = ?", List.of(source),
                rs -> rows.put(rs.getString(1), rs.getString(2)));
        return rows;
    }

    public static int countInbox(String source, String status) {
        return queryInt("select count(*) from inbox_event where source = ? and status = ?", source, status);
    }

    public static int queryInt(String sql, Object... parameters) {
        List<Integer> result = new ArrayList<>();
        query(sql, List.of(parameters), rs -> result.add(rs.getInt(1)));
        return result.get(0);
    }

    /** Runs statements that answer no rows, e.g. a fault's own trigger; several may be separated by semicolons. */
    public static void execute(String sql) {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query as lists of strings. */
    public static List<List<String>> rows(String sql, Object... parameters) {
        List<List<String>> rows = new ArrayList<>();
        query(sql, List.of(parameters), rs -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        });
        return rows;
    }

    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, List<Object> parameters, RowHandler handler) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Waits (bounded) until every delivery of the endpoint is DELIVERED. */
    public static void awaitEveryDeliveryDelivered(String endpoint, Duration limit) {
        Waits.awaitThroughErrors("every outbound event to be delivered").atMost(limit)
                .until(() -> queryInt("select count(*) from delivery where endpoint_id = ? and status <> 'DELIVERED'", endpoint),
                        n -> n == 0);
    }
}
