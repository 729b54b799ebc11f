package io.wsproxy.api;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.wsproxy.ws.ByteSink;

/**
 * The HTTP side of one Data API request. Its methods may be called from any thread (the request's
 * engine connection may live on another event loop than the request) and run on the request's
 * own event loop, in call order. Exactly one of {@link #fail}, {@link #json} or
 * {@link #chunk}s then {@link #end} answers a request.
 */
final class ResponseStream {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServerResponse response;
    private final Context context;
    private volatile boolean gone;
    private boolean started;

    /** Call on the request's event loop. */
    ResponseStream(HttpServerResponse response, Context context) {
        this.response = response;
        this.context = context;
    }

    /**
     * {@code action} runs (on the request's event loop) if the client goes away before the
     * response ended: the query behind it should stop.
     */
    void onGone(Runnable action) {
        response.closeHandler(v -> {
            if (!response.ended()) {
                gone = true;
                action.run();
            }
        });
    }

    boolean gone() {
        return gone;
    }

    /** A plain-text error: {@code Error <code>: <message>}; 401 asks for Basic credentials. */
    void fail(ApiError error) {
        run(() -> {
            if (started || response.ended()) {
                return;
            }
            if (error.status() == 401) {
                response.putHeader("WWW-Authenticate", "Basic realm=\"wsproxy\", charset=\"UTF-8\"");
            }
            response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(error.body());
        });
    }

    /**
     * {@link #fail}, then the connection closes: the rest of the request's body is never read
     * (too large, stalled, no memory for it), so the connection cannot carry another request.
     */
    void failAndClose(ApiError error, HttpConnection connection) {
        run(() -> {
            if (started || response.ended()) {
                connection.close();
                return;
            }
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(error.body())
                    .onComplete(ar -> connection.close());
        });
    }

    /** A whole response in one piece. */
    void json(int status, ByteSink body) {
        Buffer buffer = wrap(body);
        run(() -> {
            if (!response.ended()) {
                response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(buffer);
            }
        });
    }

    /** The text of a GET endpoint. */
    void text(int status, String contentType, String body) {
        run(() -> response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body));
    }

    /**
     * Part of a 200 JSON body, sent with chunked transfer encoding; {@code written} runs once
     * the part has left (or could not: the client is gone), so the producer can bound what it
     * has in flight.
     */
    void chunk(ByteSink part, Runnable written) {
        Buffer buffer = wrap(part);
        run(() -> {
            if (response.ended() || gone) {
                written.run();
                return;
            }
            if (!started) {
                started = true;
                response.setStatusCode(200).setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, JSON);
            }
            response.write(buffer).onComplete(ar -> written.run());
        });
    }

    /** The last part of a body begun with {@link #chunk}. */
    void end(ByteSink last) {
        Buffer buffer = wrap(last);
        run(() -> {
            if (!response.ended()) {
                response.end(buffer);
            }
        });
    }

    private void run(Runnable action) {
        if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** The sink's bytes without a copy: the sink is not written again. */
    private static Buffer wrap(ByteSink bytes) {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes.array(), 0, bytes.size()));
    }
}
