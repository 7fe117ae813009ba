package io.whippet.connectors.runtime;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;

/** Splits {@code host:port} addresses as the configs write them. */
final class Addresses {
    private Addresses() {}

    static String host(String address) {
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        return host.isEmpty() ? "127.0.0.1" : host;
    }

    static int port(String address, int fallback) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return fallback;
        }
        try {
            return Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION, "address: " + address + " (expected: host:port)");
        }
    }
}
