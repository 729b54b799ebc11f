package io.wsproxy.engine.command;

import static io.wsproxy.wire.CapabilityFlags.CLIENT_DEPRECATE_EOF;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.engine.testing.TestNode;
import io.wsproxy.engine.testing.WireClient;
import io.wsproxy.engine.testing.WireClient.Err;
import io.wsproxy.engine.testing.WireClient.Ok;
import io.wsproxy.engine.testing.WireClient.Rows;
import io.wsproxy.wire.ColumnType;
import io.wsproxy.wire.MySqlDateTime;
import io.wsproxy.wire.StatusFlags;
import io.wsproxy.wire.WireReader;
import io.wsproxy.wire.message.ColumnDefinition41;
import io.wsproxy.wire.message.ComStmtClose;
import io.wsproxy.wire.message.ComStmtExecute;
import io.wsproxy.wire.message.ComStmtExecute.ParamType;
import io.wsproxy.wire.message.ComStmtFetch;
import io.wsproxy.wire.message.ComStmtPrepare;
import io.wsproxy.wire.message.ComStmtPrepareOk;
import io.wsproxy.wire.message.ComStmtReset;
import io.wsproxy.wire.message.ComStmtSendLongData;
import io.wsproxy.wire.message.EofPacket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COM_STMT_* and COM_RESET_CONNECTION packet by packet. */
class PreparedCommandsTest {
    private static final ParamType LONGLONG = new ParamType(ColumnType.LONGLONG, false);
    private static final ParamType STRING = new ParamType(ColumnType.VAR_STRING, false);
    private static final ParamType BLOB = new ParamType(ColumnType.BLOB, false);

    @TempDir
    static Path dir;
    static TestNode node;
    WireClient c;

    @BeforeAll
    static void startNodeWithATable() throws Exception {
        node = TestNode.start(dir);
        try (WireClient root = node.root()) {
            root.query("CREATE DATABASE ps");
            root.query("CREATE TABLE ps.t (id INT PRIMARY KEY, name VARCHAR(20), at DATETIME(6), data BLOB)");
            root.query("INSERT INTO ps.t VALUES (1, 'one', '2024-02-29 13:14:15.5', NULL), (2, 'two', NULL, NULL),"
                    + " (3, 'three', NULL, NULL), (4, 'four', NULL, NULL), (5, 'five', NULL, NULL)");
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @BeforeEach
    void connect() throws Exception {
        c = node.root();
        c.query("USE ps");
    }

    @AfterEach
    void disconnect() {
        c.close();
    }

    /** Prepares and reads the whole reply: the OK, then the parameter and column definitions. */
    private Prepared prepare(WireClient client, String sql) throws Exception {
        client.command(new ComStmtPrepare(sql).encode(client.capabilities()));
        byte[] first = client.read().payload();
        if ((first[0] & 0xff) == 0xff) {
            throw new AssertionError("prepare failed: " + io.wsproxy.wire.message.ErrPacket.decode(new WireReader(first),
                    client.capabilities()));
        }
        ComStmtPrepareOk ok = ComStmtPrepareOk.decode(new WireReader(first), client.capabilities());
        return new Prepared(ok, client.definitions(ok.paramCount()), client.definitions(ok.columnCount()));
    }

    private record Prepared(ComStmtPrepareOk ok, List<ColumnDefinition41> params, List<ColumnDefinition41> columns) {
        long id() {
            return ok.statementId();
        }
    }

    private WireClient.Reply execute(long id, int flags, List<ParamType> types, Object... values) throws Exception {
        c.command(new ComStmtExecute(id, flags, 1, types != null, types == null ? Arrays.asList(new ParamType[values.length])
                .stream().map(t -> LONGLONG).toList() : types, Arrays.asList(values)).encode(c.capabilities()));
        return c.reply(true);
    }

    private WireClient.Reply execute(long id, List<ParamType> types, Object... values) throws Exception {
        return execute(id, ComStmtExecute.CURSOR_TYPE_NO_CURSOR, types, values);
    }

    @Test
    void prepareDescribesTheParametersAndTheColumns() throws Exception {
        Prepared p = prepare(c, "SELECT id, name FROM t WHERE id > ? AND name <> ?");

        assertThat(p.id()).isPositive();
        assertThat(p.ok().paramCount()).isEqualTo(2);
        assertThat(p.params()).extracting(ColumnDefinition41::name).containsExactly("?", "?");
        assertThat(p.columns()).extracting(ColumnDefinition41::name).containsExactly("id", "name");
        assertThat(p.columns()).extracting(ColumnDefinition41::type).containsExactly(ColumnType.LONG, ColumnType.VAR_STRING);
    }

    @Test
    void withoutDeprecateEofEachDefinitionGroupEndsWithAnEof() throws Exception {
        try (WireClient old = WireClient.tcp(node.node().port())) {
            old.login("root", TestNode.ROOT_PASSWORD, "ps", WireClient.CLIENT_FLAGS & ~CLIENT_DEPRECATE_EOF);
            old.command(new ComStmtPrepare("SELECT name FROM t WHERE id = ?").encode(old.capabilities()));
            ComStmtPrepareOk ok = ComStmtPrepareOk.decode(new WireReader(old.read().payload()), old.capabilities());
            ColumnDefinition41.decode(new WireReader(old.read().payload()), old.capabilities());
            EofPacket.decode(new WireReader(old.read().payload()), old.capabilities());
            ColumnDefinition41.decode(new WireReader(old.read().payload()), old.capabilities());
            EofPacket.decode(new WireReader(old.read().payload()), old.capabilities());

            old.command(new ComStmtExecute(ok.statementId(), 0, 1, true, List.of(LONGLONG), List.of(1L))
                    .encode(old.capabilities()));
            Rows rows = (Rows) old.reply(true);
            assertThat(rows.rows()).hasSize(1);
            assertThat(new String((byte[]) rows.rows().get(0)[0])).isEqualTo("one");
        }
    }

    @Test
    void executeSendsBinaryRowsTypedByColumn() throws Exception {
        Prepared p = prepare(c, "SELECT id, name, at, data FROM t WHERE id <= ? ORDER BY id");

        Rows rows = (Rows) execute(p.id(), List.of(LONGLONG), 2L);

        assertThat(rows.rows()).hasSize(2);
        Object[] first = rows.rows().get(0);
        assertThat(first[0]).isEqualTo(1L);
        assertThat(new String((byte[]) first[1])).isEqualTo("one");
        assertThat(first[2]).isEqualTo(new MySqlDateTime(2024, 2, 29, 13, 14, 15, 500_000));
        assertThat(first[3]).isNull();
        assertThat(rows.rows().get(1)[2]).isNull();
    }

    @Test
    void aLaterExecutionMayOmitTheTypesBoundBefore() throws Exception {
        Prepared p = prepare(c, "SELECT name FROM t WHERE id = ?");
        execute(p.id(), List.of(LONGLONG), 1L);

        c.command(new ComStmtExecute(p.id(), 0, 1, false, List.of(LONGLONG), List.of(3L)).encode(c.capabilities()));

        Rows rows = (Rows) c.reply(true);
        assertThat(new String((byte[]) rows.rows().get(0)[0])).isEqualTo("three");
    }

    @Test
    void theFirstExecutionWithoutTypesIsMalformed() throws Exception {
        Prepared p = prepare(c, "SELECT name FROM t WHERE id = ?");

        c.command(new ComStmtExecute(p.id(), 0, 1, false, List.of(LONGLONG), List.of(3L)).encode(c.capabilities()));

        assertThat(c.reply(true)).isInstanceOfSatisfying(Err.class, err -> assertThat(err.code()).isEqualTo(1835));
    }

    @Test
    void anUnknownStatementIs1243NamingTheCommand() throws Exception {
        assertThat(execute(424242, List.of())).isInstanceOfSatisfying(Err.class, err -> {
            assertThat(err.code()).isEqualTo(1243);
            assertThat(err.err().message()).isEqualTo("Unknown prepared statement handler (424242) given to mysqld_stmt_execute");
        });
        c.command(new ComStmtReset(424242).encode(c.capabilities()));
        assertThat(c.reply(true)).isInstanceOfSatisfying(Err.class,
                err -> assertThat(err.err().message()).endsWith("mysqld_stmt_reset"));
    }

    @Test
    void closeHasNoReplyAndTheStatementIsGone() throws Exception {
        Prepared p = prepare(c, "SELECT 1 + ?");

        c.command(new ComStmtClose(p.id()).encode(c.capabilities()));
        c.command(new ComStmtClose(987654).encode(c.capabilities())); // unknown: no reply either

        assertThat(execute(p.id(), List.of(LONGLONG), 1L)).as("the first reply after two closes")
                .isInstanceOfSatisfying(Err.class, err -> assertThat(err.code()).isEqualTo(1243));
    }

    @Test
    void longDataPiecesAppendAndReplaceTheParametersValue() throws Exception {
        Prepared p = prepare(c, "UPDATE t SET data = ?, name = ? WHERE id = ?");

        c.command(new ComStmtSendLongData(p.id(), 0, new byte[] {1, 2}).encode(c.capabilities()));
        c.command(new ComStmtSendLongData(p.id(), 0, new byte[] {3}).encode(c.capabilities()));
        WireClient.Reply updated = execute(p.id(), List.of(BLOB, STRING, LONGLONG), ComStmtExecute.LONG_DATA,
                "two!".getBytes(), 2L);

        assertThat(updated).isInstanceOfSatisfying(Ok.class, ok -> assertThat(ok.ok().affectedRows()).isEqualTo(1));
        Prepared read = prepare(c, "SELECT data, name FROM t WHERE id = ?");
        Object[] row = ((Rows) execute(read.id(), List.of(LONGLONG), 2L)).rows().get(0);
        assertThat((byte[]) row[0]).containsExactly(1, 2, 3);
        assertThat(new String((byte[]) row[1])).isEqualTo("two!");
        c.query("UPDATE t SET data = NULL, name = 'two' WHERE id = 2");
    }

    @Test
    void longDataForAParameterThatDoesNotExistFailsTheNextExecutionOnly() throws Exception {
        Prepared p = prepare(c, "SELECT ? + 1");

        c.command(new ComStmtSendLongData(p.id(), 5, new byte[] {1}).encode(c.capabilities()));

        assertThat(execute(p.id(), List.of(LONGLONG), 1L)).isInstanceOfSatisfying(Err.class,
                err -> assertThat(err.err().message()).isEqualTo("Incorrect arguments to mysqld_stmt_send_long_data"));
        assertThat(execute(p.id(), List.of(LONGLONG), 1L)).isInstanceOf(Rows.class);
    }

    @Test
    void resetDropsLongDataAndAnswersOk() throws Exception {
        Prepared p = prepare(c, "SELECT ?");
        c.command(new ComStmtSendLongData(p.id(), 0, "stale".getBytes()).encode(c.capabilities()));

        c.command(new ComStmtReset(p.id()).encode(c.capabilities()));
        assertThat(c.reply(true)).isInstanceOf(Ok.class);

        Rows rows = (Rows) execute(p.id(), List.of(STRING), "fresh".getBytes());
        assertThat(new String((byte[]) rows.rows().get(0)[0])).isEqualTo("fresh");
    }

    @Test
    void aCursorHandsOutRowsAsFetchAsksAndClosesAfterTheLast() throws Exception {
        Prepared p = prepare(c, "SELECT id FROM t WHERE id > ? ORDER BY id");

        Rows opened = (Rows) execute(p.id(), ComStmtExecute.CURSOR_TYPE_READ_ONLY, List.of(LONGLONG), 0L);
        assertThat(opened.rows()).as("no rows before a fetch").isEmpty();
        assertThat(opened.endStatus() & StatusFlags.SERVER_STATUS_CURSOR_EXISTS).isNotZero();

        c.command(new ComStmtFetch(p.id(), 3).encode(c.capabilities()));
        Rows first = c.rows(opened.columns(), true);
        assertThat(first.rows()).extracting(r -> r[0]).containsExactly(1L, 2L, 3L);
        assertThat(first.endStatus() & StatusFlags.SERVER_STATUS_CURSOR_EXISTS).isNotZero();

        c.command(new ComStmtFetch(p.id(), 3).encode(c.capabilities()));
        Rows rest = c.rows(opened.columns(), true);
        assertThat(rest.rows()).extracting(r -> r[0]).containsExactly(4L, 5L);
        assertThat(rest.endStatus() & StatusFlags.SERVER_STATUS_LAST_ROW_SENT).isNotZero();

        c.command(new ComStmtFetch(p.id(), 3).encode(c.capabilities()));
        assertThat(c.reply(true)).isInstanceOfSatisfying(Err.class, err -> {
            assertThat(err.code()).isEqualTo(1421);
            assertThat(err.err().message()).isEqualTo("The statement (" + p.id() + ") has no open cursor.");
        });
    }

    @Test
    void aControlStatementPreparesWithoutColumnsAndAnswersInBinary() throws Exception {
        Prepared p = prepare(c, "SELECT @@version_comment, ?");

        assertThat(p.columns()).isEmpty();
        Rows rows = (Rows) execute(p.id(), List.of(LONGLONG), 41L);
        assertThat(new String((byte[]) rows.rows().get(0)[0])).isEqualTo("wsproxy engine-sim");
        assertThat(rows.columns().get(1).type()).isEqualTo(ColumnType.LONGLONG);
        assertThat(rows.rows().get(0)[1]).isEqualTo(41L);
    }

    @Test
    void severalStatementsInOnePrepareAre1064() throws Exception {
        c.command(new ComStmtPrepare("SELECT 1; SELECT 2").encode(c.capabilities()));
        assertThat(c.reply(true)).isInstanceOfSatisfying(Err.class, err -> assertThat(err.code()).isEqualTo(1064));
    }

    @Test
    void maxPreparedStmtCountBoundsTheNodeAndCloseMakesRoom() throws Exception {
        try (WireClient admin = node.root()) {
            admin.query("SET GLOBAL max_prepared_stmt_count = 2");
            try {
                Prepared a = prepare(c, "SELECT 1");
                prepare(c, "SELECT 2");
                c.command(new ComStmtPrepare("SELECT 3").encode(c.capabilities()));
                assertThat(c.reply(true)).isInstanceOfSatisfying(Err.class, err -> {
                    assertThat(err.code()).isEqualTo(1461);
                    assertThat(err.err().sqlState()).isEqualTo("42000");
                });

                c.command(new ComStmtClose(a.id()).encode(c.capabilities()));
                assertThat(prepare(c, "SELECT 3").id()).isPositive();
            } finally {
                admin.query("SET GLOBAL max_prepared_stmt_count = DEFAULT");
            }
        }
    }

    @Test
    void aDisconnectFreesTheSessionsStatements() throws Exception {
        try (WireClient admin = node.root()) {
            admin.query("SET GLOBAL max_prepared_stmt_count = 1");
            try {
                try (WireClient gone = node.root()) {
                    prepare(gone, "SELECT 1");
                    gone.query("DO 1");
                }
                io.wsproxy.engine.testing.Eventually.await(java.time.Duration.ofSeconds(10), "the statement is freed",
                        () -> node.node().services().sessions().preparedStatements() == 0);
                assertThat(prepare(c, "SELECT 2").id()).isPositive();
            } finally {
                admin.query("SET GLOBAL max_prepared_stmt_count = DEFAULT");
            }
        }
    }

    @Test
    void resetConnectionClosesStatementsForgetsVariablesRollsBackAndKeepsTheDatabase() throws Exception {
        Prepared p = prepare(c, "SELECT 1");
        c.query("SET @v = 1");
        c.query("SET autocommit = 0");
        c.query("UPDATE t SET name = 'changed' WHERE id = 5");

        c.command(new byte[] {0x1f});
        assertThat(c.reply(false)).isInstanceOfSatisfying(Ok.class,
                ok -> assertThat(ok.ok().statusFlags() & StatusFlags.SERVER_STATUS_AUTOCOMMIT).isNotZero());

        assertThat(execute(p.id(), List.of())).isInstanceOfSatisfying(Err.class,
                err -> assertThat(err.code()).isEqualTo(1243));
        Rows state = (Rows) c.query("SELECT @v, @@autocommit, DATABASE()");
        assertThat(state.rows().get(0)).containsExactly(null, "1", "ps");
        assertThat(((Rows) c.query("SELECT name FROM t WHERE id = 5")).rows().get(0)[0]).isEqualTo("five");
    }
}
