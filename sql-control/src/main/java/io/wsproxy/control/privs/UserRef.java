package io.wsproxy.control.privs;

/** A MySQL account name, {@code 'user'@'host'}; the host defaults to {@code %}. */
public record UserRef(String user, String host) {
    public static final String ANY_HOST = "%";

    public UserRef {
        if (user == null) {
            throw new IllegalArgumentException("user name is required");
        }
        host = host == null || host.isEmpty() ? ANY_HOST : host;
    }

    public static UserRef of(String user) {
        return new UserRef(user, ANY_HOST);
    }

    /** As MySQL prints accounts in messages and SHOW GRANTS: {@code 'u'@'%'}. */
    public String toSql() {
        return "'" + user.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return toSql();
    }
}
