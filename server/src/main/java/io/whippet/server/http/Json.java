package io.whippet.server.http;

import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the HTTP API: thread-safe, shared by every route. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static JsonGenerator generator(OutputStream out) {
        return MAPPER.createGenerator(out);
    }

    static JsonParser parser(byte[] body) {
        return MAPPER.createParser(body);
    }
}
