package io.wsproxy.control.proxy;

import io.wsproxy.control.SqlException;

/**
 * How the caller of a command (a SQL session running RESTART PROXY, the node booting) hears its
 * outcome. The state machine only carries it to an {@link ProxyEffect.Answer}.
 */
public interface Reply {

    void ok();

    void fail(SqlException error);

    /** For commands nobody waits on. */
    Reply NONE = new Reply() {
        @Override
        public void ok() {
        }

        @Override
        public void fail(SqlException error) {
        }

        @Override
        public String toString() {
            return "no reply";
        }
    };
}
