package io.wsproxy.engine.node;

import io.wsproxy.control.vars.VariableRegistry;
import io.wsproxy.engine.cluster.Cluster;
import io.wsproxy.engine.data.DataPlane;
import io.wsproxy.engine.users.UserStore;
import io.wsproxy.engine.proxy.NodeProxy;
import io.wsproxy.tls.TlsMaterial;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;

/**
 * What every session of a node shares.
 *
 * @param tls the server TLS context, or null when SSL is not enabled (have_ssl = DISABLED)
 */
public record NodeServices(
        BaseDir baseDir,
        VariableRegistry variables,
        UserStore users,
        DataPlane data,
        SessionRegistry sessions,
        SSLContext tls,
        TlsMaterial tlsMaterial,
        NodeLogs logs,
        NodeProxy proxy,
        Cluster cluster) {

    public Logger log() {
        return logs.engine();
    }

    public boolean sslEnabled() {
        return tls != null;
    }
}
