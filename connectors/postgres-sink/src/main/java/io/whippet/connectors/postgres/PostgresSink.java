package io.whippet.connectors.postgres;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConnectorPlugin;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.connectors.api.PluginCounter;
import io.whippet.connectors.api.PluginMetrics;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.api.TopicMetadata;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Inserts each message as a row of {@code target_table} (spec §11): metadata columns and the
 * payload as {@code bytea}, {@code json}, {@code jsonb} or {@code text} ({@code payload_format}).
 * The primary key is (stream, topic, partition, offset) and inserts use {@code ON CONFLICT DO
 * NOTHING}, so a batch the runtime delivers again (at-least-once) adds no duplicate rows. One
 * transaction per {@code consume}, in JDBC batches of {@code batch_size}.
 *
 * <p>Table layout (created when {@code auto_create_table = true}):
 *
 * <pre>
 * iggy_stream text, iggy_topic text, iggy_partition_id bigint, iggy_offset bigint, -- primary key
 * iggy_id text, iggy_timestamp bigint, [iggy_checksum numeric(20)], [iggy_origin_timestamp bigint],
 * payload &lt;format&gt;, created_at timestamptz default now()
 * </pre>
 *
 * {@code include_metadata = false} keeps only the key columns and the payload. Thread-safety: one
 * connection, used under a lock ({@code max_connections} is not used); reopened after a failure.
 */
@ConnectorPlugin("postgres")
public final class PostgresSink implements Sink {
    private static final System.Logger LOG = System.getLogger(PostgresSink.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private String url = "";
    private String table = "";
    private String payloadFormat = "bytea";
    private int batchSize = 100;
    private boolean includeMetadata = true;
    private boolean includeChecksum;
    private boolean includeOriginTimestamp;
    private @Nullable Connection connection;
    private PluginCounter inserted = PluginMetrics.inMemory().counter("unused", "");

    @Override
    public void open(ConnectorContext context, JsonNode pluginConfig) {
        PluginConfig config = new PluginConfig(pluginConfig);
        url = jdbcUrl(config.string("connection_string", ""));
        table = config.string("target_table", "");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw PluginConfig.invalid("target_table", table, "a table name of letters, digits and _");
        }
        payloadFormat = config.string("payload_format", "bytea");
        if (!List.of("bytea", "json", "jsonb", "text").contains(payloadFormat)) {
            throw PluginConfig.invalid("payload_format", payloadFormat, "bytea, json, jsonb or text");
        }
        batchSize = (int) Math.max(1, config.number("batch_size", 100));
        includeMetadata = config.bool("include_metadata", true);
        includeChecksum = config.bool("include_checksum", false);
        includeOriginTimestamp = config.bool("include_origin_timestamp", false);
        inserted = context.metrics().counter("postgres_rows_inserted", "Rows the PostgreSQL sink inserted");
        lock.lock();
        try {
            Connection opened = connect();
            if (config.bool("auto_create_table", false)) {
                try (Statement statement = opened.createStatement()) {
                    statement.execute(createTableSql());
                }
                opened.commit();
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new WhippetException(ErrorCode.DISCONNECTED, "postgres: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Accepts {@code jdbc:postgresql://...} or {@code postgres[ql]://user:pass@host:port/db}. */
    static String jdbcUrl(String connection) {
        if (connection.startsWith("jdbc:postgresql:")) {
            return connection;
        }
        for (String scheme : List.of("postgresql://", "postgres://")) {
            if (connection.startsWith(scheme)) {
                String rest = connection.substring(scheme.length());
                int at = rest.lastIndexOf('@');
                if (at < 0) {
                    return "jdbc:postgresql://" + rest;
                }
                String user = rest.substring(0, at);
                String hostAndDb = rest.substring(at + 1);
                int colon = user.indexOf(':');
                String credentials = colon < 0
                        ? "user=" + user
                        : "user=" + user.substring(0, colon) + "&password=" + user.substring(colon + 1);
                return "jdbc:postgresql://" + hostAndDb + (hostAndDb.contains("?") ? "&" : "?") + credentials;
            }
        }
        throw PluginConfig.invalid(
                "connection_string", "<hidden>", "postgresql://user:pass@host:port/db or a JDBC URL");
    }

    String createTableSql() {
        String payloadType = payloadFormat;
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + table + " (")
                .append("iggy_stream text NOT NULL, iggy_topic text NOT NULL, iggy_partition_id bigint NOT NULL, ")
                .append("iggy_offset bigint NOT NULL, ");
        if (includeMetadata) {
            sql.append("iggy_id text, iggy_timestamp bigint, ");
            if (includeChecksum) {
                sql.append("iggy_checksum numeric(20), ");
            }
            if (includeOriginTimestamp) {
                sql.append("iggy_origin_timestamp bigint, ");
            }
        }
        return sql.append("payload ")
                .append(payloadType)
                .append(", created_at timestamptz NOT NULL DEFAULT now(), ")
                .append("PRIMARY KEY (iggy_stream, iggy_topic, iggy_partition_id, iggy_offset))")
                .toString();
    }

    String insertSql() {
        StringBuilder columns = new StringBuilder("iggy_stream, iggy_topic, iggy_partition_id, iggy_offset");
        int count = 4;
        if (includeMetadata) {
            columns.append(", iggy_id, iggy_timestamp");
            count += 2;
            if (includeChecksum) {
                columns.append(", iggy_checksum");
                count++;
            }
            if (includeOriginTimestamp) {
                columns.append(", iggy_origin_timestamp");
                count++;
            }
        }
        columns.append(", payload");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < count; i++) {
            values.append("?, ");
        }
        String cast = payloadFormat.equals("bytea") ? "?" : "CAST(? AS " + payloadFormat + ")";
        values.append(cast);
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
    }

    @Override
    public void consume(TopicMetadata topic, MessagesMetadata batch, List<ConsumedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            Connection db = connect();
            int rows = 0;
            try (PreparedStatement insert = db.prepareStatement(insertSql())) {
                int pending = 0;
                for (ConsumedMessage message : messages) {
                    bind(insert, topic, batch.partitionId(), message);
                    insert.addBatch();
                    if (++pending == batchSize) {
                        rows += sum(insert.executeBatch());
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    rows += sum(insert.executeBatch());
                }
                db.commit();
            }
            inserted.increment(rows);
        } catch (SQLException e) {
            closeQuietly(); // the runtime retries the batch on a fresh connection
            throw new WhippetException(ErrorCode.ERROR, "postgres insert failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void bind(PreparedStatement insert, TopicMetadata topic, long partitionId, ConsumedMessage message)
            throws SQLException {
        int index = 1;
        insert.setString(index++, topic.stream());
        insert.setString(index++, topic.topic());
        insert.setLong(index++, partitionId);
        insert.setLong(index++, message.offset());
        if (includeMetadata) {
            insert.setString(index++, message.idHex());
            insert.setLong(index++, message.timestampMicros());
            if (includeChecksum) {
                insert.setBigDecimal(index++, new BigDecimal(Long.toUnsignedString(message.checksum())));
            }
            if (includeOriginTimestamp) {
                insert.setLong(index++, message.originTimestampMicros());
            }
        }
        if (payloadFormat.equals("bytea")) {
            insert.setBytes(index, bytes(message.payload()));
        } else {
            insert.setString(index, text(message.payload()));
        }
    }

    private static byte[] bytes(Payload payload) {
        return switch (payload) {
            case Payload.Json json -> json.value().toString().getBytes(StandardCharsets.UTF_8);
            case Payload.Text text -> text.text().getBytes(StandardCharsets.UTF_8);
            case Payload.Raw raw -> raw.bytes();
        };
    }

    /** Text for json/jsonb/text columns; bytes that are not UTF-8 JSON cannot go into a json column. */
    private static String text(Payload payload) {
        return switch (payload) {
            case Payload.Json json -> json.value().toString();
            case Payload.Text text -> text.text();
            case Payload.Raw raw -> new String(raw.bytes(), StandardCharsets.UTF_8);
        };
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }

    private Connection connect() throws SQLException {
        Connection current = connection;
        if (current != null && !current.isClosed()) {
            return current;
        }
        Connection opened = DriverManager.getConnection(url);
        opened.setAutoCommit(false);
        connection = opened;
        return opened;
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "closing the postgres connection failed", e);
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
            LOG.log(Level.INFO, () -> "postgres sink closed: " + inserted.count() + " rows inserted into " + table);
        } finally {
            lock.unlock();
        }
    }
}
