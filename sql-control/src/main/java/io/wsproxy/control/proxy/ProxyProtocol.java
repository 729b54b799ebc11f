package io.wsproxy.control.proxy;

/** How a proxy instance serves: {@code ws://} over HTTP or {@code wss://} over HTTPS. */
public enum ProxyProtocol {
    HTTP, HTTPS;

    public String scheme() {
        return this == HTTP ? "http" : "https";
    }
}
