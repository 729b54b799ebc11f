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

    @Test
    void queueBeyondItsLimitIsAProtocolError() {
        // Given
        WsSessionState s = new WsSessionState(1);
        s.onMessage(AUTH);
        s.onAuthSucceeded();
        s.onMessage(query(1));
        s.onMessage(query(2));

        // When
        List<SessionEffect> effects = s.onMessage(query(3));

        // Then
        assertThat(effects).containsExactly(protocolError(3L, "too many queued queries (at most 1)"));
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
