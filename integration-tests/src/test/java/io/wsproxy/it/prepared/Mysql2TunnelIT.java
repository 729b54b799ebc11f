package io.wsproxy.it.prepared;

import java.util.List;

/**
 * Node's mysql2 through the proxy's {@code /mysql} tunnel, over a WebSocket stream (the ws
 * package): the same script and checks as on the node directly, queries, {@code execute()}
 * (server-side prepared statements), a transaction and COM_RESET_CONNECTION included.
 */
class Mysql2TunnelIT extends Mysql2ExecuteIT {
    @Override
    List<String> target() {
        return List.of("ws://" + node.proxyUrl().getAuthority() + "/mysql", "-");
    }
}
