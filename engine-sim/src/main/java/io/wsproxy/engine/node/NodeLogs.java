package io.wsproxy.engine.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's trace logs. Each node gets its own loggers and file appenders, so several nodes in
 * one JVM (tests, the demo) each write their own tracelogs/ files.
 */
public final class NodeLogs implements AutoCloseable {
    private static final AtomicInteger NODES = new AtomicInteger();
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %msg%n";

    private final List<FileAppender<ILoggingEvent>> appenders = new ArrayList<>();
    private final List<ch.qos.logback.classic.Logger> loggers = new ArrayList<>();
    private final Logger engine;
    private final Logger proxy;

    private NodeLogs(BaseDir dir) {
        String prefix = "wsproxy.node" + NODES.incrementAndGet();
        engine = fileLogger(prefix + ".memsql", dir.memsqlLog());
        proxy = fileLogger(prefix + ".websocket_proxy", dir.proxyLog());
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

    private Logger fileLogger(String name, Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(name);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        appenders.add(appender);
        loggers.add(logger);
        return logger;
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(appenders.get(i));
            appenders.get(i).stop();
        }
    }
}
