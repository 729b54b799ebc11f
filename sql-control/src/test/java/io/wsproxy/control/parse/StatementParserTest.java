package io.wsproxy.control.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.parse.Statement.AlterUser;
import io.wsproxy.control.parse.Statement.Assignment;
import io.wsproxy.control.parse.Statement.CreateDatabase;
import io.wsproxy.control.parse.Statement.CreateUser;
import io.wsproxy.control.parse.Statement.DropDatabase;
import io.wsproxy.control.parse.Statement.DropUser;
import io.wsproxy.control.parse.Statement.Grant;
import io.wsproxy.control.parse.Statement.Kill;
import io.wsproxy.control.parse.Statement.Passthrough;
import io.wsproxy.control.parse.Statement.RestartProxy;
import io.wsproxy.control.parse.Statement.Revoke;
import io.wsproxy.control.parse.Statement.SelectItem;
import io.wsproxy.control.parse.Statement.SelectVariables;
import io.wsproxy.control.parse.Statement.SetCharacterSet;
import io.wsproxy.control.parse.Statement.SetNames;
import io.wsproxy.control.parse.Statement.SetPassword;
import io.wsproxy.control.parse.Statement.SetTransaction;
import io.wsproxy.control.parse.Statement.SetVariables;
import io.wsproxy.control.parse.Statement.ShowDatabases;
import io.wsproxy.control.parse.Statement.ShowGrants;
import io.wsproxy.control.parse.Statement.ShowProxyStatus;
import io.wsproxy.control.parse.Statement.ShowVariables;
import io.wsproxy.control.parse.Statement.ShowWarnings;
import io.wsproxy.control.parse.Statement.TransactionControl;
import io.wsproxy.control.parse.Statement.Use;
import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import io.wsproxy.control.vars.Scope;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementParserTest {

    private static Assignment assignment(Scope scope, String name, Object literal) {
        return new Assignment(scope, name, new Expr.Literal(literal));
    }

    private static List<Assignment> assignmentsOf(String sql) {
        Statement statement = StatementParser.parse(sql);
        assertThat(statement).isInstanceOf(SetVariables.class);
        return ((SetVariables) statement).assignments();
    }

    /** The one assignment of a single-assignment SET. */
    private static Assignment onlyAssignmentOf(String sql) {
        List<Assignment> assignments = assignmentsOf(sql);
        assertThat(assignments).hasSize(1);
        return assignments.get(0);
    }

    private static SqlException syntaxErrorOf(String sql) {
        Throwable thrown = catchThrowable(() -> StatementParser.parse(sql));
        assertThat(thrown).isInstanceOf(SqlException.class);
        SqlException e = (SqlException) thrown;
        assertThat(e.code()).isEqualTo(1064);
        assertThat(e.sqlState()).isEqualTo("42000");
        return e;
    }

    private static String nearMessage(String near, int line) {
        return "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server"
                + " version for the right syntax to use near '" + near + "' at line " + line;
    }

    @Nested
    class SetGlobal {
        @ParameterizedTest
        @ValueSource(strings = {
            "SET GLOBAL https_proxy_port = 8443",
            "SET @@global.https_proxy_port = 8443",
            "SET @@GLOBAL.https_proxy_port := 8443",
            "SET GLOBAL https_proxy_port := 8443",
            "set global https_proxy_port = 8443",
            "SeT gLoBaL HTTPS_PROXY_PORT = 8443",
            "SET GLOBAL `https_proxy_port` = 8443",
            "SET @@GLOBAL.`https_proxy_port` = 8443",
            "SET @@`global`.`https_proxy_port` = 8443",
            "SET GLOBAL https_proxy_port=8443",
            "SET GLOBAL https_proxy_port = 8443;",
            "SET GLOBAL https_proxy_port = 8443 ;;",
            "  \n\tSET GLOBAL https_proxy_port = 8443  \n",
        })
        void everySpellingOfSetGlobalAssignsTheGlobalVariable(String sql) {
            assertThat(onlyAssignmentOf(sql)).isEqualTo(assignment(Scope.GLOBAL, "https_proxy_port", 8443L));
        }

        @ParameterizedTest
        @ValueSource(strings = {"SET @@global. = 1", "SET @@ = 1", "SET @@.x = 1", "SET @@global.`x = 1"})
        void anAtAtNameWithAnEmptyOrUnterminatedPartIsASyntaxError(String sql) {
            syntaxErrorOf(sql);
        }

        @Test
        void variableNamesAreLowerCasedButBackQuotedNamesKeepTheirContent() {
            assertThat(onlyAssignmentOf("SET GLOBAL `Odd Name` = 1").name()).isEqualTo("odd name");
        }

        @Test
        void quotedNumberStaysAStringForTheRegistryToCoerce() {
            assertThat(onlyAssignmentOf("SET GLOBAL https_proxy_port = '8443'"))
                    .isEqualTo(assignment(Scope.GLOBAL, "https_proxy_port", "8443"));
        }

        @Test
        void onAndOffAreBareWords() {
            assertThat(onlyAssignmentOf("SET GLOBAL http_api = ON").value()).isEqualTo(new Expr.Word("ON"));
            assertThat(onlyAssignmentOf("SET GLOBAL http_api = off").value()).isEqualTo(new Expr.Word("off"));
        }

        @Test
        void defaultIsItsOwnValueKind() {
            assertThat(onlyAssignmentOf("SET GLOBAL https_proxy_port = DEFAULT").value()).isEqualTo(new Expr.Default());
            assertThat(onlyAssignmentOf("SET GLOBAL https_proxy_port = default").value()).isEqualTo(new Expr.Default());
        }

        @Test
        void severalAssignmentsKeepTheirOrder() {
            assertThat(assignmentsOf("SET GLOBAL https_proxy_port = 0, GLOBAL http_proxy_port = 8080"))
                    .containsExactly(
                            assignment(Scope.GLOBAL, "https_proxy_port", 0L),
                            assignment(Scope.GLOBAL, "http_proxy_port", 8080L));
        }

        @Test
        void globalKeywordHoldsForLaterAssignmentsWithoutAScopeOfTheirOwn() {
            assertThat(assignmentsOf("SET GLOBAL a = 1, @@session.b = 2, c = 3")).containsExactly(
                    assignment(Scope.GLOBAL, "a", 1L),
                    assignment(Scope.SESSION, "b", 2L),
                    assignment(Scope.GLOBAL, "c", 3L));
        }

        @Test
        void scopeKeywordAppliesOnlyFromWhereItIsWritten() {
            assertThat(assignmentsOf("SET a = 1, GLOBAL b = 2")).containsExactly(
                    assignment(Scope.IMPLICIT, "a", 1L),
                    assignment(Scope.GLOBAL, "b", 2L));
        }

        @Test
        void dottedNameAfterGlobalIsKeptWholeForTheRegistryToReject() {
            assertThat(onlyAssignmentOf("SET GLOBAL x.y = 1").name()).isEqualTo("x.y");
        }

        @Test
        void literalsKeepTheirMySqlTypes() {
            assertThat(assignmentsOf("SET @a = 1.5, @b = 1e3, @c = -2, @d = NULL, @e = TRUE, @f = \"s\""))
                    .extracting(Assignment::value)
                    .containsExactly(
                            new Expr.Literal(new BigDecimal("1.5")),
                            new Expr.Literal(1000.0),
                            new Expr.Literal(-2L),
                            new Expr.Literal(null),
                            new Expr.Literal(1L),
                            new Expr.Literal("s"));
        }

        @Test
        void integerLiteralTooLongForALongIsADecimal() {
            assertThat(onlyAssignmentOf("SET GLOBAL https_proxy_port = 99999999999999999999").value())
                    .isEqualTo(new Expr.Literal(new BigDecimal("99999999999999999999")));
        }

        @Test
        void setPersistIsNotSupportedAndIsASyntaxError() {
            // PERSIST reads as a variable name, so the error points at what follows it.
            assertThat(syntaxErrorOf("SET PERSIST https_proxy_port = 1"))
                    .hasMessage(nearMessage("https_proxy_port = 1", 1));
        }

        @Test
        void globalWithoutAVariableIsASyntaxErrorAsInMySql() {
            assertThat(syntaxErrorOf("SET GLOBAL = 3")).hasMessage(nearMessage("= 3", 1));
        }

        @Test
        void scopeKeywordBeforeAnAtAtNameIsASyntaxError() {
            assertThat(syntaxErrorOf("SET GLOBAL @@https_proxy_port = 1"))
                    .hasMessage(nearMessage("@@https_proxy_port = 1", 1));
        }
    }

    @Nested
    class SetSession {
        @ParameterizedTest
        @ValueSource(strings = {
            "SET SESSION autocommit = 0",
            "SET LOCAL autocommit = 0",
            "SET @@session.autocommit = 0",
            "SET @@SESSION.autocommit := 0",
            "SET @@local.autocommit = 0",
        })
        void sessionAndLocalFormsAssignTheSessionVariable(String sql) {
            assertThat(onlyAssignmentOf(sql)).isEqualTo(assignment(Scope.SESSION, "autocommit", 0L));
        }

        @ParameterizedTest
        @ValueSource(strings = {"SET autocommit = 0", "SET @@autocommit = 0", "SET `autocommit` = 0"})
        void noScopeIsImplicit(String sql) {
            assertThat(onlyAssignmentOf(sql)).isEqualTo(assignment(Scope.IMPLICIT, "autocommit", 0L));
        }

        @Test
        void userVariablesAreCaseInsensitiveAndMayBeQuoted() {
            assertThat(assignmentsOf("SET @Mine = 1, @`Quoted` = 2")).containsExactly(
                    assignment(Scope.USER, "mine", 1L),
                    assignment(Scope.USER, "quoted", 2L));
        }

        @Test
        void valueMayReadAnotherVariable() {
            assertThat(onlyAssignmentOf("SET @a = @@global.port").value())
                    .isEqualTo(new Expr.SysVar(Scope.GLOBAL, "port"));
        }

        @Test
        void namesInsideAListBecomeTheThreeCharacterSetAssignments() {
            // MariaDB Connector/J sends this at connect.
            assertThat(assignmentsOf("set autocommit=1, names utf8mb4 collate utf8mb4_bin")).containsExactly(
                    assignment(Scope.IMPLICIT, "autocommit", 1L),
                    assignment(Scope.SESSION, "character_set_client", "utf8mb4"),
                    assignment(Scope.SESSION, "character_set_connection", "utf8mb4"),
                    assignment(Scope.SESSION, "character_set_results", "utf8mb4"),
                    assignment(Scope.SESSION, "collation_connection", "utf8mb4_bin"));
        }
    }

    @Nested
    class OtherSetForms {
        @Test
        void setNamesTakesACharsetAndAnOptionalCollation() {
            assertThat(StatementParser.parse("SET NAMES utf8mb4")).isEqualTo(new SetNames("utf8mb4", null));
            assertThat(StatementParser.parse("SET NAMES 'latin1' COLLATE 'latin1_bin'"))
                    .isEqualTo(new SetNames("latin1", "latin1_bin"));
        }

        @Test
        void setNamesDefaultIsUtf8mb4() {
            assertThat(StatementParser.parse("set names default")).isEqualTo(new SetNames("utf8mb4", null));
        }

        @Test
        void executableCommentContentIsParsed() {
            assertThat(StatementParser.parse("/*!40101 SET NAMES utf8 */")).isEqualTo(new SetNames("utf8", null));
        }

        @Test
        void setCharacterSetAndCharsetAreTheSameStatement() {
            assertThat(StatementParser.parse("SET CHARACTER SET utf8")).isEqualTo(new SetCharacterSet("utf8"));
            assertThat(StatementParser.parse("SET CHARSET 'latin1'")).isEqualTo(new SetCharacterSet("latin1"));
        }

        @Test
        void setTransactionTakesScopeIsolationAndAccessMode() {
            assertThat(StatementParser.parse("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
                    .isEqualTo(new SetTransaction(Scope.IMPLICIT, "READ-COMMITTED", null));
            assertThat(StatementParser.parse("SET SESSION TRANSACTION READ ONLY"))
                    .isEqualTo(new SetTransaction(Scope.SESSION, null, true));
            assertThat(StatementParser.parse("SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE"))
                    .isEqualTo(new SetTransaction(Scope.GLOBAL, "SERIALIZABLE", false));
        }

        @Test
        void setPasswordForTheCurrentUserHasNoUser() {
            assertThat(StatementParser.parse("SET PASSWORD = 'secret'")).isEqualTo(new SetPassword(null, "secret"));
        }

        @Test
        void setPasswordForAnotherUserAcceptsThePasswordFunction() {
            assertThat(StatementParser.parse("SET PASSWORD FOR 'u'@'h' = PASSWORD('secret')"))
                    .isEqualTo(new SetPassword(new UserRef("u", "h"), "secret"));
        }

        @Test
        void setPasswordDoesNotPrintThePassword() {
            assertThat(StatementParser.parse("SET PASSWORD = 'secret'").toString()).doesNotContain("secret");
        }
    }

    @Nested
    class Comments {
        @ParameterizedTest
        @ValueSource(strings = {
            "/* before */ SET GLOBAL http_proxy_port = 80",
            "SET /* inside */ GLOBAL http_proxy_port /* */ = 80",
            "SET GLOBAL http_proxy_port = 80 /* after */",
            "-- before\nSET GLOBAL http_proxy_port = 80",
            "SET GLOBAL -- inside\n http_proxy_port = 80",
            "SET GLOBAL http_proxy_port = 80 -- after",
            "SET GLOBAL http_proxy_port = 80 --",
            "# before\nSET GLOBAL http_proxy_port = 80",
            "SET GLOBAL # inside\n http_proxy_port = 80",
            "SET GLOBAL http_proxy_port = 80# after",
            "SET GLOBAL http_proxy_port = 80; -- after the semicolon",
            "/* multi\nline */ SET GLOBAL http_proxy_port = 80",
        })
        void commentsAnywhereAreIgnored(String sql) {
            assertThat(onlyAssignmentOf(sql)).isEqualTo(assignment(Scope.GLOBAL, "http_proxy_port", 80L));
        }

        @Test
        void doubleDashWithoutASpaceIsNotAComment() {
            // MySQL: "--" starts a comment only when whitespace follows; --1 is -(-1).
            assertThat(onlyAssignmentOf("SET @a = --1").value())
                    .isEqualTo(new Expr.Call("-", List.of(new Expr.Literal(-1L))));
        }

        @Test
        void doubleDashWithASpaceCommentsOutTheRest() {
            assertThat(syntaxErrorOf("SET @a = -- 1")).hasMessage(nearMessage("", 1));
        }

        @Test
        void commentMarkersInsideStringsAreText() {
            assertThat(onlyAssignmentOf("SET GLOBAL proxy_allowed_origins = '/* not -- a # comment */'"))
                    .isEqualTo(assignment(Scope.GLOBAL, "proxy_allowed_origins", "/* not -- a # comment */"));
        }

        @Test
        void unterminatedCommentIsASyntaxErrorNearTheComment() {
            assertThat(syntaxErrorOf("SET GLOBAL http_proxy_port = 80 /* open"))
                    .hasMessage(nearMessage("/* open", 1));
        }
    }

    @Nested
    class Strings {
        @Test
        void backslashEscapesAndDoubledQuotesAreResolved() {
            assertThat(assignmentsOf("SET @a = 'it\\'s', @b = 'it''s', @c = \"say \"\"hi\"\"\", @d = 'a\\nb'"))
                    .extracting(Assignment::value)
                    .containsExactly(
                            new Expr.Literal("it's"),
                            new Expr.Literal("it's"),
                            new Expr.Literal("say \"hi\""),
                            new Expr.Literal("a\nb"));
        }

        @Test
        void likeWildcardEscapesKeepTheirBackslash() {
            // MySQL keeps \% and \_ as two characters so that LIKE sees the escape.
            assertThat(StatementParser.parse("SHOW VARIABLES LIKE 'http\\_%'"))
                    .isEqualTo(new ShowVariables(Scope.IMPLICIT, "http\\_%", null));
        }

        @Test
        void unterminatedStringIsASyntaxErrorNearTheString() {
            assertThat(syntaxErrorOf("SET @a = 'abc")).hasMessage(nearMessage("'abc", 1));
        }

        @Test
        void backslashDoesNotEscapeABackQuote() {
            assertThat(onlyAssignmentOf("SET @`a\\` = 1").name()).isEqualTo("a\\");
        }
    }

    @Nested
    class SelectOfVariables {
        @Test
        void selectOfSystemVariablesWithAndWithoutAliases() {
            Statement statement = StatementParser.parse(
                    "SELECT @@version AS v, @@global.port p, @@session.autocommit 'a', @@GLOBAL.http_api");
            assertThat(statement).isEqualTo(new SelectVariables(List.of(
                    new SelectItem(new Expr.SysVar(Scope.IMPLICIT, "version"), "v"),
                    new SelectItem(new Expr.SysVar(Scope.GLOBAL, "port"), "p"),
                    new SelectItem(new Expr.SysVar(Scope.SESSION, "autocommit"), "a"),
                    new SelectItem(new Expr.SysVar(Scope.GLOBAL, "http_api"), "@@GLOBAL.http_api")), null));
        }

        @Test
        void connectorJsConnectQueryIsAnsweredByTheEngine() {
            Statement statement = StatementParser.parse("/* mysql-connector-j */SELECT "
                    + "@@session.auto_increment_increment AS auto_increment_increment, "
                    + "@@character_set_client AS character_set_client, @@license AS license");
            assertThat(statement).isInstanceOf(SelectVariables.class);
            assertThat(((SelectVariables) statement).items()).extracting(SelectItem::columnName)
                    .containsExactly("auto_increment_increment", "character_set_client", "license");
        }

        @Test
        void mariadbClientVersionCommentQueryKeepsItsLimit() {
            assertThat(StatementParser.parse("select @@version_comment limit 1")).isEqualTo(new SelectVariables(
                    List.of(new SelectItem(new Expr.SysVar(Scope.IMPLICIT, "version_comment"), "@@version_comment")),
                    1L));
        }

        @Test
        void sessionFunctionsAreAnsweredByTheEngine() {
            assertThat(StatementParser.parse("SELECT DATABASE()")).isEqualTo(new SelectVariables(
                    List.of(new SelectItem(new Expr.Call("DATABASE", List.of()), "DATABASE()")), null));
        }

        @Test
        void comparisonOfAVariableIsAnsweredByTheEngine() {
            assertThat(StatementParser.parse("SELECT @@autocommit = 1")).isEqualTo(new SelectVariables(List.of(
                    new SelectItem(new Expr.Binary("=", new Expr.SysVar(Scope.IMPLICIT, "autocommit"),
                            new Expr.Literal(1L)), "@@autocommit = 1")), null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT 1", "SELECT * FROM t", "SELECT @@version FROM dual", "SELECT @@version,",
            "SELECT a FROM t WHERE b = @x"})
        void otherSelectsPassThroughUnchanged(String sql) {
            assertThat(StatementParser.parse(sql)).isEqualTo(new Passthrough(sql));
        }
    }

    @Nested
    class Show {
        @Test
        void showVariablesInEachScope() {
            assertThat(StatementParser.parse("SHOW VARIABLES"))
                    .isEqualTo(new ShowVariables(Scope.IMPLICIT, null, null));
            assertThat(StatementParser.parse("show global variables"))
                    .isEqualTo(new ShowVariables(Scope.GLOBAL, null, null));
            assertThat(StatementParser.parse("SHOW SESSION VARIABLES"))
                    .isEqualTo(new ShowVariables(Scope.SESSION, null, null));
            assertThat(StatementParser.parse("SHOW LOCAL VARIABLES"))
                    .isEqualTo(new ShowVariables(Scope.SESSION, null, null));
        }

        @Test
        void showVariablesLikeKeepsThePattern() {
            assertThat(StatementParser.parse("SHOW GLOBAL VARIABLES LIKE 'http%';"))
                    .isEqualTo(new ShowVariables(Scope.GLOBAL, "http%", null));
        }

        @Test
        void showVariablesWhereKeepsThePredicate() {
            assertThat(StatementParser.parse("SHOW VARIABLES WHERE Variable_name = 'port' OR Value LIKE '8%'"))
                    .isEqualTo(new ShowVariables(Scope.IMPLICIT, null, new Expr.Binary("OR",
                            new Expr.Binary("=", new Expr.Word("Variable_name"), new Expr.Literal("port")),
                            new Expr.Binary("LIKE", new Expr.Word("Value"), new Expr.Literal("8%")))));
        }

        @Test
        void showVariablesLikeNeedsAString() {
            assertThat(syntaxErrorOf("SHOW VARIABLES LIKE http")).hasMessage(nearMessage("http", 1));
            assertThat(syntaxErrorOf("SHOW VARIABLES LIKE")).hasMessage(nearMessage("", 1));
        }

        @Test
        void showProxyStatus() {
            assertThat(StatementParser.parse("SHOW PROXY STATUS")).isEqualTo(new ShowProxyStatus());
            assertThat(StatementParser.parse("show proxy status;")).isEqualTo(new ShowProxyStatus());
        }

        @Test
        void showWarningsAndErrorsWithLimitAndCount() {
            assertThat(StatementParser.parse("SHOW WARNINGS")).isEqualTo(new ShowWarnings(false, false, null));
            assertThat(StatementParser.parse("SHOW ERRORS")).isEqualTo(new ShowWarnings(true, false, null));
            assertThat(StatementParser.parse("SHOW WARNINGS LIMIT 3")).isEqualTo(new ShowWarnings(false, false, 3L));
            assertThat(StatementParser.parse("SHOW WARNINGS LIMIT 2, 5")).isEqualTo(new ShowWarnings(false, false, 5L));
            assertThat(StatementParser.parse("SHOW COUNT(*) WARNINGS")).isEqualTo(new ShowWarnings(false, true, null));
            assertThat(StatementParser.parse("SHOW COUNT(*) ERRORS")).isEqualTo(new ShowWarnings(true, true, null));
        }

        @Test
        void showGrantsForOneUserOrTheCurrentOne() {
            assertThat(StatementParser.parse("SHOW GRANTS")).isEqualTo(new ShowGrants(null));
            assertThat(StatementParser.parse("SHOW GRANTS FOR CURRENT_USER()")).isEqualTo(new ShowGrants(null));
            assertThat(StatementParser.parse("SHOW GRANTS FOR 'u'@'localhost'"))
                    .isEqualTo(new ShowGrants(new UserRef("u", "localhost")));
        }

        @Test
        void showDatabasesAndSchemas() {
            assertThat(StatementParser.parse("SHOW DATABASES")).isEqualTo(new ShowDatabases(null));
            assertThat(StatementParser.parse("SHOW SCHEMAS LIKE 'a%'")).isEqualTo(new ShowDatabases("a%"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"SHOW TABLES", "SHOW GLOBAL STATUS", "SHOW CREATE TABLE t"})
        void otherShowStatementsPassThrough(String sql) {
            assertThat(StatementParser.parse(sql)).isEqualTo(new Passthrough(sql));
        }
    }

    @Nested
    class Proxy {
        @ParameterizedTest
        @ValueSource(strings = {"RESTART PROXY", "restart proxy;", "/* go */ Restart -- now\n Proxy"})
        void restartProxy(String sql) {
            assertThat(StatementParser.parse(sql)).isEqualTo(new RestartProxy());
        }

        @Test
        void restartProxyTakesNothingMore() {
            assertThat(syntaxErrorOf("RESTART PROXY NOW")).hasMessage(nearMessage("NOW", 1));
        }

        @Test
        void restartAloneIsASyntaxError() {
            assertThat(syntaxErrorOf("RESTART")).hasMessage(nearMessage("", 1));
        }
    }

    @Nested
    class Accounts {
        @Test
        void createUserWithPasswordAndRequireSsl() {
            assertThat(StatementParser.parse("CREATE USER 'app'@'%' IDENTIFIED BY 'pw' REQUIRE SSL"))
                    .isEqualTo(new CreateUser(false, new UserRef("app", "%"), "pw", true));
        }

        @Test
        void createUserIfNotExistsWithNativePasswordPluginAndNoSsl() {
            assertThat(StatementParser.parse(
                    "CREATE USER IF NOT EXISTS app@localhost IDENTIFIED WITH mysql_native_password BY 'pw'"))
                    .isEqualTo(new CreateUser(true, new UserRef("app", "localhost"), "pw", false));
        }

        @Test
        void createUserWithAnotherAuthPluginIsASyntaxError() {
            assertThat(syntaxErrorOf("CREATE USER u IDENTIFIED WITH caching_sha2_password BY 'pw'"))
                    .hasMessage(nearMessage("caching_sha2_password BY 'pw'", 1));
        }

        @Test
        void createUserDoesNotPrintThePassword() {
            assertThat(StatementParser.parse("CREATE USER u IDENTIFIED BY 'secret'").toString())
                    .doesNotContain("secret");
        }

        @Test
        void accountWithoutHostMeansAnyHost() {
            assertThat(StatementParser.parse("CREATE USER `app`")).isEqualTo(
                    new CreateUser(false, new UserRef("app", "%"), null, false));
        }

        @Test
        void alterUserChangesOnlyWhatItNames() {
            assertThat(StatementParser.parse("ALTER USER u REQUIRE NONE"))
                    .isEqualTo(new AlterUser(false, UserRef.of("u"), null, false));
            assertThat(StatementParser.parse("ALTER USER IF EXISTS u IDENTIFIED BY 'p'"))
                    .isEqualTo(new AlterUser(true, UserRef.of("u"), "p", null));
        }

        @Test
        void dropUserTakesSeveralAccounts() {
            assertThat(StatementParser.parse("DROP USER IF EXISTS a, 'b'@'localhost'"))
                    .isEqualTo(new DropUser(true, List.of(UserRef.of("a"), new UserRef("b", "localhost"))));
        }

        @Test
        void grantSuperOnEverything() {
            assertThat(StatementParser.parse("GRANT SUPER ON *.* TO u"))
                    .isEqualTo(new Grant(Set.of(Privilege.SUPER), GrantTarget.GLOBAL, List.of(UserRef.of("u")), false));
        }

        @Test
        void grantSeveralPrivilegesOnADatabaseToSeveralUsers() {
            assertThat(StatementParser.parse(
                    "grant select, Insert, CREATE TEMPORARY TABLES on db.* to a@localhost, 'b' with grant option"))
                    .isEqualTo(new Grant(Set.of(Privilege.SELECT, Privilege.INSERT, Privilege.CREATE_TEMPORARY_TABLES),
                            GrantTarget.database("db"),
                            List.of(new UserRef("a", "localhost"), UserRef.of("b")), true));
        }

        @Test
        void grantAllPrivilegesIsEverythingButGrantOption() {
            Grant grant = (Grant) StatementParser.parse("GRANT ALL PRIVILEGES ON db.t TO u");
            assertThat(grant.privileges()).isEqualTo(Privilege.all()).doesNotContain(Privilege.GRANT_OPTION);
            assertThat(grant.target()).isEqualTo(new GrantTarget("db", "t"));
        }

        @Test
        void grantOnABareTableLeavesTheDatabaseToTheSession() {
            assertThat(((Grant) StatementParser.parse("GRANT SELECT ON TABLE t TO u")).target())
                    .isEqualTo(new GrantTarget(null, "t"));
        }

        @Test
        void grantOfAnUnknownPrivilegeIsASyntaxErrorNearIt() {
            assertThat(syntaxErrorOf("GRANT FLY ON *.* TO u")).hasMessage(nearMessage("FLY ON *.* TO u", 1));
        }

        @Test
        void grantOnAnyDatabaseButOneTableIsASyntaxError() {
            assertThat(syntaxErrorOf("GRANT SELECT ON *.t TO u")).hasMessage(nearMessage("TO u", 1));
        }

        @Test
        void revokeFromOneUser() {
            assertThat(StatementParser.parse("REVOKE SUPER ON *.* FROM 'u'@'%'"))
                    .isEqualTo(new Revoke(Set.of(Privilege.SUPER), GrantTarget.GLOBAL, List.of(UserRef.of("u"))));
        }

        @Test
        void revokeAllPrivilegesAndGrantOptionMayOmitOn() {
            EnumSet<Privilege> everything = EnumSet.allOf(Privilege.class);
            assertThat(StatementParser.parse("REVOKE ALL PRIVILEGES, GRANT OPTION FROM u"))
                    .isEqualTo(new Revoke(everything, GrantTarget.GLOBAL, List.of(UserRef.of("u"))));
        }

        @Test
        void revokeOfOnePrivilegeWithoutOnIsASyntaxError() {
            assertThat(syntaxErrorOf("REVOKE SELECT FROM u")).hasMessage(nearMessage("FROM u", 1));
        }

        @Test
        void createAndDropDatabase() {
            assertThat(StatementParser.parse("CREATE DATABASE IF NOT EXISTS d DEFAULT CHARACTER SET = utf8mb4"))
                    .isEqualTo(new CreateDatabase("d", true));
            assertThat(StatementParser.parse("CREATE SCHEMA `D`")).isEqualTo(new CreateDatabase("D", false));
            assertThat(StatementParser.parse("DROP SCHEMA IF EXISTS d")).isEqualTo(new DropDatabase("d", true));
        }

        @ParameterizedTest
        @ValueSource(strings = {"CREATE TABLE t (a INT)", "ALTER TABLE t ADD c INT", "DROP TABLE t"})
        void otherDefinitionStatementsPassThrough(String sql) {
            assertThat(StatementParser.parse(sql)).isEqualTo(new Passthrough(sql));
        }
    }

    @Nested
    class Sessions {
        @Test
        void killConnectionIsTheDefault() {
            assertThat(StatementParser.parse("KILL 5")).isEqualTo(new Kill(false, 5));
            assertThat(StatementParser.parse("KILL CONNECTION 5")).isEqualTo(new Kill(false, 5));
        }

        @Test
        void killQueryKeepsTheConnection() {
            assertThat(StatementParser.parse("kill query 12;")).isEqualTo(new Kill(true, 12));
        }

        @ParameterizedTest
        @ValueSource(strings = {"KILL -1", "KILL x", "KILL 1.5", "KILL", "KILL 1 2", "KILL 9999999999999999999"})
        void killNeedsOneNonNegativeInteger(String sql) {
            syntaxErrorOf(sql);
        }

        @Test
        void useTakesAPlainOrBackQuotedName() {
            assertThat(StatementParser.parse("USE db")).isEqualTo(new Use("db"));
            assertThat(StatementParser.parse("USE `my db`;")).isEqualTo(new Use("my db"));
        }

        @Test
        void transactionControl() {
            assertThat(StatementParser.parse("BEGIN"))
                    .isEqualTo(new TransactionControl(TransactionControl.Kind.BEGIN));
            assertThat(StatementParser.parse("START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT"))
                    .isEqualTo(new TransactionControl(TransactionControl.Kind.BEGIN));
            assertThat(StatementParser.parse("COMMIT WORK"))
                    .isEqualTo(new TransactionControl(TransactionControl.Kind.COMMIT));
            assertThat(StatementParser.parse("rollback"))
                    .isEqualTo(new TransactionControl(TransactionControl.Kind.ROLLBACK));
        }

        @Test
        void rollbackToSavepointIsForTheDataPlane() {
            assertThat(StatementParser.parse("ROLLBACK TO SAVEPOINT s"))
                    .isEqualTo(new Passthrough("ROLLBACK TO SAVEPOINT s"));
        }
    }

    @Nested
    class Passthroughs {
        @Test
        void passthroughDropsSurroundingSpaceAndTrailingSemicolons() {
            assertThat(StatementParser.parse("  INSERT INTO t VALUES (1) ; ;\n"))
                    .isEqualTo(new Passthrough("INSERT INTO t VALUES (1)"));
        }

        @Test
        void statementNotStartingWithAWordPassesThrough() {
            assertThat(StatementParser.parse("(SELECT 1)")).isEqualTo(new Passthrough("(SELECT 1)"));
        }
    }

    @Nested
    class Limits {
        private final int max = Parser.MAX_EXPRESSION_NODES;

        @Test
        void expressionAtTheNodeLimitParses() {
            String sql = "SET @a = " + "(".repeat(max - 1) + "1" + ")".repeat(max - 1);

            assertThat(onlyAssignmentOf(sql).value()).isEqualTo(new Expr.Literal(1L));
        }

        @Test
        void expressionOverTheNodeLimitIsASyntaxErrorNearTheFirstNodeTooMany() {
            String sql = "SET @a = " + "(".repeat(max) + "1" + ")".repeat(max);

            assertThat(syntaxErrorOf(sql)).hasMessage(nearMessage("1" + ")".repeat(79), 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"(", "NOT ", "!", "- ", "CONCAT("})
        void deepNestingIsASyntaxErrorNotAStackOverflow(String open) {
            String close = open.endsWith("(") ? ")" : "";

            syntaxErrorOf("SET @a = " + open.repeat(100_000) + "1" + close.repeat(100_000));
        }

        @Test
        void longOperatorChainIsASyntaxErrorSoTheEvaluatorNeverRecursesDeeply() {
            syntaxErrorOf("SET @a = 1" + " OR 1".repeat(100_000));
        }

        @Test
        void deepSelectIsLeftToTheDataPlane() {
            String sql = "SELECT " + "(".repeat(100_000) + "@@version" + ")".repeat(100_000);

            assertThat(StatementParser.parse(sql)).isEqualTo(new Passthrough(sql));
        }

        @Test
        void limitIsPerExpressionSoLongAssignmentListsParse() {
            StringBuilder sql = new StringBuilder("SET @a0 = 0");
            for (int i = 1; i < 1000; i++) {
                sql.append(", @a").append(i).append(" = ").append(i);
            }

            assertThat(assignmentsOf(sql.toString())).hasSize(1000);
        }
    }

    @Nested
    class Errors {
        @Test
        void syntaxErrorQuotesTheRestOfTheStatementFromTheBadToken() {
            assertThat(syntaxErrorOf("SET GLOBAL http_proxy_port = = 1")).hasMessage(nearMessage("= 1", 1));
        }

        @Test
        void syntaxErrorAtTheEndQuotesNothing() {
            assertThat(syntaxErrorOf("SET GLOBAL http_proxy_port =")).hasMessage(nearMessage("", 1));
        }

        @Test
        void syntaxErrorCountsLinesIncludingThoseInComments() {
            assertThat(syntaxErrorOf("SET\n/* one\ntwo */\nGLOBAL\n x 1")).hasMessage(nearMessage("1", 5));
        }

        @Test
        void nearTextIsCutAtEightyCharacters() {
            String tail = "x".repeat(100);
            assertThat(syntaxErrorOf("RESTART PROXY " + tail)).hasMessage(nearMessage("x".repeat(80), 1));
        }

        @Test
        void assignmentWithoutEqualsIsASyntaxError() {
            assertThat(syntaxErrorOf("SET GLOBAL http_proxy_port 80")).hasMessage(nearMessage("80", 1));
        }

        @Test
        void twoStatementsInOneParseAreASyntaxError() {
            assertThat(syntaxErrorOf("SET @a = 1; SET @b = 2")).hasMessage(nearMessage("; SET @b = 2", 1));
        }

        @Test
        void loneAtSignIsASyntaxError() {
            assertThat(syntaxErrorOf("SET @ = 1")).hasMessage(nearMessage("@ = 1", 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", ";", " ; ;; ", "/* only a comment */", "-- only a comment", "# hash\n"})
        void emptyQueryIs1065(String sql) {
            assertThatThrownBy(() -> StatementParser.parse(sql))
                    .isInstanceOfSatisfying(SqlException.class, e -> {
                        assertThat(e.code()).isEqualTo(1065);
                        assertThat(e.sqlState()).isEqualTo("42000");
                    })
                    .hasMessage("Query was empty");
        }

        @Test
        void nullQueryIs1065() {
            assertThatThrownBy(() -> StatementParser.parse(null))
                    .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1065));
        }
    }
}
