package io.wsproxy.engine.node;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.sift.SiftingAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's trace logs: {@code tracelogs/memsql.log} and {@code tracelogs/websocket_proxy.log}.
 * What goes where, and how it reads, is logback.xml's business (the TRACELOGS appender); this
 * class names the node's loggers and tells {@link TracelogFiles} which directory they write to.
 */
public final class NodeLogs implements AutoCloseable {
    /** The logger every node's loggers live under, as logback.xml names it. */
    static final String ROOT = "wsproxy.node";
    private static final String APPENDER = "TRACELOGS";
    private static final AtomicInteger NODES = new AtomicInteger();

    private final Logger engine;
    private final Logger proxy;
    private final Logger[] both;

    private NodeLogs(BaseDir dir) {
        String node = ROOT + "." + NODES.incrementAndGet();
        TracelogFiles.register(node, dir.tracelogs());
        engine = LoggerFactory.getLogger(node + ".memsql");
        proxy = LoggerFactory.getLogger(node + ".websocket_proxy");
        both = new Logger[] {engine, proxy};
    }

    static NodeLogs open(BaseDir dir) {
        return new NodeLogs(dir);
    }

    /** tracelogs/memsql.log */
    public Logger engine() {
        return engine;
    }

    /** tracelogs/websocket_proxy.log */
    public Logger proxy() {
        return proxy;
    }

    /**
     * Closes the node's files now, not when logback next tidies up: a JVM that runs many nodes
     * (the tests) would otherwise hold their files open.
     */
    @Override
    public void close() {
        Appender<ILoggingEvent> appender = LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                ? context.getLogger(ROOT).getAppender(APPENDER) : null;
        for (Logger logger : both) {
            // The marker tells the sifting appender this file's life ends; stopping it closes it now.
            logger.info(ClassicConstants.FINALIZE_SESSION_MARKER, "log closed");
            if (appender instanceof SiftingAppender sifting) {
                Appender<ILoggingEvent> file = sifting.getAppenderTracker().find(TracelogFiles.fileOf(logger.getName()));
                if (file != null) {
                    file.stop();
                }
            }
        }
    }
}
