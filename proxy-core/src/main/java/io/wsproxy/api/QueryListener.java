package io.wsproxy.api;

import io.wsproxy.backend.BackendConnection;
import io.wsproxy.backend.BackendListener;
import io.wsproxy.wire.message.ErrPacket;

/** A lessee's listener: the login is the pool's business, so only the query events matter. */
interface QueryListener extends BackendListener {
    QueryListener NOBODY = cause -> { };

    @Override
    default void onAuthenticated(BackendConnection connection) {
        throw new IllegalStateException("a lent connection is logged in already");
    }

    @Override
    default void onAuthFailed(ErrPacket error) {
        throw new IllegalStateException("a lent connection is logged in already");
    }
}
