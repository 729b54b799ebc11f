package io.wsproxy.backend;

import java.util.Objects;

/** A user's own login, passed through to the engine; the proxy holds no credentials of its own. */
public record Credentials(String user, String password, String database) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    /** Never shows the password: records end up in logs. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", database=" + database + "]";
    }
}
