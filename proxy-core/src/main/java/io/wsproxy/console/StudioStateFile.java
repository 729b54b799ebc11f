package io.wsproxy.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the clusters of a SingleStore Studio state file ({@code studio.hcl}): HCL with top-level
 * attributes ({@code version = 1}) and one {@code cluster "ID" { ... }} block per cluster. Only
 * that subset of HCL is read: string, number and boolean attributes, {@code #}, {@code //} and
 * {@code /* *}{@code /} comments. Unknown attributes and blocks other than {@code cluster} are
 * ignored, as Studio keeps keys this console has no use for ({@code profile},
 * {@code kerberosAutologin}). Anything malformed is refused with its line number.
 */
public final class StudioStateFile {
    private final String source;
    private final Lexer lexer;

    private StudioStateFile(String source, String text) {
        this.source = source;
        this.lexer = new Lexer(text);
    }

    public static List<ClusterEntry> load(Path file) throws StateFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StateFileException("cannot read the state file " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static List<ClusterEntry> parse(String source, String text) throws StateFileException {
        return new StudioStateFile(source, text).clusters();
    }

    private List<ClusterEntry> clusters() throws StateFileException {
        List<ClusterEntry> clusters = new ArrayList<>();
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            Token name = expect(t, Kind.IDENT, "an attribute or a block");
            Token after = lexer.next();
            if (after.kind() == Kind.EQUALS) {
                value(lexer.next());
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (after.kind() == Kind.STRING) {
                labels.add(after.text());
                after = lexer.next();
            }
            expect(after, Kind.OPEN, "'=' or '{' after '" + name.text() + "'");
            Map<String, Object> attributes = blockBody();
            if (name.text().equals("cluster")) {
                clusters.add(cluster(name, labels, attributes));
            }
        }
        return List.copyOf(clusters);
    }

    private Map<String, Object> blockBody() throws StateFileException {
        Map<String, Object> attributes = new HashMap<>();
        for (Token t = lexer.next(); t.kind() != Kind.CLOSE; t = lexer.next()) {
            Token key = expect(t, Kind.IDENT, "an attribute or '}'");
            expect(lexer.next(), Kind.EQUALS, "'=' after '" + key.text() + "'");
            attributes.put(key.text(), value(lexer.next()));
        }
        return attributes;
    }

    private Object value(Token t) throws StateFileException {
        switch (t.kind()) {
            case STRING:
                return t.text();
            case NUMBER:
                try {
                    return Long.parseLong(t.text());
                } catch (NumberFormatException e) {
                    throw error(t, "'" + t.text() + "' is not a whole number");
                }
            case IDENT:
                if (t.text().equals("true") || t.text().equals("false")) {
                    return Boolean.parseBoolean(t.text());
                }
                throw error(t, "expected a value, found '" + t.text() + "'");
            default:
                throw error(t, "expected a value, found " + t.describe());
        }
    }

    private ClusterEntry cluster(Token block, List<String> labels, Map<String, Object> a) throws StateFileException {
        if (labels.size() != 1) {
            throw error(block, "a cluster block has one label, its id: cluster \"ID\" { ... }");
        }
        String id = labels.get(0);
        // Studio writes "hostname"; "host" is accepted too, as hand-written files use it.
        Object hostname = a.containsKey("hostname") ? a.get("hostname") : a.get("host");
        long port = typed(block, id, a, "port", Long.class, 0L);
        if (port < 1 || port > 65535) {
            throw error(block, "cluster '" + id + "' has port " + port + ", not 1-65535");
        }
        try {
            return new ClusterEntry(id, typed(block, id, a, "name", String.class, null),
                    typed(block, id, a, "description", String.class, null),
                    hostname instanceof String ? (String) hostname : null,
                    (int) port,
                    typed(block, id, a, "websocket", Boolean.class, false),
                    typed(block, id, a, "websocketSSL", Boolean.class, false));
        } catch (IllegalArgumentException e) {
            throw error(block, e.getMessage());
        }
    }

    private <T> T typed(Token block, String id, Map<String, Object> a, String key, Class<T> type, T absent)
            throws StateFileException {
        Object v = a.get(key);
        if (v == null) {
            return absent;
        }
        if (!type.isInstance(v)) {
            String kind = type == Long.class ? "a number" : type == Boolean.class ? "true or false" : "a string";
            throw error(block, "cluster '" + id + "': " + key + " must be " + kind + ", found " + v);
        }
        return type.cast(v);
    }

    private Token expect(Token t, Kind kind, String what) throws StateFileException {
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    private StateFileException error(Token at, String message) {
        return new StateFileException(source + " line " + at.line() + ": " + message);
    }

    /** A malformed or unreadable state file; the message names the file and line. */
    public static final class StateFileException extends Exception {
        private static final long serialVersionUID = 1L;

        public StateFileException(String message) {
            super(message);
        }
    }

    enum Kind { IDENT, STRING, NUMBER, EQUALS, OPEN, CLOSE, END }

    record Token(Kind kind, String text, int line) {
        String describe() {
            return switch (kind) {
                case END -> "the end of the file";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    /** HCL tokens of the subset above; a character outside it is an error. */
    private final class Lexer {
        private final String text;
        private int pos;
        private int line = 1;

        Lexer(String text) {
            this.text = text;
        }

        Token next() throws StateFileException {
            skipBlanksAndComments();
            if (pos >= text.length()) {
                return new Token(Kind.END, "", line);
            }
            char c = text.charAt(pos);
            int start = pos;
            if (c == '=' || c == '{' || c == '}') {
                pos++;
                return new Token(c == '=' ? Kind.EQUALS : c == '{' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), line);
            }
            if (c == '"') {
                return string();
            }
            if (Character.isDigit(c) || c == '-') {
                do {
                    pos++;
                } while (pos < text.length() && Character.isDigit(text.charAt(pos)));
                return new Token(Kind.NUMBER, text.substring(start, pos), line);
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '_' || text.charAt(pos) == '-')) {
                    pos++;
                }
                return new Token(Kind.IDENT, text.substring(start, pos), line);
            }
            throw new StateFileException(source + " line " + line + ": unexpected character '" + c + "'");
        }

        private Token string() throws StateFileException {
            int startLine = line;
            StringBuilder s = new StringBuilder();
            for (pos++; pos < text.length(); pos++) {
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return new Token(Kind.STRING, s.toString(), startLine);
                }
                if (c == '\n') {
                    break;
                }
                if (c == '\\' && pos + 1 < text.length()) {
                    char e = text.charAt(++pos);
                    s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else {
                    s.append(c);
                }
            }
            throw new StateFileException(source + " line " + startLine + ": unterminated string");
        }

        private void skipBlanksAndComments() throws StateFileException {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#' || text.startsWith("//", pos)) {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (text.startsWith("/*", pos)) {
                    int end = text.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw new StateFileException(source + " line " + line + ": unterminated comment");
                    }
                    line += (int) text.substring(pos, end).chars().filter(ch -> ch == '\n').count();
                    pos = end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
