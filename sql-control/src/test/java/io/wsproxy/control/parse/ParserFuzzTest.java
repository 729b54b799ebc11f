package io.wsproxy.control.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement.SetVariables;
import io.wsproxy.control.vars.EvalContext;
import io.wsproxy.control.vars.Scope;
import io.wsproxy.control.vars.SessionVariables;
import io.wsproxy.control.vars.VariableRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a client sends, the parser answers with a Statement or a 1064/1065 SqlException: never
 * another exception, an Error or a hang (DESIGN.md section 5: nothing a client sends may crash the node).
 */
class ParserFuzzTest {
    private static final long SECONDS_PER_INPUT = 5;

    /** One worker thread (a default 1 MB stack, like a connection's) that a hang can be timed out on. */
    private static ExecutorService worker = newWorker();

    /** Valid control statements, the seeds of the mutation properties. */
    private static final List<String> VALID = List.of(
            "SET GLOBAL https_proxy_port = 8443",
            "SET @@global.http_proxy_port := 8080, @@GLOBAL.http_api = ON",
            "SET SESSION autocommit = 0, LOCAL wait_timeout = DEFAULT, @u = 'x'",
            "SET GLOBAL `https_proxy_port` = '8443'; -- trailing",
            "/* c */ SET @@session.sql_mode = CONCAT(@@sql_mode, ',ANSI') # tail",
            "SET NAMES utf8mb4 COLLATE 'utf8mb4_bin'",
            "set autocommit=1, names utf8mb4",
            "SET CHARACTER SET utf8",
            "SET TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY",
            "SET PASSWORD FOR 'u'@'%' = PASSWORD('p')",
            "SELECT @@version AS v, @@global.port p, @@session.autocommit 'a' LIMIT 1",
            "select @@version_comment limit 1",
            "SELECT DATABASE(), USER(), CONNECTION_ID(), @@x IS NOT NULL, @u IN (1, 'a')",
            "SHOW GLOBAL VARIABLES LIKE 'http\\_%'",
            "SHOW VARIABLES WHERE Variable_name = 'port' OR (Value > 1 AND NOT Value LIKE \"a%\")",
            "SHOW PROXY STATUS",
            "RESTART PROXY;",
            "SHOW WARNINGS LIMIT 1, 2",
            "SHOW COUNT(*) ERRORS",
            "SHOW GRANTS FOR CURRENT_USER()",
            "SHOW DATABASES LIKE 'a%'",
            "CREATE USER IF NOT EXISTS 'u'@'%' IDENTIFIED BY 'p' REQUIRE SSL",
            "ALTER USER u IDENTIFIED WITH mysql_native_password BY 'p' REQUIRE NONE",
            "DROP USER IF EXISTS a, `b`@`localhost`",
            "GRANT SELECT, CREATE TEMPORARY TABLES ON db.* TO u@'%' WITH GRANT OPTION",
            "REVOKE ALL PRIVILEGES, GRANT OPTION FROM u",
            "GRANT SUPER ON *.* TO 'admin'",
            "KILL QUERY 12",
            "USE `my db`",
            "CREATE DATABASE IF NOT EXISTS d DEFAULT CHARACTER SET = utf8mb4",
            "START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT",
            "ADD AGGREGATOR root:'pw'@'127.0.0.1':3307",
            "ADD LEAF root@localhost:3308 INTO GROUP 1",
            "REMOVE AGGREGATOR '127.0.0.1':3307",
            "AGGREGATOR SET AS MASTER",
            "SHOW AGGREGATORS EXTENDED",
            "CLUSTER SYNC '{}'",
            "/*!40101 SET @OLD = @@character_set_client */");

    /** Tokens a hostile or broken client might send, weighted toward the parser's own vocabulary. */
    private static Arbitrary<String> token() {
        Arbitrary<String> keyword = Arbitraries.of("SET", "GLOBAL", "SESSION", "LOCAL", "PERSIST", "SELECT", "SHOW",
                "VARIABLES", "LIKE", "WHERE", "RESTART", "PROXY", "STATUS", "WARNINGS", "ERRORS", "COUNT", "CREATE",
                "ALTER", "USER", "IDENTIFIED", "WITH", "BY", "REQUIRE", "SSL", "NONE", "GRANT", "REVOKE", "ON", "TO",
                "FROM", "DROP", "KILL", "QUERY", "CONNECTION", "USE", "NAMES", "CHARACTER", "CHARSET", "COLLATE",
                "DEFAULT", "AS", "LIMIT", "AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "ALL", "PRIVILEGES",
                "OPTION", "IF", "EXISTS", "DATABASE", "SCHEMA", "TABLE", "TRANSACTION", "ISOLATION", "LEVEL", "READ",
                "ONLY", "WRITE", "PASSWORD", "FOR", "CURRENT_USER", "BEGIN", "START", "COMMIT", "ROLLBACK", "WORK",
                "CONCAT", "UPPER", "IFNULL", "set", "Global", "ADD", "REMOVE", "AGGREGATOR", "AGGREGATORS",
                "LEAF", "LEAVES", "MASTER", "INTO", "GROUP", "CLUSTER", "SYNC", "EXTENDED", ":");
        Arbitrary<String> name = Arbitraries.of("https_proxy_port", "http_api", "x", "a.b", "`q`", "`a``b`", "``",
                "`unterminated", "db.*", "*.*", "*", "u@h", "'u'@'%'", "1abc", "$x", "é");
        Arbitrary<String> variable = Arbitraries.of("@@global.x", "@@SESSION.y", "@@local.z", "@@x", "@@", "@@global.",
                "@@.", "@@`q`", "@u", "@'q'", "@\"q\"", "@`q`", "@", "@@@", "@@global.@@x");
        Arbitrary<String> number = Arbitraries.of("0", "1", "8443", "65536", "-1", "1.5", "1e3", ".5", "1e", "1.e",
                "1e+", "99999999999999999999", "9223372036854775808", "0x1F", "1.5.5", "00");
        Arbitrary<String> string = Arbitraries.of("'a'", "\"b\"", "'it''s'", "'a\\'b'", "'\\\\'", "'\\", "'", "\"",
                "`", "''", "'%_\\%'", "'\n'", "'; DROP'");
        Arbitrary<String> comment = Arbitraries.of("/* c */", "/*", "*/", "/*!", "/*!40101", "/*!*/", "-- x\n", "--",
                "-- ", "#", "#x\n", "/**/", "/*/");
        Arbitrary<String> symbol = Arbitraries.of(";", "=", ":=", "(", ")", ",", ".", "*", "%", "<", ">", "<=", ">=",
                "<>", "!=", "!", "||", "&&", "-", "+", "@", "\\", "?", "{", "}", "[", "]", "^", "~", "|", "&", "/");
        Arbitrary<String> space = Arbitraries.of(" ", "\n", "\t", "\r\n", "\u00a0", "\u2028", "\f");
        Arbitrary<String> unicode = Arbitraries.of("é", "日本", "\uD83D\uDE42", "\u0000", "\u202e", "\uD800", "\uDC00",
                "ＳＥＴ", "\u0301", "ß", "İ", "\uFEFF");
        Arbitrary<String> anyChar = Arbitraries.chars().map(String::valueOf);
        return Arbitraries.frequencyOf(
                Tuple.of(12, keyword), Tuple.of(6, name), Tuple.of(6, variable), Tuple.of(5, number),
                Tuple.of(5, string), Tuple.of(4, comment), Tuple.of(8, symbol), Tuple.of(8, space),
                Tuple.of(2, unicode), Tuple.of(2, anyChar));
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return token().list().ofMaxSize(40).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<String> spacedTokenSoup() {
        return token().list().ofMaxSize(40).map(tokens -> String.join(" ", tokens));
    }

    /** A valid statement with a few character- or token-level edits. */
    @Provide
    Arbitrary<String> mutatedStatement() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(EditKind.values()),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 10_000), token())
                .as(Edit::new);
        return Combinators.combine(Arbitraries.of(VALID), edit.list().ofMinSize(1).ofMaxSize(4))
                .as((sql, edits) -> {
                    String out = sql;
                    for (Edit e : edits) {
                        out = e.applyTo(out);
                    }
                    return out;
                });
    }

    enum EditKind { DELETE_CHAR, INSERT_TOKEN, DUPLICATE_SPAN, SWAP_CHARS, SWAP_WORDS, DELETE_WORD, TRUNCATE }

    record Edit(EditKind kind, int at, int other, String token) {
        String applyTo(String s) {
            int n = s.length();
            int i = n == 0 ? 0 : at % n;
            int j = n == 0 ? 0 : other % n;
            switch (kind) {
                case DELETE_CHAR:
                    return n == 0 ? s : s.substring(0, i) + s.substring(i + 1);
                case INSERT_TOKEN: {
                    int where = at % (n + 1);
                    return s.substring(0, where) + token + s.substring(where);
                }
                case DUPLICATE_SPAN: {
                    int from = Math.min(i, j);
                    int to = Math.max(i, j);
                    return s.substring(0, to) + s.substring(from, to) + s.substring(to);
                }
                case SWAP_CHARS: {
                    if (n < 2) {
                        return s;
                    }
                    char[] chars = s.toCharArray();
                    char c = chars[i];
                    chars[i] = chars[j];
                    chars[j] = c;
                    return new String(chars);
                }
                case SWAP_WORDS: {
                    List<String> words = new ArrayList<>(List.of(s.split(" ", -1)));
                    int a = at % words.size();
                    int b = other % words.size();
                    String w = words.get(a);
                    words.set(a, words.get(b));
                    words.set(b, w);
                    return String.join(" ", words);
                }
                case DELETE_WORD: {
                    List<String> words = new ArrayList<>(List.of(s.split(" ", -1)));
                    words.remove(at % words.size());
                    return String.join(" ", words);
                }
                default:
                    return s.substring(0, i);
            }
        }
    }

    // ---- the contract

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "parser-fuzz");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the task on the worker; a task still running after the time limit fails the property. */
    private static <T> T withinTimeLimit(String what, Callable<T> task) {
        Future<T> result = worker.submit(task);
        try {
            return result.get(SECONDS_PER_INPUT, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            worker.shutdownNow(); // the stuck thread is a daemon; the next input gets a fresh one
            worker = newWorker();
            throw new AssertionError(what + " did not finish in " + SECONDS_PER_INPUT + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Fails on anything but a Statement or a 1064/1065 SqlException, in bounded time. */
    private static void assertParsesOrRejectsAsSyntax(String sql) {
        withinTimeLimit("parsing <" + sql + ">", () -> {
            try {
                assertThat(StatementParser.parse(sql)).isNotNull();
            } catch (SqlException e) {
                assertThat(e.code()).as("code of %s for <%s>", e, sql).isIn(1064, 1065);
                assertThat(e.sqlState()).isEqualTo("42000");
            }
            return null;
        });
    }

    /** Splits as the engine does for multi-statements, then parses every piece. */
    private static void assertSplitsAndParsesOrRejectsAsSyntax(String sql) {
        List<String> pieces = withinTimeLimit("splitting <" + sql + ">", () -> SqlSplitter.split(sql));
        for (String piece : pieces) {
            assertThat(piece).isNotBlank().isEqualTo(piece.strip());
            assertParsesOrRejectsAsSyntax(piece);
        }
    }

    @Property(tries = 10_000)
    void tokenSoupParsesOrIsASyntaxError(@ForAll("tokenSoup") String sql) {
        assertParsesOrRejectsAsSyntax(sql);
    }

    @Property(tries = 10_000)
    void spacedTokenSoupParsesOrIsASyntaxError(@ForAll("spacedTokenSoup") String sql) {
        assertParsesOrRejectsAsSyntax(sql);
    }

    @Property(tries = 5_000)
    void tokenSoupSplitsAndEachPieceParsesOrIsASyntaxError(@ForAll("spacedTokenSoup") String sql) {
        assertSplitsAndParsesOrRejectsAsSyntax(sql);
    }

    @Property(tries = 20_000)
    void mutatedStatementParsesOrIsASyntaxError(@ForAll("mutatedStatement") String sql) {
        assertParsesOrRejectsAsSyntax(sql);
    }

    @Property(tries = 5_000)
    void mutatedScriptSplitsAndEachPieceParsesOrIsASyntaxError(
            @ForAll("mutatedStatement") String first, @ForAll("mutatedStatement") String second) {
        assertSplitsAndParsesOrRejectsAsSyntax(first + ";" + second);
    }

    @Property(tries = 10_000)
    void anyStringParsesOrIsASyntaxError(@ForAll String sql) {
        assertParsesOrRejectsAsSyntax(sql);
    }

    @Example
    void everyPrefixAndSuffixOfAValidStatementParsesOrIsASyntaxError() {
        for (String sql : VALID) {
            for (int i = 0; i <= sql.length(); i++) {
                assertParsesOrRejectsAsSyntax(sql.substring(0, i));
                assertParsesOrRejectsAsSyntax(sql.substring(i));
            }
        }
    }

    @Example
    void everyValidSeedParses() {
        for (String sql : VALID) {
            assertThat(StatementParser.parse(sql)).as(sql).isNotInstanceOf(Statement.Passthrough.class);
        }
    }

    // ---- depth: deep input is a 1064 (or, for SELECT, the data plane's), never a StackOverflowError

    @Property(tries = 200)
    void deeplyNestedExpressionParsesOrIsASyntaxError(
            @ForAll @IntRange(min = 0, max = 50_000) int depth,
            @ForAll("nestingPrefix") String open,
            @ForAll("statementHead") String head) {
        String close = open.equals("(") ? ")" : "";
        assertParsesOrRejectsAsSyntax(head + open.repeat(depth) + "1" + close.repeat(depth));
    }

    @Property(tries = 100)
    void longOperatorChainParsesOrIsASyntaxError(
            @ForAll @IntRange(min = 0, max = 50_000) int length,
            @ForAll("chainLink") String link,
            @ForAll("statementHead") String head) {
        assertParsesOrRejectsAsSyntax(head + "@@x" + link.repeat(length));
    }

    @Provide
    Arbitrary<String> nestingPrefix() {
        return Arbitraries.of("(", "NOT ", "!", "- ", "-", "+", "CONCAT(");
    }

    @Provide
    Arbitrary<String> chainLink() {
        return Arbitraries.of(" OR 1", " AND @@y", " || 0", " && 1", " = 1", ", 1", ", @@y", " LIKE 'a'");
    }

    @Provide
    Arbitrary<String> statementHead() {
        return Arbitraries.of("SELECT ", "SET @a = ", "SET GLOBAL x = ", "SHOW VARIABLES WHERE ", "SELECT @@x, ");
    }

    // ---- beyond the parser: a parsed SET either applies or fails with a SqlException and changes nothing

    @Property(tries = 10_000)
    void mutatedSetAppliesOrFailsCleanlyAndAtomically(@ForAll("mutatedStatement") String sql) {
        Statement statement;
        try {
            statement = StatementParser.parse(sql);
        } catch (SqlException e) {
            return;
        }
        if (!(statement instanceof SetVariables set)) {
            return;
        }
        VariableRegistry registry = VariableRegistry.standard();
        SessionVariables session = registry.newSession();
        List<Map.Entry<String, String>> globalsBefore = registry.show(Scope.GLOBAL, session);
        List<Map.Entry<String, String>> sessionBefore = registry.show(Scope.SESSION, session);

        try {
            registry.apply(set.assignments(), session, true, contextOf(session));
        } catch (SqlException e) {
            assertThat(registry.show(Scope.GLOBAL, session)).as("globals after %s", e).isEqualTo(globalsBefore);
            assertThat(registry.show(Scope.SESSION, session)).as("session after %s", e).isEqualTo(sessionBefore);
        }
    }

    private static EvalContext contextOf(SessionVariables session) {
        return new EvalContext() {
            @Override
            public Object systemVariable(Scope scope, String name) {
                return session.read(scope, name);
            }

            @Override
            public Object userVariable(String name) {
                return session.userVariable(name);
            }

            @Override
            public String database() {
                return null;
            }

            @Override
            public String user() {
                return "root@localhost";
            }

            @Override
            public String currentUser() {
                return "root@%";
            }

            @Override
            public long connectionId() {
                return 1;
            }

            @Override
            public String version() {
                return "8.0.35-wsproxy";
            }
        };
    }
}
