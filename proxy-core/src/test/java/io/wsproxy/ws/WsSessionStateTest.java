package io.wsproxy.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.ws.SessionEffect.Authenticate;
import io.wsproxy.ws.SessionEffect.Close;
import io.wsproxy.ws.SessionEffect.KillQuery;
import io.wsproxy.ws.SessionEffect.RunQuery;
import io.wsproxy.ws.SessionEffect.SendError;
import io.wsproxy.ws.SessionEffect.SendPong;
import io.wsproxy.ws.WsSessionState.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsSessionStateTest {

    private static final ClientMessage.Auth AUTH = new ClientMessage.Auth("root", "pw", null, false);

    private static ClientMessage.Query query(long id) {
        return new ClientMessage.Query(id, "SELECT " + id, null);
    }

    private static SendError protocolError(Object id, String message) {
        return new SendError(id, 9110, "08P01", message);
    }

    private static WsSessionState ready() {
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);
        s.onAuthSucceeded();
        return s;
    }

    @Test
    void startsAwaitingAuth() {
        // Then
        assertThat(new WsSessionState().state()).isEqualTo(State.AWAITING_AUTH);
    }

    @Test
    void authStartsAuthentication() {
        // Given
        WsSessionState s = new WsSessionState();

        // When
        List<SessionEffect> effects = s.onMessage(AUTH);

        // Then
        assertThat(effects).containsExactly(new Authenticate(AUTH));
        assertThat(s.state()).isEqualTo(State.AUTHENTICATING);
    }

    @Test
    void authSuccessMakesTheSessionReady() {
        // Given
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);

        // When
        List<SessionEffect> effects = s.onAuthSucceeded();

        // Then
        assertThat(effects).isEmpty();
        assertThat(s.state()).isEqualTo(State.READY);
    }

    @Test
    void authFailurePassesTheEngineErrorOnAndCloses1008() {
        // Given
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);

        // When
        List<SessionEffect> effects = s.onAuthFailed(1045, "28000", "Access denied for user 'root'@'h' (using password: YES)");

        // Then
        assertThat(effects).containsExactly(
                new SendError(null, 1045, "28000", "Access denied for user 'root'@'h' (using password: YES)"),
                new Close(CloseCode.POLICY_VIOLATION, "authentication failed"));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void queryBeforeAuthIsAProtocolErrorAndTheSessionStaysOpen() {
        // Given
        WsSessionState s = new WsSessionState();

        // When
        List<SessionEffect> effects = s.onMessage(query(1));

        // Then
        assertThat(effects).containsExactly(protocolError(1L, "query before auth"));
        assertThat(s.state()).isEqualTo(State.AWAITING_AUTH);
        assertThat(s.protocolErrors()).isEqualTo(1);
    }

    @Test
    void cancelBeforeAuthIsAProtocolError() {
        // When
        List<SessionEffect> effects = new WsSessionState().onMessage(new ClientMessage.Cancel(1L));

        // Then
        assertThat(effects).containsExactly(protocolError(1L, "cancel before auth"));
    }

    @Test
    void pingBeforeAuthIsAProtocolError() {
        // When
        List<SessionEffect> effects = new WsSessionState().onMessage(new ClientMessage.Ping());

        // Then
        assertThat(effects).containsExactly(protocolError(null, "ping before auth"));
    }

    @Test
    void secondAuthAfterReadyIsAProtocolError() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> effects = s.onMessage(AUTH);

        // Then
        assertThat(effects).containsExactly(protocolError(null, "already authenticated"));
        assertThat(s.state()).isEqualTo(State.READY);
    }

    @Test
    void secondAuthWhileAuthenticatingIsAProtocolError() {
        // Given
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);

        // When
        List<SessionEffect> effects = s.onMessage(AUTH);

        // Then
        assertThat(effects).containsExactly(protocolError(null, "auth already in progress"));
    }

    @Test
    void pingWhenReadyIsAnsweredWithPong() {
        // When
        List<SessionEffect> effects = ready().onMessage(new ClientMessage.Ping());

        // Then
        assertThat(effects).containsExactly(new SendPong());
    }

    @Test
    void unparseableTextIsAProtocolErrorEchoingAReadableId() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> effects = s.onText("{\"type\":\"query\",\"id\":\"a\"}");

        // Then
        assertThat(effects).containsExactly(protocolError("a", "missing field \"sql\""));
        assertThat(s.protocolErrors()).isEqualTo(1);
    }

    @Test
    void textIsParsedAndHandled() {
        // When
        List<SessionEffect> effects = new WsSessionState().onText("{\"type\":\"auth\",\"user\":\"root\",\"password\":\"pw\"}");

        // Then
        assertThat(effects).containsExactly(new Authenticate(AUTH));
    }

    @Test
    void queryWhenIdleRunsAtOnce() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> effects = s.onMessage(query(1));

        // Then
        assertThat(effects).containsExactly(new RunQuery(query(1)));
        assertThat(s.runningQuery()).isEqualTo(query(1));
    }

    @Test
    void threePipelinedQueriesRunOneAtATimeInOrder() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> first = s.onMessage(query(1));
        List<SessionEffect> second = s.onMessage(query(2));
        List<SessionEffect> third = s.onMessage(query(3));

        // Then
        assertThat(first).containsExactly(new RunQuery(query(1)));
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
        assertThat(s.queuedQueries()).isEqualTo(2);
        assertThat(s.onQueryFinished()).containsExactly(new RunQuery(query(2)));
        assertThat(s.onQueryFinished()).containsExactly(new RunQuery(query(3)));
        assertThat(s.onQueryFinished()).isEmpty();
        assertThat(s.runningQuery()).isNull();
    }

    @Test
    void queriesSentWhileAuthenticatingRunOnceReady() {
        // Given
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);

        // When
        List<SessionEffect> queued = s.onMessage(query(1));
        List<SessionEffect> onReady = s.onAuthSucceeded();

        // Then
        assertThat(queued).isEmpty();
        assertThat(onReady).containsExactly(new RunQuery(query(1)));
    }

    @Test
    void cancelOfTheRunningQueryKillsIt() {
        // Given
        WsSessionState s = ready();
        s.onMessage(query(1));

        // When
        List<SessionEffect> effects = s.onMessage(new ClientMessage.Cancel(1L));

        // Then
        assertThat(effects).containsExactly(new KillQuery(1L));
        assertThat(s.runningQuery()).isEqualTo(query(1));
    }

    @Test
    void cancelOfAQueuedQueryDropsItWithError1317() {
        // Given
        WsSessionState s = ready();
        s.onMessage(query(1));
        s.onMessage(query(2));
        s.onMessage(query(3));

        // When
        List<SessionEffect> effects = s.onMessage(new ClientMessage.Cancel(2L));

        // Then
        assertThat(effects).containsExactly(new SendError(2L, 1317, "70100", "Query execution was interrupted"));
        assertThat(s.onQueryFinished()).containsExactly(new RunQuery(query(3)));
    }

    @Test
    void cancelOfAnUnknownIdIsAProtocolError() {
        // Given
        WsSessionState s = ready();
        s.onMessage(query(1));

        // When
        List<SessionEffect> effects = s.onMessage(new ClientMessage.Cancel("1"));

        // Then: the string "1" is not the number 1
        assertThat(effects).containsExactly(protocolError("1", "cancel: no running or queued query with id \"1\""));
    }

    private static WsSessionState ready(long sessionBudget, ByteBudget proxyBudget) {
        WsSessionState s = new WsSessionState(sessionBudget, proxyBudget);
        s.onMessage(AUTH);
        s.onAuthSucceeded();
        return s;
    }

    private static ClientMessage.Query sized(long id, int sqlBytes) {
        return new ClientMessage.Query(id, "x".repeat(sqlBytes), null);
    }

    @Test
    void aWaitingQueryPastTheSessionBudgetGets9111AndTheSessionGoesOn() {
        // Given: one query running, one waiting that fills most of a 10,000-byte budget
        WsSessionState s = ready(10_000, ByteBudget.unlimited());
        s.onMessage(query(1));
        s.onMessage(sized(2, 9_000), 9_000);

        // When
        List<SessionEffect> effects = s.onMessage(sized(3, 1_000), 1_000);

        // Then
        assertThat(effects).hasSize(1);
        SendError busy = (SendError) effects.get(0);
        assertThat(busy.id()).isEqualTo(3L);
        assertThat(busy.code()).isEqualTo(9111);
        assertThat(busy.sqlState()).isEqualTo("08004");
        assertThat(busy.message()).contains("budget of 10000 bytes");
        assertThat(s.state()).isEqualTo(State.READY);
        assertThat(s.queuedQueries()).isEqualTo(1);
        assertThat(s.protocolErrors()).isZero();
    }

    @Test
    void aQueryPastTheProxyBudgetGets9111WhileAnotherSessionHoldsIt() {
        // Given: two sessions share a proxy budget; the first fills it
        ByteBudget proxy = new ByteBudget(20_000);
        WsSessionState first = ready(1 << 20, proxy);
        WsSessionState second = ready(1 << 20, proxy);
        first.onMessage(query(1));
        second.onMessage(query(1));
        first.onMessage(sized(2, 19_000), 19_000);

        // When
        List<SessionEffect> effects = second.onMessage(sized(2, 1_000), 1_000);

        // Then
        SendError busy = (SendError) effects.get(0);
        assertThat(busy.code()).isEqualTo(9111);
        assertThat(busy.message()).contains("proxy's budget of 20000 bytes");
        assertThat(second.queuedQueries()).isZero();
    }

    @Test
    void aWaitingQueryCostsItsBytesUntilItStarts() {
        // Given
        ByteBudget proxy = new ByteBudget(1 << 20);
        WsSessionState s = ready(1 << 20, proxy);
        s.onMessage(query(1));
        s.onMessage(sized(2, 5_000), 5_000);
        assertThat(s.queuedBytes()).isEqualTo(5_000 + WsSessionState.ENTRY_OVERHEAD);
        assertThat(proxy.used()).isEqualTo(s.queuedBytes());

        // When
        s.onQueryFinished();

        // Then: query 2 runs and no longer counts
        assertThat(s.runningQuery().id()).isEqualTo(2L);
        assertThat(s.queuedBytes()).isZero();
        assertThat(proxy.used()).isZero();
    }

    @Test
    void cancelledAndClosedQueriesGiveTheirBytesBack() {
        // Given
        ByteBudget proxy = new ByteBudget(1 << 20);
        WsSessionState s = ready(1 << 20, proxy);
        s.onMessage(query(1));
        s.onMessage(sized(2, 100), 100);
        s.onMessage(sized(3, 100), 100);

        // When
        s.onMessage(new ClientMessage.Cancel(2L));
        long afterCancel = proxy.used();
        s.closeWith(CloseCode.GOING_AWAY);

        // Then
        assertThat(afterCancel).isEqualTo(100 + WsSessionState.ENTRY_OVERHEAD);
        assertThat(proxy.used()).isZero();
    }

    @Test
    void argumentsCountTowardTheBudget() {
        // Given
        WsSessionState s = ready(1 << 20, ByteBudget.unlimited());
        s.onMessage(query(1));

        // When
        s.onMessage(new ClientMessage.Query(2L, "SELECT ?, ?", List.of(1L, 2L)), 40);

        // Then
        assertThat(s.queuedBytes()).isEqualTo(40 + WsSessionState.ENTRY_OVERHEAD + 2 * WsSessionState.ARG_OVERHEAD);
    }

    @Test
    void aLargeQueryCostsItsBytesUntilItHasBeenSentToTheEngine() {
        // Given
        ByteBudget proxy = new ByteBudget(1 << 20);
        WsSessionState s = ready(1 << 20, proxy);

        // When: it runs at once
        List<SessionEffect> effects = s.onMessage(sized(1, 100_000), 100_000);
        long whileSending = proxy.used();
        s.onQuerySent();

        // Then
        assertThat(effects).containsExactly(new RunQuery(sized(1, 100_000)));
        assertThat(whileSending).isEqualTo(100_000 + WsSessionState.ENTRY_OVERHEAD);
        assertThat(proxy.used()).isZero();
    }

    @Test
    void aLargeQueryThatWouldRunAtOnceButDoesNotFitTheProxyBudgetGets9111() {
        // Given
        WsSessionState s = ready(1 << 20, new ByteBudget(50_000));

        // When
        List<SessionEffect> effects = s.onMessage(sized(1, 100_000), 100_000);

        // Then: not run, and the session can run the next one
        assertThat(((SendError) effects.get(0)).code()).isEqualTo(9111);
        assertThat(s.runningQuery()).isNull();
        assertThat(s.onMessage(query(2))).containsExactly(new RunQuery(query(2)));
    }

    @Test
    void aLargeWaitingQueryGoesOnCostingWhenItStartsUntilItIsSent() {
        // Given
        ByteBudget proxy = new ByteBudget(1 << 20);
        WsSessionState s = ready(1 << 20, proxy);
        s.onMessage(query(1));
        s.onMessage(sized(2, 100_000), 100_000);

        // When
        s.onQueryFinished();
        long started = proxy.used();
        s.onQuerySent();

        // Then
        assertThat(started).isEqualTo(100_000 + WsSessionState.ENTRY_OVERHEAD);
        assertThat(proxy.used()).isZero();
        assertThat(s.queuedBytes()).isZero();
    }

    @Test
    void invalidUtf8Closes1007() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> effects = s.onInvalidUtf8();

        // Then
        assertThat(effects).containsExactly(new Close(CloseCode.INVALID_PAYLOAD));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void hundredProtocolErrorsKeepTheSessionOpen() {
        // Given
        WsSessionState s = ready();

        // When
        for (int i = 0; i < 100; i++) {
            s.onText("not json");
        }

        // Then
        assertThat(s.state()).isEqualTo(State.READY);
        assertThat(s.protocolErrors()).isEqualTo(100);
    }

    @Test
    void the101stProtocolErrorCloses1008() {
        // Given
        WsSessionState s = ready();
        for (int i = 0; i < 100; i++) {
            s.onMessage(AUTH);
        }

        // When
        List<SessionEffect> effects = s.onMessage(AUTH);

        // Then
        assertThat(effects).containsExactly(protocolError(null, "already authenticated"),
                new Close(CloseCode.POLICY_VIOLATION, "too many protocol errors"));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void authTimeoutBeforeAuthCloses1008() {
        // Given
        WsSessionState s = new WsSessionState();

        // When
        List<SessionEffect> effects = s.onAuthTimeout();

        // Then
        assertThat(effects).containsExactly(new Close(CloseCode.POLICY_VIOLATION, "auth timeout"));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void authTimeoutWhileAuthenticatingCloses1008() {
        // Given
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);

        // When
        List<SessionEffect> effects = s.onAuthTimeout();

        // Then
        assertThat(effects).containsExactly(new Close(CloseCode.POLICY_VIOLATION, "auth timeout"));
    }

    @Test
    void authTimeoutWhenReadyDoesNothing() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> effects = s.onAuthTimeout();

        // Then
        assertThat(effects).isEmpty();
        assertThat(s.state()).isEqualTo(State.READY);
    }

    @Test
    void authOutcomeAfterTheTimeoutIsIgnored() {
        // Given
        WsSessionState s = new WsSessionState();
        s.onMessage(AUTH);
        s.onAuthTimeout();

        // When
        List<SessionEffect> effects = s.onAuthSucceeded();

        // Then
        assertThat(effects).isEmpty();
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void binaryFrameCloses1003() {
        // Given
        WsSessionState s = ready();

        // When
        List<SessionEffect> effects = s.onBinaryFrame();

        // Then
        assertThat(effects).containsExactly(new Close(CloseCode.UNSUPPORTED_DATA));
        assertThat(s.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void tooBigMessageCloses1009() {
        // When
        List<SessionEffect> effects = ready().onMessageTooBig();

        // Then
        assertThat(effects).containsExactly(new Close(CloseCode.MESSAGE_TOO_BIG));
    }

    @Test
    void messagesAfterCloseAreIgnored() {
        // Given
        WsSessionState s = ready();
        s.onMessage(query(1));
        s.closeWith(CloseCode.GOING_AWAY);

        // When
        List<SessionEffect> effects = s.onMessage(query(2));

        // Then
        assertThat(effects).isEmpty();
        assertThat(s.onQueryFinished()).isEmpty();
        assertThat(s.runningQuery()).isNull();
    }

    @Test
    void queryFinishedWithoutARunningQueryIsABug() {
        // When / Then
        assertThatThrownBy(() -> ready().onQueryFinished()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void authSucceededWithoutAuthIsABug() {
        // When / Then
        assertThatThrownBy(() -> new WsSessionState().onAuthSucceeded()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendErrorRendersTheErrorMessage() {
        // When
        String json = protocolError(1L, "query before auth").toJson();

        // Then
        assertThat(json).isEqualTo(
                "{\"type\":\"error\",\"id\":1,\"code\":9110,\"sqlState\":\"08P01\",\"message\":\"query before auth\"}");
    }
}
