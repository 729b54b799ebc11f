package io.wsproxy.engine.command;

import io.wsproxy.engine.session.Session;
import io.wsproxy.wire.WireReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/** COM_STATISTICS: a human-readable line, sent as a bare string (not an OK packet). */
final class StatisticsCommand implements CommandHandler {
    @Override
    public boolean handle(Session session, WireReader body) throws IOException {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String stats = "Uptime: " + uptime + "  Threads: " + session.node().sessions().size()
                + "  Questions: 0  Slow queries: 0  Opens: 0  Open tables: 0  Queries per second avg: 0.000";
        session.write(stats.getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
