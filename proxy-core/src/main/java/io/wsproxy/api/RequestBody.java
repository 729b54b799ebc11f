package io.wsproxy.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.wsproxy.ws.ByteBudget;
import java.util.Locale;

/**
 * Reads a Data API request body within the size limit (PROTOCOL.md section 2: 1 MiB, 413 past
 * it, as soon as {@code Content-Length} or the bytes received say so) and checks that it is
 * JSON (415 otherwise).
 *
 * <p>Memory: the buffer grows with the bytes that arrived, never with what {@code Content-Length}
 * promises; past {@link #UNCOUNTED_BYTES} every byte held is reserved from the proxy's byte budget
 * (the one {@code /ws} queues and large frames draw on), and a body that does not fit gets 503 with
 * 9111. A body that stops arriving for {@link #STALL_MILLIS} gets 408, so a stalled upload holds
 * its bytes for that long at most. Each of these failures closes the connection: the rest of the
 * body is never read.
 */
final class RequestBody {
    static final int MAX_BYTES = 1024 * 1024;
    /** What a body may hold without the budget, as a {@code /ws} frame (MemoryBounds.LARGE_FRAME_BYTES). */
    static final int UNCOUNTED_BYTES = 64 * 1024;
    /** How long a body may go without a byte arriving. */
    static final long STALL_MILLIS = 30_000;
    private static final int FIRST_CAPACITY = 1024;

    private final HttpServerRequest request;
    private final ByteBudget budget;
    private final long stallMillis;
    private final Handler<Buffer> done;
    private final Handler<ApiError> failed;
    private final Vertx vertx = Vertx.currentContext().owner();
    private Buffer body = Buffer.buffer(FIRST_CAPACITY);
    private long reserved;
    private boolean over;
    private boolean arrived;
    private long timer = -1;

    private RequestBody(HttpServerRequest request, ByteBudget budget, long stallMillis, Handler<Buffer> done,
            Handler<ApiError> failed) {
        this.request = request;
        this.budget = budget;
        this.stallMillis = stallMillis;
        this.done = done;
        this.failed = failed;
    }

    /** Whether the request declares {@code application/json} (parameters such as charset allowed). */
    static boolean isJson(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    /**
     * The whole body to {@code done}, or an error to {@code failed}; exactly one of them runs, on the
     * request's event loop. What the body reserved from {@code budget} is given back before either runs.
     */
    static void read(HttpServerRequest request, ByteBudget budget, Handler<Buffer> done, Handler<ApiError> failed) {
        read(request, budget, STALL_MILLIS, done, failed);
    }

    /** {@link #read(HttpServerRequest, ByteBudget, Handler, Handler)} with another stall timeout (tests). */
    static void read(HttpServerRequest request, ByteBudget budget, long stallMillis, Handler<Buffer> done,
            Handler<ApiError> failed) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLong(declared)) {
            failed.handle(ApiError.tooLarge(MAX_BYTES));
            return;
        }
        new RequestBody(request, budget, stallMillis, done, failed).start();
    }

    private void start() {
        request.handler(this::chunk);
        request.endHandler(v -> {
            if (!over) {
                over = true;
                Buffer whole = body;
                letGo();
                done.handle(whole);
            }
        });
        request.exceptionHandler(e -> fail(ApiError.lost("the request broke off: " + e.getMessage())));
        armTimer();
        request.resume();
    }

    private void chunk(Buffer chunk) {
        if (over) {
            return;
        }
        arrived = true;
        long length = body.length() + (long) chunk.length();
        if (length > MAX_BYTES) {
            fail(ApiError.tooLarge(MAX_BYTES));
            return;
        }
        long counted = Math.max(0, length - UNCOUNTED_BYTES) - reserved;
        if (counted > 0) {
            if (!budget.tryReserve(counted)) {
                fail(ApiError.busy("the proxy holds as many request bytes as its budget allows ("
                        + budget.limit() + " bytes); try again"));
                return;
            }
            reserved += counted;
        }
        body.appendBuffer(chunk);
    }

    /** Every {@link #STALL_MILLIS}: a body that got no byte since the last look has stalled. */
    private void armTimer() {
        timer = vertx.setTimer(stallMillis, id -> {
            timer = -1;
            if (over) {
                return;
            }
            if (arrived) {
                arrived = false;
                armTimer();
            } else {
                fail(new ApiError(408, ApiError.REQUEST_TIMEOUT, "no byte of the request body came for "
                        + stallMillis + " ms"));
            }
        });
    }

    private void fail(ApiError error) {
        if (over) {
            return;
        }
        over = true;
        letGo();
        failed.handle(error);
    }

    private void letGo() {
        body = null;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return true; // Netty refuses a bad Content-Length before we see it; never trust one
        }
    }
}
