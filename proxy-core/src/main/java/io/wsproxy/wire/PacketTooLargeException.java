package io.wsproxy.wire;

import java.io.IOException;

/** A logical packet over the reader's limit (max_allowed_packet); nothing was allocated for it. */
public final class PacketTooLargeException extends IOException {
    public PacketTooLargeException(long size, long limit) {
        super("packet of " + size + " bytes exceeds the limit of " + limit);
    }
}
