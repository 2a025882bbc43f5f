package dev.hookbridge.benchmark;

import dev.hookbridge.stack.Credentials;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Baseline 2: the inbox row inserted and committed with plain JDBC (one connection per client, one
 * local commit per row) into a copy of the inbox table in the same PostgreSQL.
 */
final class JdbcBaseline implements AutoCloseable {

    private static final String INSERT = """
            insert into bench_inbox (source, event_id, event_type, status, body, body_sha256, content_type,
                                     headers, received_at, attempts, conflicts)
            values ('jdbc-baseline', ?, 'bench.jdbc', 'RECEIVED', ?, ?, 'application/json', ?, ?, 0, 0)
            on conflict (source, event_id) do nothing
            returning id""";

    private final String url;
    private final String prefix;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<PreparedStatement> statement = new ThreadLocal<>();

    JdbcBaseline(String url, String prefix) {
        this.url = url;
        this.prefix = prefix;
    }

    boolean insert(long sequence) throws SQLException {
        PreparedStatement insert = statement.get();
        if (insert == null) {
            Connection connection = DriverManager.getConnection(url, Credentials.DB_USER, Credentials.DB_PASSWORD);
            connection.setAutoCommit(false);
            connections.add(connection);
            insert = connection.prepareStatement(INSERT);
            statement.set(insert);
        }
        String eventId = prefix + "-" + sequence;
        byte[] body = GatewayClient.body(eventId);
        insert.setString(1, eventId);
        insert.setBytes(2, body);
        insert.setBytes(3, sha256(body));
        insert.setString(4, "{\"content-type\":[\"application/json\"]}");
        insert.setTimestamp(5, Timestamp.from(Instant.now()));
        try (var rows = insert.executeQuery()) {
            rows.next();
        }
        insert.getConnection().commit();
        return true;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing after the measurement; nothing depends on it.
            }
        }
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
