package io.wsproxy.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.control.SqlException;
import io.wsproxy.engine.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MySQL's SLEEP(seconds) on the H2 data plane, and KILL QUERY of a sleeping statement. */
class SleepTest {
    @TempDir
    static Path dir;
    static DataPlane plane;
    DataSession session;

    @BeforeAll
    static void openPlane() {
        plane = DataPlane.open(dir);
    }

    @AfterAll
    static void closePlane() {
        plane.close();
    }

    @BeforeEach
    void openSession() {
        session = plane.openSession();
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    private byte[][] onlyRow(String sql) {
        return onlyRow(session, sql);
    }

    private static byte[][] onlyRow(DataSession s, String sql) {
        try (Execution.ResultStream rows = (Execution.ResultStream) s.execute(sql)) {
            byte[][] row = rows.next();
            assertThat(rows.next()).isNull();
            return row;
        }
    }

    @Test
    void sleepWaitsFractionsOfASecondAndReturnsZero() {
        long start = System.nanoTime();
        byte[][] row = onlyRow("SELECT SLEEP(0.2)");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(new String(row[0])).isEqualTo("0");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aSleepColumnIsNamedAsMySqlNamesIt() {
        try (Execution.ResultStream rows = (Execution.ResultStream) session.execute("SELECT SLEEP(0), SLEEP(0) + 1")) {
            assertThat(rows.columns()).extracting(Column::name).containsExactly("SLEEP(0)", "SLEEP(0) + 1");
        }
    }

    @Test
    void sleepOfNullZeroOrANegativeNumberReturnsZeroAtOnce() {
        byte[][] row = onlyRow("SELECT SLEEP(NULL), SLEEP(0), SLEEP(-3)");
        assertThat(java.util.Arrays.stream(row).map(String::new)).containsExactly("0", "0", "0");
    }

    @Test
    void sleepResolvesInEveryDatabaseAndWithoutOne() {
        assertThat(new String(onlyRow("SELECT SLEEP(0.01)")[0])).isEqualTo("0");
        session.createDatabase("sleepy", true);
        session.use("sleepy");
        assertThat(new String(onlyRow("SELECT SLEEP('0.01')")[0])).isEqualTo("0");
    }

    @Test
    void cancelEndsASleepingStatementWith1317AtOnce() {
        // Given
        CompletableFuture<Execution> sleeping = CompletableFuture.supplyAsync(() -> session.execute("SELECT SLEEP(30)"));
        awaitSleeping();
        long start = System.nanoTime();
        // When
        session.cancel();
        // Then
        assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SqlException.class)
                .cause()
                .satisfies(e -> {
                    assertThat(((SqlException) e).code()).isEqualTo(1317);
                    assertThat(((SqlException) e).sqlState()).isEqualTo("70100");
                    assertThat(e).hasMessage("Query execution was interrupted");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aCancelWhileIdleDoesNotInterruptTheNextSleep() {
        session.cancel();
        assertThat(new String(onlyRow("SELECT SLEEP(0.01)")[0])).isEqualTo("0");
    }

    /** Waits until H2 shows this session executing the SLEEP. */
    private void awaitSleeping() {
        DataSession observer = plane.openSession();
        try {
            Eventually.await(Duration.ofSeconds(10), "the SLEEP runs", () -> new String(onlyRow(observer,
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'SELECT SLEEP(30%'")[0])
                    .equals("1"));
        } finally {
            observer.close();
        }
    }
}
