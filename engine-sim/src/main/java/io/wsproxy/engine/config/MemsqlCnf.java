package io.wsproxy.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * memsql.cnf: MySQL-style INI (MySQL "Using Option Files"). Only the {@code [server]} section
 * (or its MySQL name {@code [mysqld]}) is read; keys are case-insensitive and '-' equals '_';
 * values may be quoted; {@code #} and {@code ;} start comments. Editing keeps every other line.
 */
public final class MemsqlCnf {
    private static final String SECTION = "server";

    private final Path file;
    private final Map<String, String> server;

    private MemsqlCnf(Path file, Map<String, String> server) {
        this.file = file;
        this.server = Collections.unmodifiableMap(server);
    }

    public static MemsqlCnf load(Path file) throws IOException {
        Map<String, String> server = new LinkedHashMap<>();
        boolean inServer = false;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                inServer = isServerSection(line);
                continue;
            }
            if (inServer) {
                Entry e = Entry.parse(line);
                server.put(e.key(), e.value());
            }
        }
        return new MemsqlCnf(file, server);
    }

    public static MemsqlCnf createDefault(Path file, int port) throws IOException {
        String text = String.join("\n",
                "# memsql.cnf: this node's options, read at start. Keys: '-' and '_' are the same.",
                "[server]",
                "port = " + port,
                "bind_address = 127.0.0.1",
                "",
                "# The WebSocket proxy: set exactly one of these, then start the node or run RESTART PROXY.",
                "# http_proxy_port = 8080",
                "# https_proxy_port = 8443",
                "",
                "# SSL (needed by https_proxy_port): PEM files, relative to this directory or absolute.",
                "# ssl_cert = server-cert.pem",
                "# ssl_key = server-key.pem",
                "");
        writeAtomically(file, text);
        return load(file);
    }

    public static MemsqlCnf loadOrCreate(Path file, int defaultPort) throws IOException {
        return Files.exists(file) ? load(file) : createDefault(file, defaultPort);
    }

    public Map<String, String> server() {
        return server;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(server.get(normalize(key)));
    }

    public Path file() {
        return file;
    }

    /** Sets {@code key} in [server]: replaces its line (any spelling) or appends one. */
    public static void set(Path file, String key, String value) throws IOException {
        edit(file, normalize(key), normalize(key) + " = " + value);
    }

    public static void remove(Path file, String key) throws IOException {
        edit(file, normalize(key), null);
    }

    private static void edit(Path file, String key, String replacement) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        List<String> out = new ArrayList<>();
        boolean inServer = false;
        boolean sawServer = false;
        boolean done = false;
        int serverEnd = -1;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                if (inServer) {
                    serverEnd = out.size();
                }
                inServer = isServerSection(line);
                sawServer |= inServer;
            } else if (inServer && !line.isEmpty() && !line.startsWith("#") && !line.startsWith(";")
                    && Entry.parse(line).key().equals(key)) {
                if (replacement != null && !done) {
                    out.add(replacement);
                }
                done = true;
                continue;
            }
            out.add(raw);
        }
        if (!done && replacement != null) {
            if (!sawServer) {
                out.add("[" + SECTION + "]");
                out.add(replacement);
            } else {
                out.add(serverEnd < 0 ? out.size() : trimBlankBefore(out, serverEnd), replacement);
            }
        }
        writeAtomically(file, String.join("\n", out) + "\n");
    }

    /** Inserts before the blank lines that end the [server] section, not after them. */
    private static int trimBlankBefore(List<String> out, int end) {
        int at = end;
        while (at > 0 && out.get(at - 1).isBlank()) {
            at--;
        }
        return at;
    }

    private static boolean isServerSection(String line) {
        String name = line.replaceAll("[\\[\\]]", "").strip().toLowerCase(Locale.ROOT);
        return name.equals(SECTION) || name.equals("mysqld");
    }

    static String normalize(String key) {
        return key.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".memsql.cnf", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One {@code key = value} line; a bare key is a flag ("ON"). */
    private record Entry(String key, String value) {
        static Entry parse(String line) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                return new Entry(normalize(stripComment(line)), "ON");
            }
            return new Entry(normalize(line.substring(0, eq)), unquote(stripComment(line.substring(eq + 1)).strip()));
        }

        private static String stripComment(String s) {
            String t = s.strip();
            if (t.startsWith("'") || t.startsWith("\"")) {
                int close = t.indexOf(t.charAt(0), 1);
                return close > 0 ? t.substring(0, close + 1) : t;
            }
            int hash = t.indexOf(" #");
            return hash >= 0 ? t.substring(0, hash) : t;
        }

        private static String unquote(String v) {
            if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
                return v.substring(1, v.length() - 1);
            }
            return v;
        }
    }
}
