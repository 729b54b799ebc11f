package io.wsproxy.ws;

import io.wsproxy.control.ErrorCode;
import java.nio.charset.StandardCharsets;
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
 * <p>Waiting queries are bounded in bytes, per session and across the proxy ({@link ByteBudget}):
 * a query that would pass either budget is answered with 9111 PROXY_BUSY and not run, and the
 * session goes on. A waiting query costs its message's bytes plus {@link #ENTRY_OVERHEAD} (the
 * objects that hold it) and {@link #ARG_OVERHEAD} per argument. A query over
 * {@link #SMALL_QUERY_BYTES} keeps costing until it has been handed to the engine
 * ({@link #onQuerySent}): one that would run at once but does not fit gets 9111 too.
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
    /** Bytes of waiting queries one session may hold, unless its proxy says otherwise. */
    public static final long DEFAULT_SESSION_QUEUE_BYTES = 4L << 20;
    /** What holding one waiting query costs besides its text: record, id, deque slot (measured ~130 B). */
    public static final int ENTRY_OVERHEAD = 256;
    /** What one parsed argument costs besides its bytes in the message: a boxed value and a list slot. */
    public static final int ARG_OVERHEAD = 32;
    /** A running query up to this size is not counted while it is sent (one per session, at most this). */
    public static final int SMALL_QUERY_BYTES = 64 * 1024;

    private final long sessionQueueBytes;
    private final ByteBudget proxyQueue;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** What the running query costs until it has been sent to the engine. */
    private long sendingCost;
    private State state = State.AWAITING_AUTH;
    private ClientMessage.Query running;
    private int protocolErrors;

    /** A query that waits, with what it costs. */
    private record Waiting(ClientMessage.Query query, long wireBytes, long cost) {
    }

    public WsSessionState() {
        this(DEFAULT_SESSION_QUEUE_BYTES, ByteBudget.unlimited());
    }

    /**
     * @param sessionQueueBytes this session's budget of waiting query bytes
     * @param proxyQueue        the budget all sessions of the proxy share
     */
    public WsSessionState(long sessionQueueBytes, ByteBudget proxyQueue) {
        if (sessionQueueBytes < 0) {
            throw new IllegalArgumentException("sessionQueueBytes " + sessionQueueBytes);
        }
        this.sessionQueueBytes = sessionQueueBytes;
        this.proxyQueue = Objects.requireNonNull(proxyQueue, "proxyQueue");
    }

    /** A text message: parsed, then handled as {@link #onMessage} or {@link #onProtocolError}. */
    public List<SessionEffect> onText(String text) {
        ClientMessage message;
        try {
            message = ClientMessages.parse(text);
        } catch (ProtocolException e) {
            return onProtocolError(e);
        }
        return onMessage(message, text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** {@link #onText(String)} of the message's UTF-8 bytes, parsed in place. */
    public List<SessionEffect> onText(byte[] utf8, int offset, int length) {
        ClientMessage message;
        try {
            message = ClientMessages.parse(utf8, offset, length);
        } catch (ProtocolException e) {
            return onProtocolError(e);
        }
        return onMessage(message, length);
    }

    /** A message whose size on the wire is not known: a query costs its SQL's length. */
    public List<SessionEffect> onMessage(ClientMessage message) {
        Objects.requireNonNull(message, "message");
        long size = message instanceof ClientMessage.Query q ? q.sql().length() : 0;
        return onMessage(message, size);
    }

    /** A parsed message that took {@code wireBytes} bytes on the wire. */
    public List<SessionEffect> onMessage(ClientMessage message, long wireBytes) {
        Objects.requireNonNull(message, "message");
        if (state == State.CLOSED) {
            return List.of();
        }
        switch (message.kind()) {
            case AUTH:
                return auth((ClientMessage.Auth) message);
            case QUERY:
                return query((ClientMessage.Query) message, wireBytes);
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

    /** Whether the running query counts against the budget until {@link #onQuerySent} (a large one). */
    public boolean awaitsQuerySent() {
        return sendingCost > 0;
    }

    /** The running query's packet has left for the engine: it no longer counts against the budget. */
    public void onQuerySent() {
        if (sendingCost > 0) {
            proxyQueue.release(sendingCost);
            sendingCost = 0;
        }
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

    /** A text message that is not UTF-8 (RFC 6455 section 8.1): close 1007. */
    public List<SessionEffect> onInvalidUtf8() {
        return closeWith(CloseCode.INVALID_PAYLOAD);
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

    /** What the waiting queries cost, in bytes (see the class comment). */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Whether the {@code auth} message has arrived (the session is past AWAITING_AUTH). */
    public boolean authReceived() {
        return state != State.AWAITING_AUTH;
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
    private List<SessionEffect> query(ClientMessage.Query query, long wireBytes) {
        if (state == State.AWAITING_AUTH) {
            return protocolError(query.id(), "query before auth");
        }
        long cost = wireBytes + ENTRY_OVERHEAD + (query.args() == null ? 0 : (long) ARG_OVERHEAD * query.args().size());
        if (state == State.READY && running == null) {
            if (wireBytes > SMALL_QUERY_BYTES) {
                if (!proxyQueue.tryReserve(cost)) {
                    return List.of(busy(query.id(), "the proxy's budget of " + proxyQueue.limit()
                            + " bytes for queries not yet sent to the engine is spent"));
                }
                sendingCost = cost;
            }
            running = query;
            return List.of(new SessionEffect.RunQuery(query));
        }
        if (cost > sessionQueueBytes - queuedBytes) {
            return List.of(busy(query.id(), "this session's queries waiting to run are at its budget of "
                    + sessionQueueBytes + " bytes"));
        }
        if (!proxyQueue.tryReserve(cost)) {
            return List.of(busy(query.id(), "the proxy's budget of " + proxyQueue.limit()
                    + " bytes for queries waiting to run is spent"));
        }
        queuedBytes += cost;
        queue.addLast(new Waiting(query, wireBytes, cost));
        return List.of();
    }

    private static SessionEffect.SendError busy(Object id, String why) {
        return new SessionEffect.SendError(id, ErrorCode.PROXY_BUSY.code(), ErrorCode.PROXY_BUSY.sqlState(),
                "query not run: " + why + "; send it again once earlier queries have finished");
    }

    private void dequeued(Waiting w) {
        queuedBytes -= w.cost();
        proxyQueue.release(w.cost());
    }

    /** A waiting query starts: a large one goes on costing until it has been sent. */
    private void started(Waiting w) {
        queuedBytes -= w.cost();
        if (w.wireBytes() > SMALL_QUERY_BYTES) {
            sendingCost = w.cost();
        } else {
            proxyQueue.release(w.cost());
        }
    }

    private List<SessionEffect> cancel(ClientMessage.Cancel cancel) {
        Object id = cancel.id();
        if (state == State.AWAITING_AUTH) {
            return protocolError(id, "cancel before auth");
        }
        if (running != null && Objects.equals(running.id(), id)) {
            return List.of(new SessionEffect.KillQuery(id));
        }
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (Objects.equals(w.query().id(), id)) {
                it.remove();
                dequeued(w);
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
        Waiting next = queue.pollFirst();
        started(next);
        running = next.query();
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
        onQuerySent();
        while (!queue.isEmpty()) {
            dequeued(queue.pollFirst());
        }
    }
}
