package io.wsproxy.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's static files, read from the jar ({@code io/wsproxy/console/static/}) once and
 * then served from memory. Only a flat name of a known type is looked up, so no request can
 * name a path outside that folder; names that are not found are not remembered, so unknown
 * names cost no memory.
 */
final class ConsoleAssets {
    static final String INDEX = "index.html";
    private static final String ROOT = "io/wsproxy/console/static/";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}\\.(html|js|css|png|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            // Module scripts are refused unless served with a JavaScript type.
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private final ConcurrentMap<String, Asset> loaded = new ConcurrentHashMap<>();

    record Asset(byte[] body, String contentType) {
    }

    Optional<Asset> get(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        Asset asset = loaded.get(name);
        if (asset == null) {
            byte[] body = read(name);
            if (body == null) {
                return Optional.empty();
            }
            asset = loaded.computeIfAbsent(name, n -> new Asset(body, TYPES.get(m.group(1))));
        }
        return Optional.of(asset);
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + name + " from the jar", e);
        }
    }
}
