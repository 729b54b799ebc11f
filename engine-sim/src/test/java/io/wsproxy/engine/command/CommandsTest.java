package io.wsproxy.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.engine.testing.Eventually;
import io.wsproxy.engine.testing.TestNode;
import io.wsproxy.engine.testing.WireClient;
import io.wsproxy.engine.testing.WireClient.Err;
import io.wsproxy.engine.testing.WireClient.Ok;
import io.wsproxy.engine.testing.WireClient.Rows;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComFieldList;
import io.wsproxy.wire.message.ComInitDb;
import io.wsproxy.wire.message.ComPing;
import io.wsproxy.wire.message.ComProcessKill;
import io.wsproxy.wire.message.ComQuit;
import io.wsproxy.wire.message.ComSetOption;
import io.wsproxy.wire.message.OkPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command phase's commands one by one, and what any of them does with bad input. */
class CommandsTest {
    @TempDir
    static Path dir;
    static TestNode node;
    WireClient c;

    @BeforeAll
    static void startNodeWithATable() throws Exception {
        node = TestNode.start(dir);
        try (WireClient root = node.root()) {
            root.query("CREATE DATABASE cmd");
            root.query("CREATE TABLE cmd.items (id INT PRIMARY KEY, name VARCHAR(20), note TEXT)");
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @BeforeEach
    void connect() throws Exception {
        c = node.root();
    }

    @AfterEach
    void disconnect() {
        c.close();
    }

    private <T> T reply(Class<T> kind) throws Exception {
        return kind.cast(c.reply(false));
    }

    @Test
    void pingIsOk() throws Exception {
        c.command(new ComPing().encode(c.capabilities()));
        assertThat(c.reply(false)).isInstanceOf(Ok.class);
    }

    @Test
    void initDbSelectsTheDatabaseAndAnUnknownOneIs1049() throws Exception {
        c.command(new ComInitDb("cmd").encode(c.capabilities()));
        assertThat(c.reply(false)).isInstanceOf(Ok.class);
        assertThat(((Rows) c.query("SELECT DATABASE()")).rows().get(0)[0]).isEqualTo("cmd");

        c.command(new ComInitDb("nowhere").encode(c.capabilities()));
        assertThat(reply(Err.class).code()).isEqualTo(1049);
        assertThat(((Rows) c.query("SELECT DATABASE()")).rows().get(0)[0]).as("unchanged").isEqualTo("cmd");
    }

    @Test
    void fieldListSendsTheMatchingColumnDefinitionsThenTheEnd() throws Exception {
        c.command(new ComInitDb("cmd").encode(c.capabilities()));
        c.reply(false);
        c.command(new ComFieldList("items", "n%").encode(c.capabilities()));

        List<ColumnDefinition41> columns = new java.util.ArrayList<>();
        byte[] p;
        while (!io.wsproxy.wire.Responses.isEndOfRows(p = c.read().payload(), c.capabilities())) {
            columns.add(ColumnDefinition41.decode(new WireReader(p), c.capabilities()));
        }
        assertThat(columns).extracting(ColumnDefinition41::name).containsExactly("name", "note");
        assertThat(columns).extracting(ColumnDefinition41::table).containsOnly("items");
    }

    @Test
    void quitClosesTheConnectionWithoutAReply() throws Exception {
        c.command(new ComQuit().encode(c.capabilities()));
        assertThat(c.closedByServer()).isTrue();
    }

    @Test
    void processKillEndsAnotherSessionAndAnUnknownIdIs1094() throws Exception {
        try (WireClient victim = node.root()) {
            long id = Long.parseLong((String) ((Rows) victim.query("SELECT CONNECTION_ID()")).rows().get(0)[0]);

            c.command(new ComProcessKill(id).encode(c.capabilities()));
            assertThat(c.reply(false)).isInstanceOf(Ok.class);
            assertThat(victim.closedByServer()).isTrue();
        }
        c.command(new ComProcessKill(999_999).encode(c.capabilities()));
        assertThat(reply(Err.class).code()).isEqualTo(1094);
    }

    @Test
    void setOptionTurnsMultiStatementsOffAndOn() throws Exception {
        c.command(new ComSetOption(1).encode(c.capabilities()));
        c.read(); // EOF (an OK under DEPRECATE_EOF)
        assertThat(c.query("SELECT 1; SELECT 2")).isInstanceOfSatisfying(Err.class,
                err -> assertThat(err.code()).isEqualTo(1064));

        c.command(new ComSetOption(0).encode(c.capabilities()));
        c.read();
        Rows first = (Rows) c.query("SELECT 1; SELECT 2");
        assertThat(first.endStatus() & StatusFlags.SERVER_MORE_RESULTS_EXISTS).isNotZero();
        Rows second = (Rows) c.reply(false);
        assertThat(second.rows().get(0)[0]).isEqualTo("2");
        assertThat(second.endStatus() & StatusFlags.SERVER_MORE_RESULTS_EXISTS).isZero();
    }

    @Test
    void anUnknownSetOptionIs1047() throws Exception {
        c.command(new ComSetOption(7).encode(c.capabilities()));
        assertThat(reply(Err.class).code()).isEqualTo(1047);
    }

    @Test
    void statisticsIsALineOfText() throws Exception {
        c.command(new byte[] {0x09});
        String line = new String(c.read().payload(), StandardCharsets.UTF_8);
        assertThat(line).startsWith("Uptime: ").contains("Threads: ");
    }

    @Test
    void anUnknownOrEmptyCommandIs1047AndTheSessionGoesOn() throws Exception {
        c.command(new byte[] {0x1d}); // COM_DAEMON, a server-internal command
        assertThat(reply(Err.class).code()).isEqualTo(1047);
        c.command(new byte[] {(byte) 0xee, 1, 2});
        assertThat(reply(Err.class).code()).isEqualTo(1047);
        c.command(new byte[0]);
        assertThat(reply(Err.class).code()).isEqualTo(1047);
        assertThat(c.query("SELECT 1")).isInstanceOf(Rows.class);
    }

    @Test
    void aMalformedBodyIs1835AndTheSessionGoesOn() throws Exception {
        c.command(new byte[] {0x0c, 1, 0}); // COM_PROCESS_KILL with two of its four bytes
        assertThat(reply(Err.class).code()).isEqualTo(1835);
        assertThat(c.query("SELECT 1")).isInstanceOf(Rows.class);
    }

    @Test
    void anEmptyQueryIs1065() throws Exception {
        assertThat(c.query("  ")).isInstanceOfSatisfying(Err.class, err -> assertThat(err.code()).isEqualTo(1065));
    }

    @Test
    void theFirstFailingStatementEndsAMultiStatementQueryAndIsTheLastWarning() throws Exception {
        assertThat(c.query("SELECT 1; SELEC 2; SELECT 3")).isInstanceOf(Rows.class);
        assertThat(c.reply(false)).isInstanceOfSatisfying(Err.class, err -> assertThat(err.code()).isEqualTo(1064));
        Rows warnings = (Rows) c.query("SHOW WARNINGS");
        assertThat(warnings.rows()).hasSize(1);
        assertThat(warnings.rows().get(0)[0]).isEqualTo("Error");
        assertThat(warnings.rows().get(0)[1]).isEqualTo("1064");
    }

    @Test
    void anUpdateReportsAffectedRowsAndTheTransactionFlag() throws Exception {
        c.query("USE cmd");
        c.query("BEGIN");
        Ok inserted = (Ok) c.query("INSERT INTO items VALUES (1, 'a', NULL), (2, 'b', NULL)");
        OkPacket ok = inserted.ok();
        assertThat(ok.affectedRows()).isEqualTo(2);
        assertThat(ok.statusFlags() & StatusFlags.SERVER_STATUS_IN_TRANS).isNotZero();
        c.query("ROLLBACK");
        assertThat(((Rows) c.query("SELECT COUNT(*) FROM items")).rows().get(0)[0]).isEqualTo("0");
    }

    /** How many sessions H2 shows running this test's SLEEP(30). */
    private static int sleepers(WireClient observer) {
        try {
            return Integer.parseInt((String) ((Rows) observer.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                    + " WHERE EXECUTING_STATEMENT = 'SELECT SLEEP(30)'")).rows().get(0)[0]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void killQueryFromAnotherSessionEndsASleepWith1317AndTheSessionGoesOn() throws Exception {
        try (WireClient killer = node.root()) {
            long id = Long.parseLong((String) ((Rows) c.query("SELECT CONNECTION_ID()")).rows().get(0)[0]);
            c.command(new io.wsproxy.wire.message.ComQuery("SELECT SLEEP(30)").encode(c.capabilities()));
            Eventually.await(Duration.ofSeconds(10), "the sleep runs", () -> sleepers(killer) == 1);
            assertThat(killer.query("KILL QUERY " + id)).isInstanceOf(Ok.class);
            assertThat(c.reply(false)).isInstanceOfSatisfying(Err.class, err -> {
                assertThat(err.code()).isEqualTo(1317);
                assertThat(err.err().sqlState()).isEqualTo("70100");
            });
            assertThat(((Rows) c.query("SELECT 5")).rows().get(0)[0]).isEqualTo("5");
        }
    }

    @Test
    void killConnectionEndsASleepingSession() throws Exception {
        try (WireClient killer = node.root(); WireClient sleeper = node.root()) {
            long id = Long.parseLong((String) ((Rows) sleeper.query("SELECT CONNECTION_ID()")).rows().get(0)[0]);
            sleeper.command(new io.wsproxy.wire.message.ComQuery("SELECT SLEEP(30)").encode(sleeper.capabilities()));
            long start = System.nanoTime();
            Eventually.await(Duration.ofSeconds(10), "the sleep runs", () -> sleepers(killer) == 1);
            assertThat(killer.query("KILL " + id)).isInstanceOf(Ok.class);
            assertThat(sleeper.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            Eventually.await(Duration.ofSeconds(10), "the sleep is gone", () -> sleepers(killer) == 0);
        }
    }
}
