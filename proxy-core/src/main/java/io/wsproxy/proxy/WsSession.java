package io.wsproxy.proxy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.BackendListener;
import io.wsproxy.backend.CancelSequencer;
import io.wsproxy.backend.Credentials;
import io.wsproxy.control.SqlException;
import io.wsproxy.wire.ProxyHeaderV2;
import io.wsproxy.wire.message.ErrPacket;
import io.wsproxy.wire.message.OkPacket;
import io.wsproxy.ws.ArgsBinder;
import io.wsproxy.ws.ClientMessage;
import io.wsproxy.ws.CloseCode;
import io.wsproxy.ws.MalformedRowException;
import io.wsproxy.ws.ResultColumn;
import io.wsproxy.ws.ServerMessages;
import io.wsproxy.ws.SessionEffect;
import io.wsproxy.ws.WsSessionState;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One {@code /ws} session: carries out what {@link WsSessionState} decides, between the client's
 * frames ({@link TextAssembler}), the engine connection ({@link BackendConnection}), the relay of
 * its replies ({@link ReplyRelay}) and cancels ({@link CancelSequencer}). Everything runs on the
 * WebSocket's event loop, the engine connection included, so nothing here needs a lock.
 *
 * <p>Flushes: what an engine read produces is flushed when the read completes; every other entry
 * point (a client frame, a timer, a close) flushes before it returns.
 *
 * <p>Memory ({@link MemoryBounds}): before its {@code auth} a session reads no frame or message
 * over {@link MemoryBounds#PRE_AUTH_MESSAGE_BYTES}; after it, large frames being received and
 * waiting queries draw on the proxy's byte budget ({@link FrameGate}, {@link WsSessionState}); and
 * while the client's outbound queue is full (it does not read) the session stops reading the
 * client too, so no reply of ours ({@code error}, {@code pong}) piles up for a client that sends
 * without reading.
 */
final class WsSession implements ClientSession, BackendListener, ReplyRelay.Session, TextAssembler.Events,
        FrameGate.Session {
    /** MySQL's client error for a connection lost mid-way, as drivers report it. */
    private static final int CR_SERVER_LOST = 2013;

    private final ProxyInstance proxy;
    private final Generation generation;
    private final ServerWebSocket ws;
    private final Context context;
    private final String client;
    private final boolean tls;
    private final ProxyHeaderV2 proxyHeader;
    private final WsSessionState state;
    private final TextAssembler frames;
    private final CancelSequencer cancel;
    private ClientOut out;
    private ReplyRelay relay;
    private long authTimer = -1;
    private ClientMessage.Auth auth;
    private BackendConnection backend;
    private boolean closed;
    private boolean readsHeld;

    /**
     * @param client      the client's address, for logs
     * @param proxyHeader what the engine is told about the client (address, TLS), or null
     */
    WsSession(ProxyInstance proxy, Generation generation, ServerWebSocket ws, Context context, String client,
            boolean tls, ProxyHeaderV2 proxyHeader) {
        this.proxy = proxy;
        this.generation = generation;
        this.ws = ws;
        this.context = context;
        this.client = client;
        this.tls = tls;
        this.proxyHeader = proxyHeader;
        this.state = new WsSessionState(MemoryBounds.sessionQueueBytes(generation.config().maxMessageSize()),
                proxy.queueBudget());
        this.frames = new TextAssembler(MemoryBounds.PRE_AUTH_MESSAGE_BYTES);
        this.cancel = new CancelSequencer(this::openBackend, () -> {
            apply(state.onQueryFinished());
            out.flush();
        }, why -> proxy.log().warn("cancel from {}: {}", address(), why));
    }

    void start() {
        // Frames no larger than Vert.x's own limit for this server (see ProxyVerticle).
        out = ClientOut.of(ws, generation.config().maxMessageSize() + 1024);
        WsPipeline.gateFrames(ws, MemoryBounds.PRE_AUTH_MESSAGE_BYTES, proxy.queueBudget(), this);
        ws.frameHandler(frame -> {
            if (!closed) {
                frames.onFrame(frame, this);
                out.flush();
                holdReadsWhileClientDoesNotRead();
            }
        });
        ws.closeHandler(v -> onWebSocketClosed());
        ws.exceptionHandler(this::onWebSocketException);
        // A retiring server drains its sessions itself, then closes them with 1012.
        WsPipeline.runOnThroughServerShutdown(ws);
        authTimer = context.owner().setTimer(generation.config().authTimeout().toMillis(), t -> {
            authTimer = -1;
            apply(state.onAuthTimeout());
        });
    }

    /**
     * A client whose outbound queue is full does not read what we send: stop reading what it
     * sends until the queue drains, so its own messages cannot make us answer without bound.
     */
    private void holdReadsWhileClientDoesNotRead() {
        if (readsHeld || closed || !out.isFull()) {
            return;
        }
        readsHeld = true;
        WsPipeline.autoRead(ws, false);
        out.whenWritable(() -> {
            readsHeld = false;
            WsPipeline.autoRead(ws, true);
        });
    }

    /**
     * Netty's frame decoder refused a frame (RFC 6455 section 7.1.7, "fail the connection"). Vert.x
     * closes the connection right after this handler returns; the close frame written here goes
     * first, so the client learns why (1002, or 1009 for a frame over the limit).
     */
    private void onWebSocketException(Throwable e) {
        proxy.log().debug("websocket from {}: {}", address(), e.toString());
        if (e instanceof CorruptedWebSocketFrameException corrupt && !closed) {
            int status = corrupt.closeStatus().code();
            apply(state.closeWith(status == CloseCode.MESSAGE_TOO_BIG.code() ? CloseCode.MESSAGE_TOO_BIG
                    : status == CloseCode.INVALID_PAYLOAD.code() ? CloseCode.INVALID_PAYLOAD : CloseCode.PROTOCOL_ERROR));
        }
    }

    @Override
    public void closeWith(CloseCode code) {
        context.runOnContext(v -> apply(state.closeWith(code)));
    }

    String address() {
        return client;
    }

    // ---- the client's messages (TextAssembler.Events) ----

    @Override
    public void text(byte[] utf8, int offset, int length) {
        // RFC 6455 section 8.1: a text message that is not UTF-8 fails the connection (1007).
        if (!ByteBufUtil.isText(Unpooled.wrappedBuffer(utf8, offset, length), StandardCharsets.UTF_8)) {
            apply(state.onInvalidUtf8());
            return;
        }
        apply(state.onText(utf8, offset, length));
    }

    @Override
    public void binary() {
        apply(state.onBinaryFrame());
    }

    @Override
    public void tooBig() {
        apply(state.onMessageTooBig());
    }

    // ---- FrameGate.Session ----

    @Override
    public boolean authReceived() {
        return state.authReceived();
    }

    @Override
    public void frameTooBig() {
        tooBig();
        out.flush();
    }

    @Override
    public void malformedFrame(String why) {
        proxy.log().debug("websocket from {}: {}", address(), why);
        apply(state.closeWith(CloseCode.PROTOCOL_ERROR));
        out.flush();
    }

    private void onWebSocketClosed() {
        closed = true;
        state.onClosed();
        out.discard();
        cancelAuthTimer();
        if (backend != null) {
            backend.close();
        }
        generation.sessionClosed(this);
    }

    private void apply(List<SessionEffect> effects) {
        for (SessionEffect effect : effects) {
            if (closed) {
                return;
            }
            switch (effect.kind()) {
                case AUTHENTICATE -> authenticate(((SessionEffect.Authenticate) effect).auth());
                case RUN_QUERY -> run(((SessionEffect.RunQuery) effect).query());
                case KILL_QUERY -> cancel.kill(backend.connectionId());
                case SEND_PONG -> out.message(ServerMessages.pong());
                case SEND_ERROR -> out.message(((SessionEffect.SendError) effect).toJson());
                case CLOSE -> close((SessionEffect.Close) effect);
                default -> throw new AssertionError(effect.kind());
            }
        }
    }

    private void close(SessionEffect.Close close) {
        closed = true;
        cancelAuthTimer();
        out.flush(); // what was said before the close frame goes first
        out.discard();
        ws.close(close.code().code(), close.reason());
        if (backend != null) {
            backend.close();
        }
    }

    private void authenticate(ClientMessage.Auth message) {
        auth = message;
        frames.limit(generation.config().maxMessageSize());
        relay = new ReplyRelay(out, this, message.bigintAsString());
        backend = openBackend(this);
        relay.attach(backend);
    }

    private BackendConnection openBackend(BackendListener listener) {
        return BackendConnection.open(proxy.link(), generation.engine(), generation.engineTls(),
                new Credentials(auth.user(), auth.password(), auth.database()), proxyHeader, listener);
    }

    private void run(ClientMessage.Query query) {
        String sql;
        try {
            sql = ArgsBinder.bind(query.sql(), query.args());
        } catch (SqlException e) {
            state.onQuerySent(); // nothing will be sent
            out.message(ServerMessages.error(query.id(), e.code(), e.sqlState(), e.getMessage()));
            queryFinished();
            return;
        }
        if (!backend.isReady()) {
            // The engine connection just went away; its close report ends the session (1011).
            out.message(ServerMessages.error(query.id(), CR_SERVER_LOST, "HY000", "Lost connection to the engine"));
            apply(state.closeWith(CloseCode.INTERNAL_ERROR));
            return;
        }
        // Only a large query is counted until its bytes have left: the others need no notice.
        backend.query(sql, state.awaitsQuerySent() ? state::onQuerySent : null);
    }

    private void cancelAuthTimer() {
        if (authTimer >= 0) {
            context.owner().cancelTimer(authTimer);
            authTimer = -1;
        }
    }

    // ---- ReplyRelay.Session ----

    @Override
    public Object runningQueryId() {
        ClientMessage.Query running = state.runningQuery();
        return running == null ? null : running.id();
    }

    @Override
    public void queryFinished() {
        if (!cancel.holdNext()) {
            apply(state.onQueryFinished());
        }
    }

    @Override
    public void malformedRow(MalformedRowException e) {
        proxy.log().error("session from {}: malformed row from the engine: {}", address(), e.getMessage());
        apply(state.closeWith(CloseCode.INTERNAL_ERROR));
    }

    // ---- the engine connection (BackendListener) ----

    @Override
    public void onAuthenticated(BackendConnection connection) {
        cancelAuthTimer();
        if (closed) {
            connection.close();
            return;
        }
        out.message(ServerMessages.ready(connection.connectionId(), connection.serverVersion(), auth.database()));
        proxy.log().debug("session {} from {} authenticated as '{}'", connection.connectionId(), address(),
                auth.user());
        apply(state.onAuthSucceeded());
    }

    @Override
    public void onAuthFailed(ErrPacket error) {
        cancelAuthTimer();
        if (closed) {
            return; // the client left during the login: nothing failed
        }
        proxy.log().warn("auth failed for user '{}' from {}{}: {} {}", auth.user(), address(), tls ? " (wss)" : "",
                error.errorCode(), error.message());
        apply(state.onAuthFailed(error.errorCode(), error.sqlState(), error.message()));
    }

    @Override
    public void onColumns(List<ResultColumn> columns) {
        relay.columns(columns);
    }

    @Override
    public void onRow(byte[] payload, int offset, int length) {
        relay.row(payload, offset, length);
    }

    @Override
    public void onResultEnd(int statusFlags, boolean more) {
        relay.resultEnd(more);
    }

    @Override
    public void onOk(OkPacket ok, boolean more) {
        relay.ok(ok, more);
    }

    @Override
    public void onQueryError(ErrPacket error) {
        relay.queryError(error);
    }

    @Override
    public void onReadComplete() {
        relay.readComplete();
    }

    @Override
    public void onClosed(Throwable cause) {
        if (closed) {
            return;
        }
        if (state.state() == WsSessionState.State.READY) {
            proxy.log().warn("session from {}: engine connection lost{}", address(),
                    cause == null ? "" : ": " + cause.getMessage());
            ClientMessage.Query running = state.runningQuery();
            if (running != null) {
                // The query's own answer, before the session ends: it did not complete.
                out.message(ServerMessages.error(running.id(), CR_SERVER_LOST, "HY000",
                        "Lost connection to the engine during the query"));
            }
            apply(state.closeWith(CloseCode.INTERNAL_ERROR));
        }
        out.flush();
    }
}
