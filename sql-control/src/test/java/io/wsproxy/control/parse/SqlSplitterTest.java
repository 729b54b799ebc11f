package io.wsproxy.control.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    @Test
    void splitsAtSemicolonsAndStripsEachStatement() {
        assertThat(SqlSplitter.split("SET @a = 1;  SELECT @a ;\nRESTART PROXY"))
                .containsExactly("SET @a = 1", "SELECT @a", "RESTART PROXY");
    }

    @Test
    void trailingSemicolonDoesNotMakeAnEmptyStatement() {
        assertThat(SqlSplitter.split("SELECT 1;")).containsExactly("SELECT 1");
        assertThat(SqlSplitter.split("SELECT 1;;  ; ")).containsExactly("SELECT 1");
    }

    @Test
    void nothingToSplitGivesNoStatements() {
        assertThat(SqlSplitter.split(null)).isEmpty();
        assertThat(SqlSplitter.split("")).isEmpty();
        assertThat(SqlSplitter.split(" ;\n; ")).isEmpty();
    }

    @Test
    void semicolonInsideSingleQuotesDoesNotSplit() {
        assertThat(SqlSplitter.split("SET @a = 'x;y'; SELECT 2")).containsExactly("SET @a = 'x;y'", "SELECT 2");
    }

    @Test
    void semicolonInsideDoubleQuotesDoesNotSplit() {
        assertThat(SqlSplitter.split("SET @a = \"x;y\"; SELECT 2")).containsExactly("SET @a = \"x;y\"", "SELECT 2");
    }

    @Test
    void semicolonInsideBackQuotesDoesNotSplit() {
        assertThat(SqlSplitter.split("USE `a;b`; SELECT 2")).containsExactly("USE `a;b`", "SELECT 2");
    }

    @Test
    void backslashEscapedQuoteDoesNotEndTheString() {
        assertThat(SqlSplitter.split("SET @a = 'it\\'s; fine'; SELECT 2"))
                .containsExactly("SET @a = 'it\\'s; fine'", "SELECT 2");
    }

    @Test
    void escapedBackslashBeforeAQuoteDoesEndTheString() {
        assertThat(SqlSplitter.split("SET @a = 'x\\\\'; SELECT 2")).containsExactly("SET @a = 'x\\\\'", "SELECT 2");
    }

    @Test
    void doubledQuoteDoesNotEndTheString() {
        assertThat(SqlSplitter.split("SET @a = 'it''s; fine'; SELECT \"a\"\";b\""))
                .containsExactly("SET @a = 'it''s; fine'", "SELECT \"a\"\";b\"");
    }

    @Test
    void backslashDoesNotEscapeInsideBackQuotes() {
        // `a\` is a complete identifier: the back quote after the backslash closes it.
        assertThat(SqlSplitter.split("USE `a\\`; SELECT 2")).containsExactly("USE `a\\`", "SELECT 2");
    }

    @Test
    void otherQuoteKindsInsideAStringAreText() {
        assertThat(SqlSplitter.split("SET @a = 'say \"hi`;'; SELECT 2"))
                .containsExactly("SET @a = 'say \"hi`;'", "SELECT 2");
    }

    @Test
    void semicolonInsideABlockCommentDoesNotSplit() {
        assertThat(SqlSplitter.split("SELECT 1 /* a; b */; SELECT 2")).containsExactly("SELECT 1 /* a; b */", "SELECT 2");
    }

    @Test
    void semicolonInsideALineCommentDoesNotSplit() {
        assertThat(SqlSplitter.split("SELECT 1 -- a; b\n; SELECT 2")).containsExactly("SELECT 1 -- a; b", "SELECT 2");
        assertThat(SqlSplitter.split("SELECT 1 # a; b\n; SELECT 2")).containsExactly("SELECT 1 # a; b", "SELECT 2");
    }

    @Test
    void lineCommentEndsAtTheNewline() {
        assertThat(SqlSplitter.split("SELECT 1 -- c\n; SELECT 2 # d\n; SELECT 3"))
                .containsExactly("SELECT 1 -- c", "SELECT 2 # d", "SELECT 3");
    }

    @Test
    void doubleDashWithoutWhitespaceIsNotAComment() {
        assertThat(SqlSplitter.split("SELECT 1 --; SELECT 2")).containsExactly("SELECT 1 --", "SELECT 2");
    }

    @Test
    void quotesInsideCommentsDoNotOpenStrings() {
        assertThat(SqlSplitter.split("SELECT 1 /* it's */; SELECT 2 -- don't\n; SELECT 3"))
                .containsExactly("SELECT 1 /* it's */", "SELECT 2 -- don't", "SELECT 3");
    }

    @Test
    void statementOfOnlyCommentsIsDropped() {
        assertThat(SqlSplitter.split("SELECT 1; /* nothing */ ; -- still nothing\n; # nor this"))
                .containsExactly("SELECT 1");
    }

    @Test
    void executableCommentIsAStatement() {
        assertThat(SqlSplitter.split("/*!40101 SET NAMES utf8 */; SELECT 2"))
                .containsExactly("/*!40101 SET NAMES utf8 */", "SELECT 2");
    }

    @Test
    void unterminatedQuoteRunsToTheEndWithoutThrowing() {
        assertThat(SqlSplitter.split("SELECT 1; SET @a = 'open; SELECT 2"))
                .containsExactly("SELECT 1", "SET @a = 'open; SELECT 2");
    }

    @Test
    void unterminatedCommentRunsToTheEndWithoutThrowing() {
        assertThat(SqlSplitter.split("SELECT 1 /* open; SELECT 2")).containsExactly("SELECT 1 /* open; SELECT 2");
    }

    // ---- property: joining statements with ';' and splitting gives them back

    @Property(tries = 2000)
    void splittingJoinedStatementsGivesThemBack(@ForAll("statements") List<String> statements) {
        String joined = String.join(";", statements);

        assertThat(SqlSplitter.split(joined))
                .containsExactlyElementsOf(statements.stream().map(String::strip).collect(Collectors.toList()));
    }

    @Provide
    Arbitrary<List<String>> statements() {
        Arbitrary<String> statement = Combinators.combine(word(), fragment().list().ofMaxSize(6))
                .as((first, rest) -> first + " " + String.join(" ", rest));
        return statement.list().ofMinSize(1).ofMaxSize(5);
    }

    private static Arbitrary<String> word() {
        return Arbitraries.of("SET", "SELECT", "@@global.x", "=", "1", "RESTART", "PROXY", ":=", "@u", ",");
    }

    /** Pieces that may hold ';', quotes and comment markers but never end a statement. */
    private static Arbitrary<String> fragment() {
        Arbitrary<String> text = Arbitraries.strings().withChars(";'\"`\\/*-#\n ab").ofMaxLength(12);
        return Arbitraries.oneOf(
                word(),
                text.map(s -> "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"),
                text.map(s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"),
                text.map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\"\"") + "\""),
                text.map(s -> "`" + s.replace("`", "``") + "`"),
                text.map(s -> "/*" + s.replace("*/", "* /") + "*/"),
                text.map(s -> "-- " + s.replace("\n", " ") + "\n"),
                text.map(s -> "#" + s.replace("\n", " ") + "\n"));
    }
}
