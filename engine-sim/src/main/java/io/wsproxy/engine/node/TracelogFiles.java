package io.wsproxy.engine.node;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * logback.xml's way to each node's trace log files: a logger {@code wsproxy.node.<n>.<file>}
 * writes {@code <tracelogs of node n>/<file>.log}, so several nodes in one JVM (tests, the demo)
 * each keep their own {@code memsql.log} and {@code websocket_proxy.log}. The value is the file's
 * path, under the key {@code tracelog} that the sifted appender names its file with. A logger of
 * no registered node writes nowhere.
 */
public final class TracelogFiles extends AbstractDiscriminator<ILoggingEvent> {
    static final String KEY = "tracelog";
    private static final String NOWHERE = "/dev/null";
    private static final Map<String, Path> NODES = new ConcurrentHashMap<>();

    /** Where the loggers under {@code nodeLogger} write from now on. */
    static void register(String nodeLogger, Path tracelogs) {
        NODES.put(nodeLogger, tracelogs);
    }

    /** The file a logger of a registered node writes. */
    static String fileOf(String loggerName) {
        int dot = loggerName.lastIndexOf('.');
        Path dir = dot < 0 ? null : NODES.get(loggerName.substring(0, dot));
        return dir == null ? NOWHERE : dir.resolve(loggerName.substring(dot + 1) + ".log").toString();
    }

    @Override
    public String getDiscriminatingValue(ILoggingEvent event) {
        return fileOf(event.getLoggerName());
    }

    @Override
    public String getKey() {
        return KEY;
    }
}
