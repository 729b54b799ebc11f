package io.wsproxy.control.proxy;

/** One row of {@code SHOW PROXY STATUS}: the actual state, open sessions, and the last failure (or null). */
public record ProxyStatus(ProxyState state, int sessions, String lastError) {
}
