package io.whippet.cli;

import io.whippet.client.ClientConfig;
import io.whippet.client.ReconnectPolicy;
import io.whippet.client.WhippetClient;
import io.whippet.client.tcp.TcpClient;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The one place that turns {@link ConnectionSettings} into a client. TCP is built in. HTTP and
 * QUIC are looked up by class name, so a build that contains them works without changing the CLI:
 * the class must have a public static factory taking a {@link ClientConfig} (host and port from
 * the address) or a {@code String} (the address or URL as given) and returning a {@link
 * WhippetClient}. Without the class, the command stops with exit code 2 and one line saying so.
 *
 * <p>A CLI command is one short conversation: no reconnect retries (a dead server fails at once)
 * and no heartbeats.
 */
final class Transports {
    static final String HTTP_CLIENT_CLASS = "io.whippet.client.http.HttpClient";
    static final String QUIC_CLIENT_CLASS = "io.whippet.client.quic.QuicClient";

    private Transports() {}

    static WhippetClient open(ConnectionSettings settings) {
        return switch (settings.transport()) {
            case TCP -> TcpClient.create(config(settings));
            case HTTP -> reflective(HTTP_CLIENT_CLASS, settings);
            case QUIC -> reflective(QUIC_CLIENT_CLASS, settings);
        };
    }

    static ClientConfig config(ConnectionSettings settings) {
        HostPort hostPort = HostPort.parse(settings.address());
        return ClientConfig.defaults()
                .withAddress(hostPort.host(), hostPort.port())
                .withCredentials(settings.credentials())
                .withTls(settings.tls())
                .withReconnect(ReconnectPolicy.none())
                .withHeartbeatIntervalMs(0);
    }

    private static WhippetClient reflective(String className, ConnectionSettings settings) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new UsageException("transport " + settings.transport().label() + " is not available in this build");
        }
        for (String name : new String[] {"create", "connect", "of"}) {
            for (Method method : type.getMethods()) {
                if (!Modifier.isStatic(method.getModifiers())
                        || !method.getName().equals(name)
                        || method.getParameterCount() != 1
                        || !WhippetClient.class.isAssignableFrom(method.getReturnType())) {
                    continue;
                }
                Class<?> parameter = method.getParameterTypes()[0];
                Object argument = parameter == ClientConfig.class
                        ? config(settings)
                        : parameter == String.class ? settings.address() : null;
                if (argument != null) {
                    return invoke(method, argument);
                }
            }
        }
        throw new UsageException("transport " + settings.transport().label() + " is not available in this build ("
                + className + " has no factory the CLI knows)");
    }

    private static WhippetClient invoke(Method method, Object argument) {
        try {
            return (WhippetClient) method.invoke(null, argument);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot call " + method, e.getCause());
        }
    }

    /** A {@code host:port} pair; IPv6 hosts go in brackets. */
    record HostPort(String host, int port) {
        static HostPort parse(String address) {
            String host;
            String port;
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close < 0 || close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                    throw badAddress(address);
                }
                host = address.substring(1, close);
                port = address.substring(close + 2);
            } else {
                int colon = address.lastIndexOf(':');
                if (colon <= 0) {
                    throw badAddress(address);
                }
                host = address.substring(0, colon);
                port = address.substring(colon + 1);
            }
            try {
                int number = Integer.parseInt(port);
                if (number < 0 || number > 65_535) {
                    throw badAddress(address);
                }
                return new HostPort(host, number);
            } catch (NumberFormatException e) {
                throw badAddress(address);
            }
        }

        private static UsageException badAddress(String address) {
            return new UsageException("server address: " + address + " (expected: host:port, e.g. 127.0.0.1:8090)");
        }
    }
}
