package io.whippet.connectors.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The management HTTP API (spec §9) on the JDK's HTTP server, one virtual thread per request.
 * {@code api-key} is checked on everything but {@code /} and {@code /health} when configured.
 * Errors are JSON {@code {"error": ..., "message": ...}}: unknown connector 404, bad config or
 * body 400, anything else 500. Mutating routes answer 204.
 */
final class ManagementApi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ManagementApi.class.getName());

    private final @Nullable HttpServer server;
    private final @Nullable ExecutorService executor;
    private final @Nullable ConnectRuntime runtime;
    private final RuntimeConfig.HttpApi settings;

    private ManagementApi(
            @Nullable HttpServer server,
            @Nullable ExecutorService executor,
            @Nullable ConnectRuntime runtime,
            RuntimeConfig.HttpApi settings) {
        this.server = server;
        this.executor = executor;
        this.runtime = runtime;
        this.settings = settings;
    }

    static ManagementApi disabled() {
        return new ManagementApi(null, null, null, new RuntimeConfig.HttpApi(false, "", "", false, ""));
    }

    static ManagementApi start(ConnectRuntime runtime, RuntimeConfig.HttpApi settings) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            ManagementApi api = new ManagementApi(server, executor, runtime, settings);
            server.createContext("/", api::handle);
            server.start();
            LOG.log(Level.INFO, () -> "management API on http://" + server.getAddress());
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the management API to " + settings.address(), e);
        }
    }

    Optional<InetSocketAddress> address() {
        return server == null ? Optional.empty() : Optional.of(server.getAddress());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (WhippetException e) {
                int status = switch (e.errorCode()) {
                    case RESOURCE_NOT_FOUND -> 404;
                    case INVALID_CONFIGURATION, INVALID_FORMAT, INVALID_COMMAND -> 400;
                    case UNAUTHENTICATED -> 401;
                    default -> 500;
                };
                response = error(status, e.errorCode().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
            } catch (JacksonException e) {
                response = error(400, "invalid_json", e.getOriginalMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "management API request failed", e);
                response = error(500, "internal_error", String.valueOf(e.getMessage()));
            }
            send(exchange, response);
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        ConnectRuntime rt = java.util.Objects.requireNonNull(runtime);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/") && method.equals("GET")) {
            return new Response(200, "text/plain", "Connector Runtime API");
        }
        if (path.equals("/health") && method.equals("GET")) {
            return json(200, Json.object().put("status", "healthy"));
        }
        if (!settings.apiKey().isEmpty()
                && !settings.apiKey().equals(exchange.getRequestHeaders().getFirst("api-key"))) {
            return error(401, "unauthorized", "missing or invalid api-key header");
        }
        if (settings.metricsEnabled() && path.equals(settings.metricsEndpoint()) && method.equals("GET")) {
            return new Response(
                    200,
                    "text/plain; version=0.0.4; charset=utf-8",
                    rt.metrics().scrape());
        }
        if (path.equals("/stats") && method.equals("GET")) {
            return json(200, RuntimeStats.of(rt));
        }
        String[] parts = path.substring(1).split("/");
        ConnectorType type = switch (parts[0]) {
            case "sinks" -> ConnectorType.SINK;
            case "sources" -> ConnectorType.SOURCE;
            default -> throw new WhippetException(ErrorCode.RESOURCE_NOT_FOUND, "no route " + method + " " + path);
        };
        if (parts.length == 1 && method.equals("GET")) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            rt.connectors(type).forEach(view -> list.add(info(view)));
            return json(200, list);
        }
        String key = parts.length > 1 ? parts[1] : "";
        String rest = parts.length > 2 ? String.join("/", List.of(parts).subList(2, parts.length)) : "";
        LocalConfigProvider configs = rt.configs();
        return switch (method + " " + rest) {
            case "GET " -> {
                ConnectorView view = rt.connector(type, key).orElseThrow(() -> ConnectRuntime.notFound(type, key));
                ObjectNode details = info(view);
                details.set("streams", view.config().tree().path("streams").deepCopy());
                yield json(200, details);
            }
            case "GET configs" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                Optional<ConnectorConfig> active = configs.active(type, key);
                for (ConnectorConfig version : configs.versions(type, key)) {
                    list.add(withActive(
                            version,
                            active.map(a -> a.version() == version.version()).orElse(false)));
                }
                yield json(200, list);
            }
            case "POST configs" -> {
                JsonNode body = Json.MAPPER.readTree(readBody(exchange));
                if (!(body instanceof ObjectNode object)) {
                    throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "body: expected a JSON object");
                }
                yield json(200, withActive(configs.create(type, key, object), false));
            }
            case "DELETE configs" -> {
                boolean deleted = query.containsKey("version")
                        ? configs.deleteVersion(type, key, parseVersion(query.get("version")))
                        : configs.deleteAll(type, key);
                if (!deleted) {
                    throw ConnectRuntime.notFound(type, key);
                }
                yield new Response(204, "text/plain", "");
            }
            case "GET configs/active" ->
                json(
                        200,
                        withActive(
                                configs.active(type, key).orElseThrow(() -> ConnectRuntime.notFound(type, key)), true));
            case "PUT configs/active" -> {
                JsonNode body = Json.MAPPER.readTree(readBody(exchange));
                configs.activate(type, key, parseVersion(body.path("version").asString("")));
                yield new Response(204, "text/plain", "");
            }
            case "GET configs/plugin" -> pluginConfig(type, key, query.get("format"));
            case "GET transforms" -> {
                ConnectorView view = rt.connector(type, key).orElseThrow(() -> ConnectRuntime.notFound(type, key));
                ArrayNode list = Json.MAPPER.createArrayNode();
                view.config()
                        .transforms()
                        .forEach(t -> list.add(
                                Json.object().put("type", t.type()).set("config", Secrets.masked(t.config()))));
                yield json(200, list);
            }
            case "POST restart" -> {
                rt.restart(type, key);
                yield new Response(204, "text/plain", "");
            }
            default -> {
                if (method.equals("GET") && rest.startsWith("configs/")) {
                    long version = parseVersion(rest.substring("configs/".length()));
                    ConnectorConfig config =
                            configs.version(type, key, version).orElseThrow(() -> ConnectRuntime.notFound(type, key));
                    boolean active = configs.active(type, key)
                            .map(a -> a.version() == version)
                            .orElse(false);
                    yield json(200, withActive(config, active));
                }
                throw new WhippetException(ErrorCode.RESOURCE_NOT_FOUND, "no route " + method + " " + path);
            }
        };
    }

    private Response pluginConfig(ConnectorType type, String key, @Nullable String format) {
        ConnectRuntime rt = java.util.Objects.requireNonNull(runtime);
        ConnectorConfig config = rt.connector(type, key)
                .map(ConnectorView::config)
                .or(() -> rt.configs().active(type, key))
                .orElseThrow(() -> ConnectRuntime.notFound(type, key));
        if (!config.hasPluginConfig()) {
            throw new WhippetException(
                    ErrorCode.RESOURCE_NOT_FOUND, type.label() + " " + key + " has no plugin_config");
        }
        JsonNode plugin = Secrets.masked(config.pluginConfig());
        String wanted = format == null ? config.pluginConfigFormat() : format;
        return switch (wanted) {
            case "json" -> new Response(200, "application/json", Json.write(plugin));
            // JSON is a subset of YAML 1.2, so the JSON text is a valid YAML rendering.
            case "yaml" -> new Response(200, "application/yaml", Json.write(plugin));
            case "toml" -> new Response(200, "application/toml", TomlWriter.write(plugin));
            case "text" -> new Response(200, "text/plain", Json.write(plugin));
            default ->
                throw new WhippetException(
                        ErrorCode.INVALID_CONFIGURATION, "format: " + wanted + " (expected: json, yaml, toml or text)");
        };
    }

    private static ObjectNode info(ConnectorView view) {
        ObjectNode info = Json.object();
        info.put("id", view.pluginId());
        info.put("key", view.config().key());
        info.put("name", view.config().name());
        info.put("path", view.config().path());
        info.put("enabled", view.config().enabled());
        info.put("status", view.status().label());
        info.put("last_error", view.lastError());
        info.put("plugin_config_format", view.config().pluginConfigFormat());
        return info;
    }

    private static ObjectNode withActive(ConnectorConfig config, boolean active) {
        ObjectNode copy = (ObjectNode) Secrets.masked(config.tree());
        copy.put("active", active);
        return copy;
    }

    private static long parseVersion(@Nullable String text) {
        try {
            return Long.parseLong(String.valueOf(text));
        } catch (NumberFormatException e) {
            throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "version: " + text + " (expected: a number)");
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private record Response(int status, String contentType, String body) {}

    private static Response json(int status, JsonNode body) {
        return new Response(status, "application/json", Json.write(body));
    }

    private static Response error(int status, String code, @Nullable String message) {
        return json(status, Json.object().put("error", code).put("message", String.valueOf(message)));
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", response.contentType());
        if (response.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.close();
        }
    }
}
