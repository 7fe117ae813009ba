package io.whippet.server.http;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.Command;
import io.whippet.server.command.Reply;
import io.whippet.server.command.ServerCommandProcessor;
import io.whippet.server.command.Session;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a route sees it: path and query parameters, the body, and a fresh
 * {@link Session} logged in as the token's user (HTTP has no connections to keep one on). Built
 * on the event loop, used by one virtual thread.
 */
final class HttpCall {
    private final Map<String, String> pathParams;
    private final Map<String, String> queryParams;
    private final byte[] body;
    private final Session session;
    private final ServerCommandProcessor processor;
    private final AccessTokens.@Nullable Claims claims;

    HttpCall(
            Map<String, String> pathParams,
            Map<String, String> queryParams,
            byte[] body,
            Session session,
            ServerCommandProcessor processor,
            AccessTokens.@Nullable Claims claims) {
        this.pathParams = Map.copyOf(pathParams);
        this.queryParams = Map.copyOf(queryParams);
        this.body = body;
        this.session = session;
        this.processor = processor;
        this.claims = claims;
        if (claims != null) {
            session.login(claims.userId());
        }
    }

    /** The validated token of the request; public routes have none. */
    AccessTokens.Claims claims() {
        if (claims == null) {
            throw new WhippetException(ErrorCode.UNAUTHENTICATED, "no access token");
        }
        return claims;
    }

    Session session() {
        return session;
    }

    byte[] body() {
        return body;
    }

    RequestJson json() {
        return RequestJson.parse(body);
    }

    String path(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw RequestJson.bad(name + ": missing from the path");
        }
        return value;
    }

    /**
     * A path identifier: numeric when the text parses as a u32, a name otherwise (so a stream
     * literally named "123" cannot be addressed by name over HTTP, as upstream).
     */
    Identifier id(String name) {
        return identifier(name, path(name));
    }

    static Identifier identifier(String name, String text) {
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length < 1 || length > 255) {
            throw new WhippetException(
                    ErrorCode.INVALID_IDENTIFIER, name + " length: " + length + " (expected: 1..255)");
        }
        try {
            long number = Long.parseLong(text);
            if (number >= 0 && number <= 0xFFFF_FFFFL) {
                return Identifier.of(number);
            }
        } catch (NumberFormatException e) {
            // Not a number: a name.
        }
        return Identifier.of(text);
    }

    @Nullable
    String query(String name) {
        String value = queryParams.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    long queryU64(String name, long fallback) {
        String value = query(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw RequestJson.bad(name + ": " + value + " (expected: an unsigned integer)");
        }
    }

    long queryU32(String name, long fallback) {
        long value = queryU64(name, fallback);
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw RequestJson.bad(name + ": " + Long.toUnsignedString(value) + " (expected: 0..4294967295)");
        }
        return value;
    }

    boolean queryBoolean(String name, boolean fallback) {
        String value = query(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RequestJson.bad(name + ": " + value + " (expected: true or false)");
        };
    }

    /** Runs the command; any other reply than OK becomes the exception the error body renders. */
    ByteBuffer execute(Command command) {
        return switch (processor.execute(session, command)) {
            case Reply.Ok ok -> ok.payload().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            case Reply.Failed failed -> throw new WhippetException(failed.code(), failed.message());
            case Reply.Polled polled -> {
                polled.messages().close();
                throw new IllegalStateException(command.code() + " answered with polled messages");
            }
        };
    }

    /** Runs a command whose reply may be polled messages (the caller closes them). */
    Reply executeRaw(Command command) {
        Reply reply = processor.execute(session, command);
        if (reply instanceof Reply.Failed failed) {
            throw new WhippetException(failed.code(), failed.message());
        }
        return reply;
    }
}
