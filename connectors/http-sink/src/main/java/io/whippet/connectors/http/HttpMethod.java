package io.whippet.connectors.http;

import io.whippet.connectors.api.PluginConfig;

/** The methods the sink may use; upper case only, as upstream. */
enum HttpMethod {
    GET,
    HEAD,
    POST,
    PUT,
    PATCH,
    DELETE;

    static HttpMethod parse(String field, String text) {
        for (HttpMethod method : values()) {
            if (method.name().equals(text)) {
                return method;
            }
        }
        throw PluginConfig.invalid(field, text, "GET, HEAD, POST, PUT, PATCH or DELETE");
    }
}
