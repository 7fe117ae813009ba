package io.whippet.connectors.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.Payload;
import io.whippet.connectors.api.Schema;
import io.whippet.connectors.api.TopicMetadata;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

@Timeout(120)
class PostgresSinkTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TopicMetadata TOPIC = new TopicMetadata("orders", "new");

    @TempDir
    static Path root;

    private static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = new PostgresCluster(root);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static PostgresSink open(String table, String extra) {
        PostgresSink sink = new PostgresSink();
        sink.open(
                ConnectorContext.standalone("pg"),
                MAPPER.readTree("{\"connection_string\":\"" + cluster.jdbcUrl() + "\",\"target_table\":\"" + table
                        + "\",\"auto_create_table\":true" + extra + "}"));
        return sink;
    }

    private static List<ConsumedMessage> messages(int from, int count) {
        List<ConsumedMessage> messages = new ArrayList<>();
        for (int offset = from; offset < from + count; offset++) {
            messages.add(new ConsumedMessage(
                    offset + 1,
                    0,
                    offset,
                    -1L,
                    1_000 + offset,
                    7,
                    Map.of(),
                    new Payload.Json(MAPPER.readTree("{\"n\":" + offset + "}"))));
        }
        return messages;
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(cluster.jdbcUrl());
                Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    @Test
    void insertsOneRowPerMessageWithMetadataAndIgnoresReplays() throws SQLException {
        try (PostgresSink sink = open(
                "events_jsonb",
                ",\"payload_format\":\"jsonb\",\"include_checksum\":true,"
                        + "\"include_origin_timestamp\":true,\"batch_size\":3")) {
            MessagesMetadata batch = new MessagesMetadata(2, 9, Schema.JSON);
            sink.consume(TOPIC, batch, messages(0, 10));
            sink.consume(TOPIC, batch, messages(5, 10)); // 5..9 again: at-least-once replay

            assertThat(rows("SELECT count(*) FROM events_jsonb")).containsExactly("15");
            assertThat(rows("SELECT payload->>'n' FROM events_jsonb WHERE iggy_offset = 14"))
                    .containsExactly("14");
            assertThat(rows("SELECT iggy_id || ' ' || iggy_partition_id || ' ' || iggy_checksum || ' '"
                            + " || iggy_origin_timestamp FROM events_jsonb WHERE iggy_offset = 0"))
                    .containsExactly("00000000000000000000000000000001 2 18446744073709551615 7");
        }
    }

    @Test
    void byteaPayloadsWithoutMetadataKeepOnlyTheKeyColumns() throws SQLException {
        try (PostgresSink sink = open("events_bytea", ",\"include_metadata\":false")) {
            sink.consume(
                    TOPIC,
                    new MessagesMetadata(0, 0, Schema.RAW),
                    List.of(new ConsumedMessage(
                            1, 0, 0, 0, 0, 0, Map.of(), new Payload.Raw(new byte[] {1, 2, (byte) 0xFF}))));

            assertThat(rows("SELECT encode(payload, 'hex') FROM events_bytea")).containsExactly("0102ff");
            assertThat(rows("SELECT count(*) FROM information_schema.columns WHERE table_name = 'events_bytea'"))
                    .containsExactly("6");
        }
    }

    @Test
    void badConfigIsRefusedAtOpen() {
        PostgresSink sink = new PostgresSink();
        assertThatThrownBy(() -> sink.open(
                        ConnectorContext.standalone("pg"),
                        MAPPER.readTree("{\"connection_string\":\"" + cluster.jdbcUrl()
                                + "\",\"target_table\":\"x; drop table y\"}")))
                .hasMessageContaining("target_table");
        assertThatThrownBy(() -> sink.open(
                        ConnectorContext.standalone("pg"),
                        MAPPER.readTree("{\"connection_string\":\"mysql://x\",\"target_table\":\"t\"}")))
                .hasMessageContaining("connection_string");
    }

    @Test
    void connectionStringsInUrlFormBecomeJdbcUrls() {
        assertThat(PostgresSink.jdbcUrl("postgresql://app:pw@db:5432/shop"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=app&password=pw");
    }
}
