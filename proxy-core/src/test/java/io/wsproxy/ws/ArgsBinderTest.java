package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.control.SqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArgsBinderTest {

    private static final String[] HOSTILE = {
        "' OR 1=1 --", "\\'", "\\", "'", "''", "\\\\'", "\"", "\\\"", "\u0000", "\n", "\r", "\u001a",
        "'; DROP TABLE t; #", "*/ OR 1=1 /*", "? ?", "\u00bf'", "\u5f1f\\'", "\uD83D\uDE00'", "`", "--\n'",
    };

    /**
     * Reads the single-quoted literal starting at {@code open} as MySQL does (backslash escapes
     * unless {@code noBackslashEscapes}, doubled quotes) and returns {value, rest of the SQL}.
     */
    private static String[] readLiteral(String sql, int open, boolean noBackslashEscapes) {
        assertThat(sql.charAt(open)).isEqualTo('\'');
        StringBuilder value = new StringBuilder();
        int i = open + 1;
        while (true) {
            char c = sql.charAt(i);
            if (c == '\\' && !noBackslashEscapes) {
                char e = sql.charAt(i + 1);
                switch (e) {
                    case '0': value.append('\0'); break;
                    case 'n': value.append('\n'); break;
                    case 'r': value.append('\r'); break;
                    case 'Z': value.append('\u001a'); break;
                    default: value.append(e);
                }
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                } else {
                    return new String[] {value.toString(), sql.substring(i + 1)};
                }
            } else {
                value.append(c);
                i++;
            }
        }
    }

    @Test
    void scalarsBecomeSqlLiterals() {
        // When
        String sql = ArgsBinder.bind("SELECT ?, ?, ?, ?, ?, ?, ?", Arrays.asList(
                null, true, false, 42L, new BigInteger("18446744073709551615"), new BigDecimal("0.10"), "x"));

        // Then
        assertThat(sql).isEqualTo("SELECT NULL, TRUE, FALSE, 42, 18446744073709551615, 0.10, 'x'");
    }

    @Test
    void decimalsKeepExactDigitsWithoutExponent() {
        // When
        String sql = ArgsBinder.bind("SELECT ?, ?", List.of(new BigDecimal("1e3"), new BigDecimal("-1.5E-7")));

        // Then
        assertThat(sql).isEqualTo("SELECT 1000, -0.00000015");
    }

    @Test
    void hugeExponentStaysInScientificNotation() {
        // When
        String sql = ArgsBinder.bind("SELECT ?", List.of(new BigDecimal("1e100000000")));

        // Then
        assertThat(sql).isEqualTo("SELECT 1E+100000000");
    }

    @Test
    void negativeNumberAfterMinusCannotFormADashComment() {
        // When
        String sql = ArgsBinder.bind("SELECT 1-?", List.of(-5L));

        // Then
        assertThat(sql).isEqualTo("SELECT 1- -5");
    }

    @Test
    void argsFromTheParserBind() {
        // Given
        ClientMessage.Query q = (ClientMessage.Query) ClientMessages.parse(
                "{\"type\":\"query\",\"id\":1,\"sql\":\"INSERT INTO t VALUES (?, ?)\",\"args\":[7, \"it's\"]}");

        // When
        String sql = ArgsBinder.bind(q.sql(), q.args());

        // Then
        assertThat(sql).isEqualTo("INSERT INTO t VALUES (7, 'it''s')");
    }

    @Test
    void stringEscapesFollowMysqlRealEscapeString() {
        // When
        String sql = ArgsBinder.bind("?", List.of("a\\b\"c\u0000d\ne\rf\u001ag'h"));

        // Then
        assertThat(sql).isEqualTo("'a\\\\b\\\"c\\0d\\ne\\rf\\Zg''h'");
    }

    @Test
    void hostileStringsStayInsideTheirLiteral() {
        for (String hostile : HOSTILE) {
            // When
            String sql = ArgsBinder.bind("SELECT ? FROM t", List.of(hostile));

            // Then
            String[] literal = readLiteral(sql, "SELECT ".length(), false);
            assertThat(literal[0]).as(hostile).isEqualTo(hostile);
            assertThat(literal[1]).as(hostile).isEqualTo(" FROM t");
        }
    }

    @Test
    void hostileStringsStayInsideTheirLiteralUnderNoBackslashEscapes() {
        for (String hostile : HOSTILE) {
            // When
            String sql = ArgsBinder.bind("SELECT ? FROM t", List.of(hostile));

            // Then
            assertThat(readLiteral(sql, "SELECT ".length(), true)[1]).as(hostile).isEqualTo(" FROM t");
        }
    }

    @Test
    void randomStringsRoundTripThroughTheirLiteral() {
        // Given
        Random random = new Random(1210);
        String alphabet = "'\"\\\u0000\n\r\u001a?`#-/* a\u00e9\uD83D\uDE00";

        for (int i = 0; i < 10_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }

            // When
            String sql = ArgsBinder.bind("SELECT ?, 1", List.of(value.toString()));

            // Then
            String[] literal = readLiteral(sql, "SELECT ".length(), false);
            assertThat(literal[0]).isEqualTo(value.toString());
            assertThat(literal[1]).isEqualTo(", 1");
            assertThat(readLiteral(sql, "SELECT ".length(), true)[1]).isEqualTo(", 1");
        }
    }

    @Test
    void placeholdersInsideLiteralsIdentifiersAndCommentsAreText() {
        // Given
        String sql = "SELECT '?', \"?\", 'it''s ?', 'a\\'?', `col?`, `a``?` /* ? */ -- ?\n, # ?\n ?";

        // When
        String bound = ArgsBinder.bind(sql, List.of(1L));

        // Then
        assertThat(bound).isEqualTo(sql.substring(0, sql.length() - 1) + "1");
    }

    @Test
    void doubleDashWithoutSpaceIsNoComment() {
        // When
        String bound = ArgsBinder.bind("SELECT 1--?", List.of(2L));

        // Then
        assertThat(bound).isEqualTo("SELECT 1--2");
    }

    @Test
    void doubleDashAtTheEndIsAComment() {
        // When
        String bound = ArgsBinder.bind("SELECT ? --", List.of(2L));

        // Then
        assertThat(bound).isEqualTo("SELECT 2 --");
    }

    @Test
    void unterminatedLiteralSwallowsTheRest() {
        // When / Then: the engine reports the syntax error; the binder sees no placeholder
        assertThatThrownBy(() -> ArgsBinder.bind("SELECT 'abc ?", List.of(1L)))
                .isInstanceOf(SqlException.class);
    }

    @Test
    void withoutArgsTheSqlIsUnchanged() {
        // When
        String bound = ArgsBinder.bind("SELECT '?', ?", null);

        // Then
        assertThat(bound).isEqualTo("SELECT '?', ?");
    }

    @Test
    void moreArgsThanPlaceholdersIsError1210() {
        // When / Then
        assertThatThrownBy(() -> ArgsBinder.bind("SELECT ?", List.of(1L, 2L)))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(1210);
                    assertThat(e.sqlState()).isEqualTo("HY000");
                    assertThat(e.getMessage()).isEqualTo("Incorrect arguments to EXECUTE (1 placeholder, 2 args)");
                });
    }

    @Test
    void fewerArgsThanPlaceholdersIsError1210() {
        // When / Then
        assertThatThrownBy(() -> ArgsBinder.bind("SELECT ?, ?", List.of()))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(1210);
                    assertThat(e.getMessage()).isEqualTo("Incorrect arguments to EXECUTE (2 placeholders, 0 args)");
                });
    }

    @Test
    void nonFiniteDoubleIsRefused() {
        // When / Then
        assertThatThrownBy(() -> ArgsBinder.bind("SELECT ?", List.of(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
