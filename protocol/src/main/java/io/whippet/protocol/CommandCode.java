package io.whippet.protocol;

import java.util.Optional;

/** The command codes of the Iggy 0.8.0 binary protocol; any other code is error 3. */
public enum CommandCode {
    PING(1),
    GET_STATS(10),
    GET_SNAPSHOT(11),
    GET_CLUSTER_METADATA(12),
    GET_ME(20),
    GET_CLIENT(21),
    GET_CLIENTS(22),
    GET_USER(31),
    GET_USERS(32),
    CREATE_USER(33),
    DELETE_USER(34),
    UPDATE_USER(35),
    UPDATE_PERMISSIONS(36),
    CHANGE_PASSWORD(37),
    LOGIN_USER(38),
    LOGOUT_USER(39),
    GET_PERSONAL_ACCESS_TOKENS(41),
    CREATE_PERSONAL_ACCESS_TOKEN(42),
    DELETE_PERSONAL_ACCESS_TOKEN(43),
    LOGIN_WITH_PERSONAL_ACCESS_TOKEN(44),
    POLL_MESSAGES(100),
    SEND_MESSAGES(101),
    FLUSH_UNSAVED_BUFFER(102),
    GET_CONSUMER_OFFSET(120),
    STORE_CONSUMER_OFFSET(121),
    DELETE_CONSUMER_OFFSET(122),
    GET_STREAM(200),
    GET_STREAMS(201),
    CREATE_STREAM(202),
    DELETE_STREAM(203),
    UPDATE_STREAM(204),
    PURGE_STREAM(205),
    GET_TOPIC(300),
    GET_TOPICS(301),
    CREATE_TOPIC(302),
    DELETE_TOPIC(303),
    UPDATE_TOPIC(304),
    PURGE_TOPIC(305),
    CREATE_PARTITIONS(402),
    DELETE_PARTITIONS(403),
    DELETE_SEGMENTS(503),
    GET_CONSUMER_GROUP(600),
    GET_CONSUMER_GROUPS(601),
    CREATE_CONSUMER_GROUP(602),
    DELETE_CONSUMER_GROUP(603),
    JOIN_CONSUMER_GROUP(604),
    LEAVE_CONSUMER_GROUP(605);

    private static final CommandCode[] BY_CODE = new CommandCode[606];

    static {
        for (CommandCode command : values()) {
            BY_CODE[command.code] = command;
        }
    }

    private final int code;

    CommandCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether the command may run before login: only ping and the two logins. */
    public boolean allowedBeforeLogin() {
        return this == PING || this == LOGIN_USER || this == LOGIN_WITH_PERSONAL_ACCESS_TOKEN;
    }

    public static Optional<CommandCode> fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
