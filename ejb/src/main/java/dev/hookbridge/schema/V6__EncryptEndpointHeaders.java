package dev.hookbridge.schema;

import dev.hookbridge.crypto.SecretCipher;
import dev.hookbridge.json.Json;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Endpoint header values often hold a receiver's credentials (an API key, a bearer token): from this
 * version they are stored encrypted like secrets. Renames the column so that its name says so, and
 * encrypts the values stored before. Java, not SQL, because only the application holds the key; the
 * key is asked for only when there is something to encrypt.
 */
class V6__EncryptEndpointHeaders extends BaseJavaMigration {

    /** The column at this version: a JSON object of strings, in text. */
    private static final Type STRING_MAP = new LinkedHashMap<String, String>() { }.getClass().getGenericSuperclass();

    private final Supplier<SecretCipher> cipher;

    V6__EncryptEndpointHeaders(Supplier<SecretCipher> cipher) {
        this.cipher = cipher;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement rename = connection.createStatement()) {
            rename.execute("alter table endpoint rename column headers to headers_encrypted");
        }
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select id, headers_encrypted from endpoint where headers_encrypted <> '{}'");
             PreparedStatement update = connection.prepareStatement("update endpoint set headers_encrypted = ? where id = ?")) {
            while (rows.next()) {
                Map<String, String> encrypted = new LinkedHashMap<>();
                Map<String, String> plain = Json.JSONB.fromJson(rows.getString(2), STRING_MAP);
                plain.forEach((name, value) -> encrypted.put(name, cipher.get().encrypt(value)));
                update.setString(1, Json.JSONB.toJson(encrypted));
                update.setString(2, rows.getString(1));
                update.executeUpdate();
            }
        }
    }
}
