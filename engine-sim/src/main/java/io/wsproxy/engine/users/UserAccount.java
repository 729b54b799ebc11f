package io.wsproxy.engine.users;

import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One account: its name, its password as a MySQL native hash (never the password), REQUIRE SSL,
 * and its grants by target. Immutable; changes make a copy.
 */
public record UserAccount(UserRef ref, String nativeHash, boolean requireSsl, Map<GrantTarget, Set<Privilege>> grants) {
    public UserAccount {
        Map<GrantTarget, Set<Privilege>> copy = new LinkedHashMap<>();
        grants.forEach((target, privileges) -> {
            if (!privileges.isEmpty()) {
                copy.put(target, Collections.unmodifiableSet(EnumSet.copyOf(privileges)));
            }
        });
        grants = Collections.unmodifiableMap(copy);
        nativeHash = nativeHash == null ? "" : nativeHash;
    }

    public boolean hasGlobal(Privilege privilege) {
        return grants.getOrDefault(GrantTarget.GLOBAL, Set.of()).contains(privilege);
    }

    /** A global grant, or a grant on the database (or one of its tables, for table privileges). */
    public boolean has(Privilege privilege, String database) {
        for (Map.Entry<GrantTarget, Set<Privilege>> grant : grants.entrySet()) {
            if (grant.getKey().coversDatabase(database) && grant.getValue().contains(privilege)) {
                return true;
            }
        }
        return false;
    }

    /** Any privilege at all on the database (what USE needs). */
    public boolean canAccessDatabase(String database) {
        for (Map.Entry<GrantTarget, Set<Privilege>> grant : grants.entrySet()) {
            if (grant.getKey().coversDatabase(database) && !grant.getValue().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    public UserAccount withPassword(String hash) {
        return new UserAccount(ref, hash, requireSsl, grants);
    }

    public UserAccount withRequireSsl(boolean required) {
        return new UserAccount(ref, nativeHash, required, grants);
    }

    public UserAccount withGrant(GrantTarget target, Set<Privilege> added) {
        Map<GrantTarget, Set<Privilege>> copy = new LinkedHashMap<>(grants);
        EnumSet<Privilege> now = EnumSet.noneOf(Privilege.class);
        now.addAll(grants.getOrDefault(target, Set.of()));
        now.addAll(added);
        copy.put(target, now);
        return new UserAccount(ref, nativeHash, requireSsl, copy);
    }

    public UserAccount withRevoke(GrantTarget target, Set<Privilege> removed) {
        Map<GrantTarget, Set<Privilege>> copy = new LinkedHashMap<>(grants);
        EnumSet<Privilege> now = EnumSet.noneOf(Privilege.class);
        now.addAll(grants.getOrDefault(target, Set.of()));
        now.removeAll(removed);
        copy.put(target, now);
        return new UserAccount(ref, nativeHash, requireSsl, copy);
    }

    @Override
    public String toString() {
        return "UserAccount[" + ref + ", requireSsl=" + requireSsl + ", grants=" + grants + "]";
    }
}
