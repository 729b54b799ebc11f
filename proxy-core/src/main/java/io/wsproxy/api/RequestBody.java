package io.wsproxy.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;

/**
 * Reads a Data API request body within the size limit (PROTOCOL.md section 2: 1 MiB, 413 past
 * it, as soon as {@code Content-Length} or the bytes received say so) and checks that it is
 * JSON (415 otherwise).
 */
final class RequestBody {
    static final int MAX_BYTES = 1024 * 1024;

    private RequestBody() {
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

    /** The whole body to {@code done}, or an error to {@code failed}; exactly one of them runs. */
    static void read(HttpServerRequest request, Handler<Buffer> done, Handler<ApiError> failed) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLong(declared)) {
            failed.handle(ApiError.tooLarge(MAX_BYTES));
            return;
        }
        Buffer body = Buffer.buffer(declared == null ? 256 : Math.max(0, Integer.parseInt(declared.strip())));
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BYTES) {
                over[0] = true;
                failed.handle(ApiError.tooLarge(MAX_BYTES));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!over[0]) {
                done.handle(body);
            }
        });
        request.exceptionHandler(e -> over[0] = true);
        request.resume();
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return true; // Netty refuses a bad Content-Length before we see it; never trust one
        }
    }
}
