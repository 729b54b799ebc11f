package io.wsproxy.control.vars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.SqlWarning;
import io.wsproxy.control.parse.Statement.SetVariables;
import io.wsproxy.control.parse.StatementParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariableRegistryTest {
    private final VariableRegistry registry = VariableRegistry.standard();
    private final SessionVariables session = registry.newSession();

    /** Runs a SET statement as a SUPER user; returns its warnings. */
    private List<SqlWarning> set(String sql) {
        return set(sql, true);
    }

    private List<SqlWarning> set(String sql, boolean hasSuper) {
        SetVariables statement = (SetVariables) StatementParser.parse(sql);
        return registry.apply(statement.assignments(), session, hasSuper, new StubEvalContext(session));
    }

    private SqlException errorOf(String sql) {
        return errorOf(sql, true);
    }

    private SqlException errorOf(String sql, boolean hasSuper) {
        SqlException e = catchThrowableOfType(SqlException.class, () -> set(sql, hasSuper));
        assertThat(e).as("SqlException from %s", sql).isNotNull();
        return e;
    }

    private static void assertError(SqlException e, int code, String sqlState, String message) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.sqlState()).isEqualTo(sqlState);
        assertThat(e).hasMessage(message);
    }

    @Test
    void aConsistentReadNeverSeesHalfOfAnotherSessionsSet() throws Exception {
        // Another session flips both ports together, as ConcurrentControlIT's racing sessions do.
        SessionVariables other = registry.newSession();
        SetVariables on = (SetVariables) StatementParser.parse("SET GLOBAL http_proxy_port = 8080, GLOBAL https_proxy_port = 8443");
        SetVariables off = (SetVariables) StatementParser.parse("SET GLOBAL http_proxy_port = 0, GLOBAL https_proxy_port = 0");
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                SetVariables s = i % 2 == 0 ? on : off;
                registry.apply(s.assignments(), other, true, new StubEvalContext(other));
            }
        });
        flipper.start();
        try {
            for (int i = 0; i < 200_000; i++) {
                long[] ports = registry.consistent(() -> new long[] {
                    registry.globalLong("http_proxy_port"), registry.globalLong("https_proxy_port")});
                assertThat((ports[0] == 0) == (ports[1] == 0)).as("read %s/%s", ports[0], ports[1]).isTrue();
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
    }

    @Nested
    class SetGlobal {
        @Test
        void setGlobalPortStoresALong() {
            assertThat(set("SET GLOBAL https_proxy_port = 8443")).isEmpty();

            assertThat(registry.global("https_proxy_port")).isEqualTo(8443L);
            assertThat(registry.globalLong("https_proxy_port")).isEqualTo(8443L);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "SET GLOBAL https_proxy_port = '8443'",
            "SET @@GLOBAL.HTTPS_PROXY_PORT := 8443",
            "SET GLOBAL `Https_Proxy_Port` = ' 8443 '",
            "SET GLOBAL https_proxy_port = +8443",
        })
        void quotedNumbersAnyCaseAndBackQuotesAreAccepted(String sql) {
            set(sql);

            assertThat(registry.globalLong("https_proxy_port")).isEqualTo(8443L);
        }

        @Test
        void portBoundsAreAccepted() {
            set("SET GLOBAL https_proxy_port = 65535, http_proxy_port = 0");

            assertThat(registry.globalLong("https_proxy_port")).isEqualTo(65535L);
            assertThat(registry.globalLong("http_proxy_port")).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ON", "on", "'ON'", "1", "TRUE", "'yes'"})
        void booleanTrueSpellings(String value) {
            set("SET GLOBAL http_api = " + value);

            assertThat(registry.globalBool("http_api")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"OFF", "'off'", "0", "FALSE", "'no'"})
        void booleanFalseSpellings(String value) {
            set("SET GLOBAL http_api = ON");

            set("SET GLOBAL http_api = " + value);

            assertThat(registry.globalBool("http_api")).isFalse();
        }

        @Test
        void stringVariableTakesAnyText() {
            set("SET GLOBAL proxy_allowed_origins = 'https://a.example,https://b.example'");

            assertThat(registry.globalString("proxy_allowed_origins")).isEqualTo("https://a.example,https://b.example");
        }

        @Test
        void enumVariableKeepsItsCanonicalSpelling() {
            set("SET GLOBAL query_cache_type = 'demand'");

            assertThat(registry.global("query_cache_type")).isEqualTo("DEMAND");
        }

        @Test
        void enumVariableTakesAnIndex() {
            set("SET GLOBAL transaction_isolation = 1");

            assertThat(registry.global("transaction_isolation")).isEqualTo("READ-COMMITTED");
        }

        @Test
        void defaultRestoresTheCompiledDefault() {
            set("SET GLOBAL https_proxy_port = 8443, http_api = ON");

            set("SET GLOBAL https_proxy_port = DEFAULT, http_api = DEFAULT");

            assertThat(registry.globalLong("https_proxy_port")).isZero();
            assertThat(registry.globalBool("http_api")).isFalse();
        }

        @Test
        void valuesMayReadVariables() {
            set("SET @p = 8080");

            set("SET GLOBAL http_proxy_port = @p");

            assertThat(registry.globalLong("http_proxy_port")).isEqualTo(8080L);
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @ValueSource(strings = {"'abc'", "1.5", "NULL", "ON", "1e3", "''", "99999999999999999999"})
        void wrongTypeForAPortIs1232(String value) {
            SqlException e = errorOf("SET GLOBAL https_proxy_port = " + value);

            assertError(e, 1232, "42000", "Incorrect argument type to variable 'https_proxy_port'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "65536", "'-1'", "'65536'", "999999999"})
        void outOfRangePortIs1231(String value) {
            SqlException e = errorOf("SET GLOBAL https_proxy_port = " + value);

            String printed = value.replace("'", "");
            assertError(e, 1231, "42000", "Variable 'https_proxy_port' can't be set to the value of '" + printed + "'");
        }

        @Test
        void booleanOutsideZeroAndOneIs1231() {
            assertError(errorOf("SET GLOBAL http_api = 2"), 1231, "42000",
                    "Variable 'http_api' can't be set to the value of '2'");
            assertError(errorOf("SET GLOBAL http_api = 'maybe'"), 1231, "42000",
                    "Variable 'http_api' can't be set to the value of 'maybe'");
            assertError(errorOf("SET GLOBAL http_api = NULL"), 1231, "42000",
                    "Variable 'http_api' can't be set to the value of 'NULL'");
        }

        @Test
        void decimalForABooleanIs1232() {
            assertError(errorOf("SET GLOBAL http_api = 0.5"), 1232, "42000",
                    "Incorrect argument type to variable 'http_api'");
        }

        @Test
        void nullForANonNullableStringIs1231() {
            assertError(errorOf("SET GLOBAL proxy_allowed_origins = NULL"), 1231, "42000",
                    "Variable 'proxy_allowed_origins' can't be set to the value of 'NULL'");
        }

        @Test
        void unknownEnumValueIs1231() {
            assertError(errorOf("SET GLOBAL query_cache_type = 'sometimes'"), 1231, "42000",
                    "Variable 'query_cache_type' can't be set to the value of 'sometimes'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"no_such_variable", "x.y"})
        void unknownVariableIs1193(String name) {
            assertError(errorOf("SET GLOBAL " + name + " = 1"), 1193, "HY000",
                    "Unknown system variable '" + name + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"port", "ssl_cert", "ssl_key", "ssl_ca", "have_ssl", "version", "bind_address",
            "socket", "datadir", "tracelogsdir"})
        void readOnlyVariableIs1238(String name) {
            assertError(errorOf("SET GLOBAL " + name + " = 1"), 1238, "HY000",
                    "Variable '" + name + "' is a read only variable");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "SET https_proxy_port = 1",
            "SET SESSION https_proxy_port = 1",
            "SET LOCAL https_proxy_port = 1",
            "SET @@https_proxy_port = 1",
            "SET @@session.https_proxy_port = 1",
        })
        void globalVariableSetWithoutGlobalIs1229(String sql) {
            assertError(errorOf(sql), 1229, "HY000",
                    "Variable 'https_proxy_port' is a GLOBAL variable and should be set with SET GLOBAL");
        }

        @Test
        void setGlobalWithoutSuperIs1227() {
            assertError(errorOf("SET GLOBAL https_proxy_port = 8443", false), 1227, "42000",
                    "Access denied; you need (at least one of) the SUPER privilege(s) for this operation");
            assertThat(registry.globalLong("https_proxy_port")).isZero();
        }

        @Test
        void setSessionNeedsNoSuper() {
            set("SET SESSION autocommit = 0", false);

            assertThat(session.autocommit()).isFalse();
        }

        @Test
        void unknownAndReadOnlyAreReportedBeforeMissingSuper() {
            assertThat(errorOf("SET GLOBAL no_such_variable = 1", false).code()).isEqualTo(1193);
            assertThat(errorOf("SET GLOBAL port = 1", false).code()).isEqualTo(1238);
        }

        // 1228 (SET GLOBAL on a session-only variable) has no case: the standard catalogue holds no
        // session-only variable, and a registry cannot be built from another catalogue.
    }

    @Nested
    class AllOrNothing {
        @Test
        void invalidSecondAssignmentLeavesTheFirstUnchanged() {
            SqlException e = errorOf("SET GLOBAL https_proxy_port = 8443, http_proxy_port = 'abc'");

            assertThat(e.code()).isEqualTo(1232);
            assertThat(registry.globalLong("https_proxy_port")).isZero();
            assertThat(registry.globalLong("http_proxy_port")).isZero();
        }

        @Test
        void invalidAssignmentLeavesUserAndSessionVariablesUnchanged() {
            SqlException e = errorOf("SET @u = 1, autocommit = 0, GLOBAL http_api = ON, GLOBAL https_proxy_port = 70000");

            assertThat(e.code()).isEqualTo(1231);
            assertThat(session.userVariable("u")).isNull();
            assertThat(session.autocommit()).isTrue();
            assertThat(registry.globalBool("http_api")).isFalse();
        }

        @Test
        void unknownVariableLastLeavesEarlierAssignmentsUnchanged() {
            errorOf("SET GLOBAL http_proxy_port = 8080, no_such_variable = 1");

            assertThat(registry.globalLong("http_proxy_port")).isZero();
        }

        @Test
        void missingSuperLeavesEarlierSessionAssignmentUnchanged() {
            errorOf("SET autocommit = 0, GLOBAL http_proxy_port = 8080", false);

            assertThat(session.autocommit()).isTrue();
        }
    }

    @Nested
    class PortConflictWarning {
        @Test
        void settingOnePortGivesNoWarning() {
            assertThat(set("SET GLOBAL https_proxy_port = 8443")).isEmpty();
        }

        @Test
        void setGlobalCreatingConflictSucceedsWithWarning9101() {
            set("SET GLOBAL https_proxy_port = 8443");

            List<SqlWarning> warnings = set("SET GLOBAL http_proxy_port = 8080");

            assertThat(registry.globalLong("http_proxy_port")).isEqualTo(8080L);
            assertThat(warnings).singleElement().satisfies(w -> {
                assertThat(w.level()).isEqualTo(SqlWarning.Level.WARNING);
                assertThat(w.code()).isEqualTo(9101);
                assertThat(w.message()).contains("https_proxy_port", "http_proxy_port");
            });
        }

        @Test
        void bothPortsInOneStatementWarnOnce() {
            assertThat(set("SET GLOBAL https_proxy_port = 8443, http_proxy_port = 8080"))
                    .extracting(SqlWarning::code).containsExactly(9101);
        }

        @Test
        void clearingOnePortEndsTheWarning() {
            set("SET GLOBAL https_proxy_port = 8443, http_proxy_port = 8080");

            assertThat(set("SET GLOBAL http_proxy_port = 0")).isEmpty();
        }

        @Test
        void unrelatedSetWhileTheConflictStandsDoesNotWarn() {
            set("SET GLOBAL https_proxy_port = 8443, http_proxy_port = 8080");

            assertThat(set("SET GLOBAL http_api = ON")).isEmpty();
        }

        @Test
        void failedStatementGivesNoWarningAndNoConflict() {
            set("SET GLOBAL https_proxy_port = 8443");

            errorOf("SET GLOBAL http_proxy_port = 8080, http_api = 'maybe'");

            assertThat(registry.globalLong("http_proxy_port")).isZero();
        }
    }

    @Nested
    class SessionScope {
        @Test
        void setSessionChangesOnlyThisSession() {
            SessionVariables other = registry.newSession();

            set("SET autocommit = OFF");

            assertThat(session.autocommit()).isFalse();
            assertThat(other.autocommit()).isTrue();
            assertThat(registry.globalBool("autocommit")).isTrue();
        }

        @Test
        void setGlobalOfASessionVariableReachesOnlyNewSessions() {
            set("SET GLOBAL autocommit = 0");

            assertThat(session.autocommit()).isTrue();
            assertThat(registry.newSession().autocommit()).isFalse();
        }

        @Test
        void sessionDefaultIsTheGlobalValue() {
            set("SET GLOBAL wait_timeout = 600");
            set("SET SESSION wait_timeout = 60");

            set("SET SESSION wait_timeout = DEFAULT");

            assertThat(session.get("wait_timeout")).isEqualTo(600L);
        }

        @Test
        void userVariablesAreKeptPerSessionAnyCase() {
            set("SET @Answer = 42");

            assertThat(session.userVariable("ANSWER")).isEqualTo(42L);
            assertThat(registry.newSession().userVariable("answer")).isNull();
        }

        @Test
        void readGivesBooleansAsOneAndZero() {
            assertThat(session.read(Scope.IMPLICIT, "autocommit")).isEqualTo(1L);
            assertThat(session.read(Scope.GLOBAL, "http_api")).isEqualTo(0L);
        }

        @Test
        void readOfAGlobalOnlyVariableWithoutScopeGivesTheGlobal() {
            set("SET GLOBAL https_proxy_port = 8443");

            assertThat(session.read(Scope.IMPLICIT, "https_proxy_port")).isEqualTo(8443L);
        }

        @Test
        void readingAGlobalOnlyVariableAsSessionIs1238() {
            SqlException e = catchThrowableOfType(SqlException.class,
                    () -> session.read(Scope.SESSION, "https_proxy_port"));

            assertError(e, 1238, "HY000", "Variable 'https_proxy_port' is a GLOBAL variable");
        }

        @Test
        void readingAnUnknownVariableIs1193() {
            SqlException e = catchThrowableOfType(SqlException.class, () -> session.read(Scope.IMPLICIT, "nope"));

            assertError(e, 1193, "HY000", "Unknown system variable 'nope'");
        }
    }

    @Nested
    class Show {
        private List<String> names(List<Map.Entry<String, String>> rows) {
            return rows.stream().map(Map.Entry::getKey).toList();
        }

        @Test
        void showIsSortedByName() {
            List<String> names = names(registry.show(Scope.GLOBAL, session));

            assertThat(names).isSorted().contains("https_proxy_port", "http_proxy_port", "http_api", "port");
        }

        @Test
        void showPrintsBooleansAsOnOffAndNumbersAsDigits() {
            set("SET GLOBAL http_api = 1, https_proxy_port = 8443");

            assertThat(registry.show(Scope.GLOBAL, session))
                    .contains(Map.entry("http_api", "ON"), Map.entry("https_proxy_port", "8443"),
                            Map.entry("http_proxy_port", "0"), Map.entry("have_ssl", "DISABLED"));
        }

        @Test
        void showSessionGivesTheSessionValueAndShowGlobalTheGlobalOne() {
            set("SET SESSION autocommit = 0");

            assertThat(registry.show(Scope.SESSION, session)).contains(Map.entry("autocommit", "OFF"));
            assertThat(registry.show(Scope.IMPLICIT, session)).contains(Map.entry("autocommit", "OFF"));
            assertThat(registry.show(Scope.GLOBAL, session)).contains(Map.entry("autocommit", "ON"));
        }

        @Test
        void showSessionAlsoListsGlobalOnlyVariables() {
            assertThat(names(registry.show(Scope.SESSION, session))).contains("https_proxy_port");
        }

        @Test
        void likeFilterSelectsTheProxyVariables() {
            List<String> matching = registry.show(Scope.GLOBAL, session).stream()
                    .filter(row -> ExprEvaluator.like(row.getKey(), "HTTP%"))
                    .map(Map.Entry::getKey).toList();

            assertThat(matching).containsExactly("http_api", "http_api_pool_capacity", "http_proxy_port",
                    "https_proxy_port");
        }

        @Test
        void likeFilterWithAnEscapedUnderscoreIsLiteral() {
            List<String> matching = registry.show(Scope.GLOBAL, session).stream()
                    .filter(row -> ExprEvaluator.like(row.getKey(), "http\\_%"))
                    .map(Map.Entry::getKey).toList();

            assertThat(matching).containsExactly("http_api", "http_api_pool_capacity", "http_proxy_port");
        }
    }

    @Nested
    class SeedFromConfig {
        private List<String> seed(String... keysAndValues) {
            Map<String, String> config = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                config.put(keysAndValues[i], keysAndValues[i + 1]);
            }
            return registry.seedFromConfig(config);
        }

        @Test
        void seedsProxyVariablesWithDashesOrUnderscores() {
            List<String> problems = seed("https-proxy-port", "8443", "HTTP_API", "on", "proxy_allowed_origins",
                    "https://a.example");

            assertThat(problems).isEmpty();
            assertThat(registry.globalLong("https_proxy_port")).isEqualTo(8443L);
            assertThat(registry.globalBool("http_api")).isTrue();
            assertThat(registry.globalString("proxy_allowed_origins")).isEqualTo("https://a.example");
        }

        @Test
        void theFaultSwitchIsRefusedWithALineThatSaysWhyAndTheRestStillApplies() {
            List<String> problems = seed("proxy-inject-failure", "boom", "http_proxy_port", "8080");

            assertThat(problems).singleElement().asString()
                    .contains("proxy-inject-failure", "runtime switch", "SET GLOBAL only");
            assertThat(registry.globalString(ProxyVariables.INJECT_FAILURE)).isEmpty();
            assertThat(registry.globalInt(ProxyVariables.HTTP_PROXY_PORT)).isEqualTo(8080);
        }

        @Test
        void everyProxyVariableIsDeclaredOnceAndReadThroughItsDeclaration() {
            for (VariableSpec spec : ProxyVariables.all()) {
                assertThat(registry.find(spec.name())).as(spec.name()).containsSame(spec);
                assertThat(spec.proxy()).as(spec.name()).isTrue();
                assertThat(spec.globalOnly()).as(spec.name()).isTrue();
            }
        }

        @Test
        void seedsReadOnlyVariables() {
            assertThat(seed("port", "3307", "ssl_cert", "/etc/ssl/cert.pem")).isEmpty();

            assertThat(registry.globalLong("port")).isEqualTo(3307L);
            assertThat(registry.globalString("ssl_cert")).isEqualTo("/etc/ssl/cert.pem");
        }

        @Test
        void sizesTakeKMAndGSuffixes() {
            seed("max_allowed_packet", "16M", "net_buffer_length", "2k", "query_cache_size", "1G");

            assertThat(registry.globalLong("max_allowed_packet")).isEqualTo(16L << 20);
            assertThat(registry.globalLong("net_buffer_length")).isEqualTo(2048L);
            assertThat(registry.globalLong("query_cache_size")).isEqualTo(1L << 30);
        }

        @Test
        void booleanOptionWithoutAValueIsOn() {
            seed("http_api", "");

            assertThat(registry.globalBool("http_api")).isTrue();
        }

        @Test
        void unknownOptionIsReportedAndTheRestStillApplies() {
            List<String> problems = seed("no_such_option", "1", "http_proxy_port", "8080");

            assertThat(problems).containsExactly("unknown option 'no_such_option' ignored");
            assertThat(registry.globalLong("http_proxy_port")).isEqualTo(8080L);
        }

        @Test
        void badValueIsReportedAndTheDefaultKept() {
            List<String> problems = seed("https_proxy_port", "abc", "http_proxy_port", "70000");

            assertThat(problems).hasSize(2);
            assertThat(problems.get(0)).startsWith("'https_proxy_port = abc' ignored: ")
                    .endsWith("Incorrect argument type to variable 'https_proxy_port'");
            assertThat(problems.get(1)).startsWith("'http_proxy_port = 70000' ignored: ")
                    .endsWith("can't be set to the value of '70000'");
            assertThat(registry.globalLong("https_proxy_port")).isZero();
            assertThat(registry.globalLong("http_proxy_port")).isZero();
        }

        @Test
        void sizeThatOverflowsALongIsReportedNotWrappedAround() {
            // 17592186044417M is 2^64 + 2^20 bytes: wrapped to a long it would read as 1M.
            List<String> problems = seed("max_allowed_packet", "17592186044417M");

            assertThat(problems).singleElement().asString().startsWith("'max_allowed_packet = 17592186044417M' ignored")
                    .endsWith("can't be set to the value of '17592186044417M'");
            assertThat(registry.globalLong("max_allowed_packet")).isEqualTo(67108864L);
        }

        @Test
        void seedingBothPortsIsAllowedTheConflictIsTheProxyManagersToReport() {
            assertThat(seed("https_proxy_port", "8443", "http_proxy_port", "8080")).isEmpty();
        }
    }

    @Nested
    class Internal {
        @Test
        void setInternalChangesAReadOnlyVariable() {
            registry.setInternal("have_ssl", "yes");

            assertThat(registry.global("have_ssl")).isEqualTo("YES");
        }

        @Test
        void setInternalStillChecksTheType() {
            SqlException e = catchThrowableOfType(SqlException.class, () -> registry.setInternal("port", "abc"));

            assertThat(e.code()).isEqualTo(1232);
            assertThat(registry.globalLong("port")).isEqualTo(3306L);
        }

        @Test
        void findIsCaseInsensitiveAndTreatsDashAsUnderscore() {
            assertThat(registry.find("HTTPS-Proxy-Port")).hasValueSatisfying(spec -> {
                assertThat(spec.name()).isEqualTo("https_proxy_port");
                assertThat(spec.globalOnly()).isTrue();
                assertThat(spec.readOnly()).isFalse();
            });
            assertThat(registry.find("nope")).isEmpty();
        }
    }
}
