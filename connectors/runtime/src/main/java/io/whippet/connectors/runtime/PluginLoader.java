package io.whippet.connectors.runtime;

import io.whippet.connectors.api.ConnectorPlugin;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.api.Source;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}: on the runtime's classpath, in every jar of the plugins
 * directory, or in the jar a config's {@code path} names. A config's {@code path} matches a provider
 * by its {@link ConnectorPlugin} name, its class name or its simple class name; a path ending in
 * {@code .jar} loads that jar and takes its only provider of the wanted kind. Each call creates a
 * fresh instance. Thread-safe.
 */
public final class PluginLoader {
    private final ClassLoader classLoader;

    private PluginLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Classpath plugins plus the jars of {@code pluginsDirectory} (empty string = none). */
    public static PluginLoader create(String pluginsDirectory) {
        ClassLoader parent = PluginLoader.class.getClassLoader();
        if (pluginsDirectory.isEmpty() || !Files.isDirectory(Path.of(pluginsDirectory))) {
            return new PluginLoader(parent);
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(pluginsDirectory))) {
            for (Path jar :
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins in " + pluginsDirectory, e);
        }
        return new PluginLoader(new URLClassLoader("connector-plugins", jars.toArray(URL[]::new), parent));
    }

    public Sink sink(String path) {
        return load(Sink.class, path);
    }

    public Source source(String path) {
        return load(Source.class, path);
    }

    /** Names of every plugin of {@code kind} visible on the classpath and in the plugins directory. */
    public <T> List<String> available(Class<T> kind) {
        return ServiceLoader.load(kind, classLoader).stream()
                .map(provider -> nameOf(provider.type()))
                .toList();
    }

    private <T> T load(Class<T> kind, String path) {
        ClassLoader loader = classLoader;
        boolean jar = path.endsWith(".jar");
        if (jar) {
            try {
                loader = new URLClassLoader(
                        "connector-" + Path.of(path).getFileName(),
                        new URL[] {Path.of(path).toUri().toURL()},
                        classLoader);
            } catch (MalformedURLException e) {
                throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "plugin path: " + path, e);
            }
        }
        List<ServiceLoader.Provider<T>> matches = new ArrayList<>();
        for (ServiceLoader.Provider<T> provider :
                ServiceLoader.load(kind, loader).stream().toList()) {
            Class<? extends T> type = provider.type();
            boolean inJar = jar && type.getClassLoader() == loader;
            if (inJar
                    || path.equals(nameOf(type))
                    || path.equals(type.getName())
                    || path.equals(type.getSimpleName())) {
                matches.add(provider);
            }
        }
        if (matches.size() != 1) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "plugin path: " + path + " (expected: exactly one " + kind.getSimpleName() + " plugin; found "
                            + matches.size() + ", available: " + available(kind) + ")");
        }
        return matches.getFirst().get();
    }

    private static String nameOf(Class<?> type) {
        ConnectorPlugin annotation = type.getAnnotation(ConnectorPlugin.class);
        return annotation == null ? type.getName() : annotation.value();
    }
}
