package io.wsproxy.engine.sql;

import io.wsproxy.control.proxy.ProxyState;
import io.wsproxy.control.proxy.ProxyStatus;
import io.wsproxy.engine.session.Results;
import io.wsproxy.engine.session.Session;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** RESTART PROXY (SUPER) and SHOW PROXY STATUS (I6: the actual state, not the variables). */
final class ProxyStatements {
    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ProxyStatements() {
    }

    static void restart(Session session, boolean more) throws IOException {
        Privileges.requireGlobal(session);
        session.node().proxy().restart();
        Results.ok(session, 0, 0, more);
    }

    static void status(Session session, boolean more) throws IOException {
        ProxyStatus status = session.node().proxy().status();
        ProxyState state = status.state();
        String protocol = "";
        String port = "";
        String generation = "";
        if (state instanceof ProxyState.Running r) {
            protocol = r.protocol().name();
            port = Integer.toString(r.port());
            generation = Long.toString(r.generation());
        }
        Results.table(session, List.of(Results.text("State"), Results.text("Protocol"), Results.text("Port"),
                Results.text("Generation"), Results.text("Since"), Results.text("Sessions"),
                Results.text("Last_Error")),
                List.<byte[][]>of(Results.row(state.kind().name(), protocol, port, generation, SINCE.format(state.since()),
                        Integer.toString(status.sessions()), status.lastError() == null ? "" : status.lastError())),
                more);
    }
}
