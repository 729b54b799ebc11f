package io.wsproxy.ws;

import io.wsproxy.control.ErrorCode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The rules of one {@code /ws} session (PROTOCOL.md section 1), without I/O: one method per
 * input, each returning the effects the session must carry out, in order. Auth comes first;
 * queries run one at a time in arrival order, later ones wait in a queue (pipelining); a
 * client's protocol errors are answered and counted, and the 101st closes the session.
 *
 * <pre>
 * AWAITING_AUTH --auth--> AUTHENTICATING --ok--> READY
 *       |                       |                  |
 *       +--timeout--------------+--failed/timeout--+--close, too many errors--> CLOSED
 * </pre>
 *
 * Confined to the session's event loop; not thread-safe.
 */
public final class WsSessionState {

    public enum State { AWAITING_AUTH, AUTHENTICATING, READY, CLOSED }

    /** PROTOCOL.md: more than this many protocol errors in one session close it with 1008. */
    public static final int MAX_PROTOCOL_ERRORS = 100;
    /** Pipelined queries waiting behind the running one, so a client cannot grow our memory without bound. */
    public static final int DEFAULT_MAX_QUEUED = 1024;

    private final int maxQueued;
    private final ArrayDeque<ClientMessage.Query> queue = new ArrayDeque<>();
    private State state = State.AWAITING_AUTH;
    private ClientMessage.Query running;
    private int protocolErrors;

    public WsSessionState() {
        this(DEFAULT_MAX_QUEUED);
    }

    public WsSessionState(int maxQueued) {
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued " + maxQueued);
        }
        this.maxQueued = maxQueued;
    }

    /** A text message: parsed, then handled as {@link #onMessage} or {@link #onProtocolError}. */
    public List<SessionEffect> onText(String text) {
        ClientMessage message;
        try {
            message = ClientMessages.parse(text);
        } catch (ProtocolException e) {
            return onProtocolError(e);
        }
        return onMessage(message);
    }

    /** {@link #onText(String)} of the message's UTF-8 bytes, parsed in place. */
    public List<SessionEffect> onText(byte[] utf8, int offset, int length) {
        ClientMessage message;
        try {
            message = ClientMessages.parse(utf8, offset, length);
        } catch (ProtocolException e) {
            return onProtocolError(e);
        }
        return onMessage(message);
    }

    public List<SessionEffect> onMessage(ClientMessage message) {
        Objects.requireNonNull(message, "message");
        if (state == State.CLOSED) {
            return List.of();
        }
        switch (message.kind()) {
            case AUTH:
                return auth((ClientMessage.Auth) message);
            case QUERY:
                return query((ClientMessage.Query) message);
            case CANCEL:
                return cancel((ClientMessage.Cancel) message);
            case PING:
                return state == State.AWAITING_AUTH
                        ? protocolError(null, "ping before auth")
                        : List.of(new SessionEffect.SendPong());
            default:
                throw new AssertionError(message.kind());
        }
    }

    /** A text frame that did not parse: answered with its error, counted. */
    public List<SessionEffect> onProtocolError(ProtocolException e) {
        if (state == State.CLOSED) {
            return List.of();
        }
        return protocolError(e.id(), e.getMessage());
    }

    /** The engine accepted the credentials; the session sends {@code ready} before these effects. */
    public List<SessionEffect> onAuthSucceeded() {
        if (state == State.CLOSED) {
            return List.of();  // the auth timeout won the race
        }
        expect(State.AUTHENTICATING, "auth succeeded");
        state = State.READY;
        return startNext();
    }

    /** The engine refused the credentials (its error is passed on, e.g. 1045 28000), then close 1008. */
    public List<SessionEffect> onAuthFailed(int code, String sqlState, String message) {
        if (state == State.CLOSED) {
            return List.of();
        }
        expect(State.AUTHENTICATING, "auth failed");
        close();
        return List.of(new SessionEffect.SendError(null, code, sqlState, message),
                new SessionEffect.Close(CloseCode.POLICY_VIOLATION, "authentication failed"));
    }

    /** The auth timer (10 s from the upgrade) fired: close 1008 unless the session is READY by now. */
    public List<SessionEffect> onAuthTimeout() {
        if (state != State.AWAITING_AUTH && state != State.AUTHENTICATING) {
            return List.of();
        }
        close();
        return List.of(new SessionEffect.Close(CloseCode.POLICY_VIOLATION, "auth timeout"));
    }

    /** The running query sent its last reply (final {@code ok}, {@code end} or {@code error}): start the next. */
    public List<SessionEffect> onQueryFinished() {
        if (state == State.CLOSED) {
            return List.of();
        }
        if (running == null) {
            throw new IllegalStateException("query finished but none is running (state " + state + ")");
        }
        running = null;
        return startNext();
    }

    /** RFC 6455 frames the JSON protocol has no use for: close 1003. */
    public List<SessionEffect> onBinaryFrame() {
        return closeWith(CloseCode.UNSUPPORTED_DATA);
    }

    /** A message over the size limit: close 1009. */
    public List<SessionEffect> onMessageTooBig() {
        return closeWith(CloseCode.MESSAGE_TOO_BIG);
    }

    /** The server ends the session (shutdown 1001, restart 1012, internal error 1011, ...). */
    public List<SessionEffect> closeWith(CloseCode code) {
        if (state == State.CLOSED) {
            return List.of();
        }
        close();
        return List.of(new SessionEffect.Close(code));
    }

    /** The client or the backend went away: nothing more to do. */
    public void onClosed() {
        close();
    }

    public State state() {
        return state;
    }

    /** The query now on the engine, or null. */
    public ClientMessage.Query runningQuery() {
        return running;
    }

    public int queuedQueries() {
        return queue.size();
    }

    public int protocolErrors() {
        return protocolErrors;
    }

    private List<SessionEffect> auth(ClientMessage.Auth auth) {
        if (state != State.AWAITING_AUTH) {
            return protocolError(null, state == State.READY ? "already authenticated" : "auth already in progress");
        }
        state = State.AUTHENTICATING;
        return List.of(new SessionEffect.Authenticate(auth));
    }

    /** While AUTHENTICATING, queries wait: a client may pipeline them right behind its auth. */
    private List<SessionEffect> query(ClientMessage.Query query) {
        if (state == State.AWAITING_AUTH) {
            return protocolError(query.id(), "query before auth");
        }
        if (state == State.READY && running == null) {
            running = query;
            return List.of(new SessionEffect.RunQuery(query));
        }
        if (queue.size() >= maxQueued) {
            return protocolError(query.id(), "too many queued queries (at most " + maxQueued + ")");
        }
        queue.addLast(query);
        return List.of();
    }

    private List<SessionEffect> cancel(ClientMessage.Cancel cancel) {
        Object id = cancel.id();
        if (state == State.AWAITING_AUTH) {
            return protocolError(id, "cancel before auth");
        }
        if (running != null && Objects.equals(running.id(), id)) {
            return List.of(new SessionEffect.KillQuery(id));
        }
        for (Iterator<ClientMessage.Query> it = queue.iterator(); it.hasNext(); ) {
            if (Objects.equals(it.next().id(), id)) {
                it.remove();
                return List.of(new SessionEffect.SendError(id, ErrorCode.QUERY_INTERRUPTED.code(),
                        ErrorCode.QUERY_INTERRUPTED.sqlState(), ErrorCode.QUERY_INTERRUPTED.message()));
            }
        }
        return protocolError(id, "cancel: no running or queued query with id " + ServerMessages.idJson(id));
    }

    private List<SessionEffect> startNext() {
        if (state != State.READY || running != null || queue.isEmpty()) {
            return List.of();
        }
        running = queue.pollFirst();
        return List.of(new SessionEffect.RunQuery(running));
    }

    private List<SessionEffect> protocolError(Object id, String message) {
        SessionEffect.SendError error = new SessionEffect.SendError(id, ErrorCode.PROTOCOL_ERROR.code(),
                ErrorCode.PROTOCOL_ERROR.sqlState(), message);
        protocolErrors++;
        if (protocolErrors > MAX_PROTOCOL_ERRORS) {
            close();
            return List.of(error, new SessionEffect.Close(CloseCode.POLICY_VIOLATION, "too many protocol errors"));
        }
        return List.of(error);
    }

    private void expect(State expected, String event) {
        if (state != expected) {
            throw new IllegalStateException(event + " in state " + state + ", expected " + expected);
        }
    }

    private void close() {
        state = State.CLOSED;
        running = null;
        queue.clear();
    }
}
