package io.wsproxy.engine.users;

import io.wsproxy.control.ErrorCode;
import io.wsproxy.control.SqlException;
import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node's accounts, persisted in {@code data/users.json} before any change returns.
 * Passwords arrive already hashed: this class never sees one in clear. Thread-safe.
 */
public final class UserStore {
    private final Path file;
    private final List<UserAccount> accounts = new ArrayList<>();

    private UserStore(Path file) {
        this.file = file;
    }

    /** Loads the accounts, or creates 'root'@'%' with every privilege on a new node. */
    public static UserStore open(Path dataDir, String rootNativeHash) throws IOException {
        UserStore store = new UserStore(dataDir.resolve("users.json"));
        if (Files.exists(store.file)) {
            store.accounts.addAll(UserFile.read(store.file));
        } else {
            EnumSet<Privilege> all = EnumSet.copyOf(Privilege.all());
            all.add(Privilege.GRANT_OPTION);
            store.accounts.add(new UserAccount(UserRef.of("root"), rootNativeHash, false, Map.of(GrantTarget.GLOBAL, all)));
            UserFile.write(store.file, store.accounts);
        }
        return store;
    }

    /**
     * The account a client logs in as: MySQL matches the most specific host first, literal hosts
     * before patterns and '%' last; 'localhost' also covers 127.0.0.1 and ::1.
     */
    public synchronized Optional<UserAccount> authenticateLookup(String user, String clientHost) {
        return accounts.stream()
                .filter(a -> a.ref().user().equals(user) && hostMatches(a.ref().host(), clientHost))
                .min(Comparator.comparingInt(a -> specificity(a.ref().host())));
    }

    private static int specificity(String host) {
        if (host.equals("%")) {
            return 2;
        }
        return host.contains("%") || host.contains("_") ? 1 : 0;
    }

    static boolean hostMatches(String pattern, String client) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String c = client.toLowerCase(Locale.ROOT);
        if (p.equals("localhost") && (c.equals("127.0.0.1") || c.equals("::1") || c.equals("0:0:0:0:0:0:0:1"))) {
            return true;
        }
        String regex = p.chars().mapToObj(ch -> ch == '%' ? ".*" : ch == '_' ? "." : java.util.regex.Pattern.quote(
                String.valueOf((char) ch))).collect(Collectors.joining());
        return c.matches(regex);
    }

    public synchronized Optional<UserAccount> find(UserRef ref) {
        return accounts.stream().filter(a -> same(a.ref(), ref)).findFirst();
    }

    private static boolean same(UserRef a, UserRef b) {
        return a.user().equals(b.user()) && a.host().equalsIgnoreCase(b.host());
    }

    public synchronized List<UserAccount> all() {
        return List.copyOf(accounts);
    }

    /** CREATE USER; an existing account is 1396, or nothing at all with IF NOT EXISTS. */
    public synchronized void create(UserRef ref, String nativeHash, boolean requireSsl, boolean ifNotExists) {
        if (find(ref).isPresent()) {
            if (ifNotExists) {
                return;
            }
            throw ErrorCode.CANNOT_USER.error("CREATE USER", ref.toSql());
        }
        List<UserAccount> next = new ArrayList<>(accounts);
        next.add(new UserAccount(ref, nativeHash, requireSsl, Map.of()));
        commit(next);
    }

    /** ALTER USER / SET PASSWORD; null arguments leave that part unchanged. */
    public synchronized void alter(UserRef ref, String nativeHash, Boolean requireSsl, boolean ifExists) {
        Optional<UserAccount> current = find(ref);
        if (current.isEmpty()) {
            if (ifExists) {
                return;
            }
            throw ErrorCode.CANNOT_USER.error("ALTER USER", ref.toSql());
        }
        UserAccount changed = current.get();
        if (nativeHash != null) {
            changed = changed.withPassword(nativeHash);
        }
        if (requireSsl != null) {
            changed = changed.withRequireSsl(requireSsl);
        }
        replace(current.get(), changed);
    }

    /** DROP USER: all or nothing; 1396 names every missing account. */
    public synchronized void drop(List<UserRef> refs, boolean ifExists) {
        List<String> missing = refs.stream().filter(r -> find(r).isEmpty()).map(UserRef::toSql).toList();
        if (!missing.isEmpty() && !ifExists) {
            throw ErrorCode.CANNOT_USER.error("DROP USER", String.join(",", missing));
        }
        List<UserAccount> next = new ArrayList<>(accounts);
        next.removeIf(a -> refs.stream().anyMatch(r -> same(a.ref(), r)));
        commit(next);
    }

    public synchronized void grant(Set<Privilege> privileges, GrantTarget target, List<UserRef> users,
            boolean withGrantOption) {
        if (!target.isGlobal() && privileges.stream().anyMatch(Privilege::isGlobalOnly)) {
            throw new SqlException(1221, "HY000", "Incorrect usage of DB GRANT and GLOBAL PRIVILEGES");
        }
        EnumSet<Privilege> added = privileges.isEmpty() ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(privileges);
        if (withGrantOption) {
            added.add(Privilege.GRANT_OPTION);
        }
        List<UserAccount> next = new ArrayList<>(accounts);
        for (UserRef user : users) {
            UserAccount current = find(user).orElseThrow(() ->
                    new SqlException(1410, "42000", "You are not allowed to create a user with GRANT"));
            next.set(next.indexOf(current), current.withGrant(target, added));
        }
        commit(next);
    }

    public synchronized void revoke(Set<Privilege> privileges, GrantTarget target, List<UserRef> users) {
        List<UserAccount> next = new ArrayList<>(accounts);
        for (UserRef user : users) {
            UserAccount current = find(user).orElse(null);
            if (current == null || !current.grants().containsKey(target)) {
                throw ErrorCode.NONEXISTING_GRANT.error(user.user(), user.host());
            }
            next.set(next.indexOf(current), current.withRevoke(target, privileges));
        }
        commit(next);
    }

    /** SHOW GRANTS lines, MySQL-shaped; 1141 for an unknown account. */
    public synchronized List<String> showGrants(UserRef ref) {
        UserAccount account = find(ref).orElseThrow(() -> ErrorCode.NONEXISTING_GRANT.error(ref.user(), ref.host()));
        List<String> lines = new ArrayList<>();
        if (!account.grants().containsKey(GrantTarget.GLOBAL)) {
            lines.add("GRANT USAGE ON *.* TO " + ref.toSql());
        }
        account.grants().forEach((target, privileges) -> lines.add(grantLine(target, privileges, account.ref())));
        return lines;
    }

    private static String grantLine(GrantTarget target, Set<Privilege> privileges, UserRef ref) {
        boolean grantOption = privileges.contains(Privilege.GRANT_OPTION);
        EnumSet<Privilege> listed = EnumSet.noneOf(Privilege.class);
        listed.addAll(privileges);
        listed.remove(Privilege.GRANT_OPTION);
        String names;
        if (listed.containsAll(Privilege.all())) {
            names = "ALL PRIVILEGES";
        } else if (listed.isEmpty()) {
            names = "USAGE";
        } else {
            names = listed.stream().map(Privilege::sqlName).collect(Collectors.joining(", "));
        }
        return "GRANT " + names + " ON " + target.toSql() + " TO " + ref.toSql() + (grantOption ? " WITH GRANT OPTION" : "");
    }

    private void replace(UserAccount old, UserAccount changed) {
        List<UserAccount> next = new ArrayList<>(accounts);
        next.set(next.indexOf(old), changed);
        commit(next);
    }

    /** Writes first, then swaps: a failed write leaves memory and disk as they were. */
    private void commit(List<UserAccount> next) {
        try {
            UserFile.write(file, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        accounts.clear();
        accounts.addAll(next);
    }
}
