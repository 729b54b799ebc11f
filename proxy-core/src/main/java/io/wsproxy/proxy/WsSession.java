package io.wsproxy.proxy;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.BackendListener;
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
import io.wsproxy.ws.RowEncoder;
import io.wsproxy.ws.RowsMessageBuilder;
import io.wsproxy.ws.ServerMessages;
import io.wsproxy.ws.SessionEffect;
import io.wsproxy.ws.WsSessionState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One {@code /ws} session: the WebSocket, the protocol rules ({@link WsSessionState}) and the
 * engine connection ({@link BackendConnection}). Everything runs on the WebSocket's Vert.x
 * context: frames, timers and the engine's bytes alike, so nothing here needs a lock.
 *
 * <p>Backpressure: rows are relayed as they arrive; when the WebSocket's write queue is full the
 * engine connection stops being read until the queue drains.
 */
final class WsSession implements BackendListener {
    private final ProxyInstance proxy;
    private final Generation generation;
    private final ServerWebSocket ws;
    private final Context context;
    private final Executor executor;
    private final String client;
    private final boolean tls;
    private final ProxyHeaderV2 proxyHeader;
    private final WsSessionState state = new WsSessionState();
    private final ByteArrayOutputStream textFrames = new ByteArrayOutputStream();
    private boolean inTextMessage;
    private boolean inBinaryMessage;
    private long authTimer = -1;
    private ClientMessage.Auth auth;
    private BackendConnection backend;
    private RowsMessageBuilder rows;
    private boolean bigintAsString;
    private boolean killInProgress;
    private boolean finishAfterKill;
    private boolean backendPaused;
    private boolean closed;

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
        this.executor = command -> context.runOnContext(v -> command.run());
        this.client = client;
        this.tls = tls;
        this.proxyHeader = proxyHeader;
    }

    void start() {
        ws.frameHandler(this::onFrame);
        ws.closeHandler(v -> onWebSocketClosed());
        ws.exceptionHandler(e -> proxy.log().debug("websocket from {}: {}", address(), e.toString()));
        // A retiring server drains its sessions itself, then closes them with 1012.
        ws.shutdownHandler(v -> { });
        authTimer = context.owner().setTimer(generation.config().authTimeout().toMillis(), t -> {
            authTimer = -1;
            apply(state.onAuthTimeout());
        });
    }

    /** Closes from the server side (shutdown 1001, restart 1012). */
    void closeWith(CloseCode code) {
        context.runOnContext(v -> apply(state.closeWith(code)));
    }

    // ---- WebSocket side ----

    private void onFrame(WebSocketFrame frame) {
        if (closed) {
            return;
        }
        if (frame.isBinary() || (frame.isContinuation() && inBinaryMessage)) {
            inBinaryMessage = !frame.isFinal();
            apply(state.onBinaryFrame());
            return;
        }
        if (!frame.isText() && !frame.isContinuation()) {
            return; // ping, pong and close are Vert.x's business
        }
        if (frame.isText()) {
            textFrames.reset();
            inTextMessage = true;
        } else if (!inTextMessage) {
            return;
        }
        Buffer data = frame.binaryData();
        if (textFrames.size() + data.length() > generation.config().maxMessageSize()) {
            inTextMessage = false;
            textFrames.reset();
            apply(state.onMessageTooBig());
            return;
        }
        textFrames.writeBytes(data.getBytes());
        if (frame.isFinal()) {
            inTextMessage = false;
            String text = textFrames.toString(StandardCharsets.UTF_8);
            textFrames.reset();
            apply(state.onText(text));
        }
    }

    private void onWebSocketClosed() {
        closed = true;
        state.onClosed();
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
                case KILL_QUERY -> kill();
                case SEND_PONG -> send(ServerMessages.pong());
                case SEND_ERROR -> send(((SessionEffect.SendError) effect).toJson());
                case CLOSE -> {
                    SessionEffect.Close close = (SessionEffect.Close) effect;
                    closed = true;
                    cancelAuthTimer();
                    ws.close(close.code().code(), close.reason());
                    if (backend != null) {
                        backend.close();
                    }
                }
                default -> throw new AssertionError(effect.kind());
            }
        }
    }

    private void authenticate(ClientMessage.Auth message) {
        auth = message;
        bigintAsString = message.bigintAsString();
        backend = openBackend(this);
    }

    private BackendConnection openBackend(BackendListener listener) {
        return BackendConnection.open(proxy.link(), generation.config().engineSocket(), executor,
                new Credentials(auth.user(), auth.password(), auth.database()), proxyHeader, listener);
    }

    private void run(ClientMessage.Query query) {
        String sql;
        try {
            sql = ArgsBinder.bind(query.sql(), query.args());
        } catch (SqlException e) {
            send(ServerMessages.error(query.id(), e.code(), e.sqlState(), e.getMessage()));
            queryFinished();
            return;
        }
        if (!backend.isReady()) {
            // The engine connection just went away; its close report ends the session (1011).
            send(ServerMessages.error(query.id(), 2013, "HY000", "Lost connection to the engine"));
            apply(state.closeWith(CloseCode.INTERNAL_ERROR));
            return;
        }
        backend.query(sql);
    }

    /** KILL QUERY from a second engine connection with the session's own credentials. */
    private void kill() {
        if (killInProgress) {
            return;
        }
        killInProgress = true;
        long target = backend.connectionId();
        openBackend(new KillListener(target));
    }

    private void killDone() {
        killInProgress = false;
        if (finishAfterKill) {
            finishAfterKill = false;
            apply(state.onQueryFinished());
        }
    }

    private void queryFinished() {
        rows = null;
        if (killInProgress) {
            finishAfterKill = true; // the kill names the connection: let it land before the next query
            return;
        }
        apply(state.onQueryFinished());
    }

    private Object queryId() {
        ClientMessage.Query running = state.runningQuery();
        return running == null ? null : running.id();
    }

    private void send(String json) {
        if (closed) {
            return;
        }
        ws.writeTextMessage(json);
        if (backend != null && !backendPaused && ws.writeQueueFull()) {
            backendPaused = true;
            backend.pause();
            ws.drainHandler(v -> {
                backendPaused = false;
                backend.resume();
            });
        }
    }

    private void cancelAuthTimer() {
        if (authTimer >= 0) {
            context.owner().cancelTimer(authTimer);
            authTimer = -1;
        }
    }

    String address() {
        return client;
    }

    // ---- engine side ----

    @Override
    public void onAuthenticated(BackendConnection connection) {
        cancelAuthTimer();
        if (closed) {
            connection.close();
            return;
        }
        send(ServerMessages.ready(connection.connectionId(), connection.serverVersion(), auth.database()));
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
        Object id = queryId();
        send(ServerMessages.columns(id, columns.stream().map(ResultColumn::info).toList()));
        rows = new RowsMessageBuilder(new RowEncoder(columns, bigintAsString), id);
    }

    @Override
    public void onRow(byte[] payload) {
        try {
            if (rows.addRow(payload)) {
                send(rows.finishText());
            }
        } catch (MalformedRowException e) {
            proxy.log().error("session from {}: malformed row from the engine: {}", address(), e.getMessage());
            apply(state.closeWith(CloseCode.INTERNAL_ERROR));
        }
    }

    @Override
    public void onResultEnd(int statusFlags, boolean more) {
        if (!rows.isEmpty()) {
            send(rows.finishText());
        }
        send(ServerMessages.end(queryId(), rows.totalRows(), more));
        if (!more) {
            queryFinished();
        }
    }

    @Override
    public void onOk(OkPacket ok, boolean more) {
        send(ServerMessages.ok(queryId(), ok.affectedRows(), ok.lastInsertId(), ok.warnings(), more));
        if (!more) {
            queryFinished();
        }
    }

    @Override
    public void onQueryError(ErrPacket error) {
        if (rows != null && !rows.isEmpty()) {
            send(rows.finishText());
        }
        send(ServerMessages.error(queryId(), error.errorCode(), error.sqlState(), error.message()));
        queryFinished();
    }

    @Override
    public void onClosed(Throwable cause) {
        if (closed) {
            return;
        }
        if (state.state() == WsSessionState.State.READY) {
            proxy.log().warn("session from {}: engine connection lost{}", address(),
                    cause == null ? "" : ": " + cause.getMessage());
            apply(state.closeWith(CloseCode.INTERNAL_ERROR));
        }
    }

    /** The short-lived second connection that carries KILL QUERY; the next query waits for it. */
    private final class KillListener implements BackendListener {
        private final long target;
        private BackendConnection connection;

        KillListener(long target) {
            this.target = target;
        }

        @Override
        public void onAuthenticated(BackendConnection opened) {
            connection = opened;
            opened.query("KILL QUERY " + target);
        }

        @Override
        public void onAuthFailed(ErrPacket error) {
            proxy.log().warn("cancel from {}: cannot open a second engine connection: {}", address(), error.message());
        }

        @Override
        public void onOk(OkPacket ok, boolean more) {
            connection.close();
        }

        @Override
        public void onQueryError(ErrPacket error) {
            // KILL QUERY of a query that just finished: nothing left to kill
            connection.close();
        }

        @Override
        public void onClosed(Throwable cause) {
            killDone();
        }
    }
}
