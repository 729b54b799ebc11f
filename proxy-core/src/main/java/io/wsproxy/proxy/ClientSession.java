package io.wsproxy.proxy;

import io.wsproxy.ws.CloseCode;

/** A WebSocket session of a generation ({@code /ws} or {@code /mysql}), as the generation closes it. */
interface ClientSession {

    /** Closes from the server side (shutdown 1001, restart 1012, failure 1011); from any thread. */
    void closeWith(CloseCode code);
}
