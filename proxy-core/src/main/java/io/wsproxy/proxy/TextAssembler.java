package io.wsproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.buffer.BufferInternal;
import io.wsproxy.ws.ByteSink;

/**
 * The client's text messages, reassembled from WebSocket frames (RFC 6455 section 5.4) within
 * the session's size limit; binary messages are reported, not kept. A message in one frame, the
 * usual case, is handed over in place, in the frame's own array. Confined to the session's event
 * loop.
 */
final class TextAssembler {

    /** What the frames make. */
    interface Events {
        /** A whole text message; its bytes are valid during the call only. */
        void text(byte[] utf8, int offset, int length);

        /** A binary frame: the JSON protocol has no use for one (close 1003). */
        void binary();

        /** A text message over the limit (close 1009). */
        void tooBig();
    }

    /** A buffer for a fragmented message is kept up to this size; a larger one is let go after use. */
    private static final int KEEP = 4096;

    private final int maxMessageSize;
    private ByteSink parts;
    private boolean inText;
    private boolean inBinary;

    TextAssembler(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    void onFrame(WebSocketFrame frame, Events events) {
        if (frame.isBinary() || (frame.isContinuation() && inBinary)) {
            inBinary = !frame.isFinal();
            events.binary();
            return;
        }
        if (!frame.isText() && !frame.isContinuation()) {
            return; // ping, pong and close are Vert.x's business
        }
        if (frame.isText()) {
            reset();
            inText = true;
        } else if (!inText) {
            return;
        }
        Buffer data = frame.binaryData();
        int held = parts == null ? 0 : parts.size();
        if (held + data.length() > maxMessageSize) {
            reset();
            events.tooBig();
            return;
        }
        if (frame.isText() && frame.isFinal() && data instanceof BufferInternal) {
            ByteBuf bytes = ((BufferInternal) data).getByteBuf();
            if (bytes.hasArray()) {
                inText = false;
                events.text(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
                return;
            }
        }
        if (parts == null) {
            parts = new ByteSink(Math.min(maxMessageSize, Math.max(256, data.length())));
        }
        parts.write(data.getBytes());
        if (frame.isFinal()) {
            inText = false;
            events.text(parts.array(), 0, parts.size());
            reset();
        }
    }

    private void reset() {
        inText = false;
        if (parts != null) {
            parts = parts.array().length > KEEP ? null : parts;
            if (parts != null) {
                parts.reset();
            }
        }
    }
}
