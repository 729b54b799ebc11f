package io.wsproxy.control.proxy;

/** A node's cluster role (DESIGN.md section 7); only the {@link #MASTER} runs a proxy (I5). */
public enum NodeRole {
    MASTER, AGGREGATOR, LEAF
}
