package io.wsproxy.control.proxy;

/** Where the {@link ProxyManager} reports its transitions (websocket_proxy.log in the engine). */
public interface ProxyEvents {

    void info(String message);

    void error(String message);

    /** Logs nowhere: for tests that only look at states. */
    ProxyEvents NONE = new ProxyEvents() {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }
    };
}
