package io.wsproxy.control.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the manager would write to websocket_proxy.log. */
final class RecordingEvents implements ProxyEvents {
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }

    List<String> infos() {
        return List.copyOf(infos);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
