package io.wsproxy.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MySqlLiteralsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SELECT 1                          | SELECT 1",
        "SELECT 'it''s'                    | SELECT 'it''s'",
        "SELECT 'it\\'s'                   | SELECT 'it''s'",
        "SELECT 'a\\\\b'                   | SELECT 'a\\b'",
        "SELECT \"x\"                      | SELECT 'x'",
        "SELECT \"it's\"                   | SELECT 'it''s'",
        "SELECT \"a\"\"b\"                 | SELECT 'a\"b'",
        "SELECT 'tab\\there'               | ~SELECT 'tab\there'~",
        "SELECT 'a' LIKE 'a\\%'            | SELECT 'a' LIKE 'a\\%'",
        "SELECT `we\\ird` FROM t           | SELECT `we\\ird` FROM t",
        "SELECT 1 -- don't \"touch\"       | SELECT 1 -- don't \"touch\"",
        "SELECT 1 /* it's \\ */, 'x\\y'    | SELECT 1 /* it's \\ */, 'xy'",
        "SELECT 'open\\'                   | SELECT 'open''",
    })
    void mySqlLiteralsBecomeH2Literals(String mysql, String h2) {
        assertThat(MySqlLiterals.toH2(mysql.strip())).isEqualTo(h2.strip());
    }
}
