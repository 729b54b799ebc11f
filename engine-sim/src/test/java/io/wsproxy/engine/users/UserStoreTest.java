package io.wsproxy.engine.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wsproxy.control.SqlException;
import io.wsproxy.control.privs.GrantTarget;
import io.wsproxy.control.privs.Privilege;
import io.wsproxy.control.privs.UserRef;
import io.wsproxy.wire.auth.NativePassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts, host matching as MySQL does it, grants, and what is kept on disk. */
class UserStoreTest {
    @TempDir
    Path dir;
    UserStore store;

    @BeforeEach
    void openAStoreWithRoot() throws Exception {
        store = UserStore.open(dir, NativePassword.storedHash("root-pw"));
    }

    private static UserRef at(String user, String host) {
        return new UserRef(user, host);
    }

    private void create(String user, String host) {
        store.create(at(user, host), NativePassword.storedHash("pw-" + host), false, false);
    }

    @Test
    void aNewStoreHasRootWithEveryPrivilegeFromAnyHost() {
        assertThat(store.authenticateLookup("root", "192.0.2.1")).get()
                .satisfies(root -> {
                    assertThat(root.ref()).isEqualTo(at("root", "%"));
                    assertThat(root.hasGlobal(Privilege.SUPER)).isTrue();
                });
        assertThat(store.showGrants(at("root", "%")))
                .containsExactly("GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION");
    }

    @Test
    void theMostSpecificHostWinsLiteralThenPatternThenAnyHost() {
        create("u", "%");
        create("u", "192.0.2.%");
        create("u", "192.0.2.7");
        create("u", "localhost");

        assertThat(store.authenticateLookup("u", "192.0.2.7").get().ref().host()).isEqualTo("192.0.2.7");
        assertThat(store.authenticateLookup("u", "192.0.2.8").get().ref().host()).isEqualTo("192.0.2.%");
        assertThat(store.authenticateLookup("u", "198.51.100.1").get().ref().host()).isEqualTo("%");
        assertThat(store.authenticateLookup("u", "localhost").get().ref().host()).isEqualTo("localhost");
        assertThat(store.authenticateLookup("u", "127.0.0.1").get().ref().host()).isEqualTo("localhost");
        assertThat(store.authenticateLookup("u", "::1").get().ref().host()).isEqualTo("localhost");
    }

    @Test
    void aLocalhostAccountMatchesNoRemoteAddress() {
        create("local", "localhost");

        assertThat(store.authenticateLookup("local", "2001:db8::7")).isEmpty();
        assertThat(store.authenticateLookup("local", "192.0.2.1")).isEmpty();
        assertThat(store.authenticateLookup("local", "0.0.0.0")).isEmpty();
        assertThat(store.authenticateLookup("other", "localhost")).isEmpty();
    }

    @Test
    void underscoreMatchesOneCharacterAndDotsAreLiteral() {
        create("p", "10.0.0._");

        assertThat(store.authenticateLookup("p", "10.0.0.5")).isPresent();
        assertThat(store.authenticateLookup("p", "10.0.0.55")).isEmpty();
        assertThat(store.authenticateLookup("p", "10x0x0x5")).isEmpty();
    }

    @Test
    void creatingAnExistingAccountIs1396UnlessIfNotExists() {
        create("dup", "%");

        assertThatThrownBy(() -> create("dup", "%"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1396));
        store.create(at("dup", "%"), NativePassword.storedHash("other"), false, true);
        assertThat(store.find(at("dup", "%")).get().nativeHash()).isEqualTo(NativePassword.storedHash("pw-%"));
    }

    @Test
    void dropIsAllOrNothingAndNamesTheMissing() {
        create("a", "%");

        assertThatThrownBy(() -> store.drop(List.of(at("a", "%"), at("ghost", "%")), false))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(1396);
                    assertThat(e.getMessage()).contains("'ghost'@'%'");
                });
        assertThat(store.find(at("a", "%"))).isPresent();
        store.drop(List.of(at("a", "%"), at("ghost", "%")), true);
        assertThat(store.find(at("a", "%"))).isEmpty();
    }

    @Test
    void grantsOnADatabaseAllowThatDatabaseOnly() {
        create("reader", "%");

        store.grant(Set.of(Privilege.SELECT), new GrantTarget("shop", GrantTarget.ANY), List.of(at("reader", "%")), false);

        UserAccount reader = store.find(at("reader", "%")).get();
        assertThat(reader.has(Privilege.SELECT, "shop")).isTrue();
        assertThat(reader.has(Privilege.INSERT, "shop")).isFalse();
        assertThat(reader.has(Privilege.SELECT, "other")).isFalse();
        assertThat(store.showGrants(at("reader", "%")))
                .containsExactly("GRANT USAGE ON *.* TO 'reader'@'%'", "GRANT SELECT ON `shop`.* TO 'reader'@'%'");
    }

    @Test
    void aGlobalOnlyPrivilegeOnADatabaseIs1221AndChangesNothing() {
        create("x", "%");

        assertThatThrownBy(() -> store.grant(Set.of(Privilege.SUPER), new GrantTarget("shop", GrantTarget.ANY),
                List.of(at("x", "%")), false))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1221));
        assertThat(store.find(at("x", "%")).get().grants()).isEmpty();
    }

    @Test
    void revokingWhatWasNeverGrantedIs1141() {
        create("y", "%");

        assertThatThrownBy(() -> store.revoke(Set.of(Privilege.SELECT), new GrantTarget("shop", GrantTarget.ANY),
                List.of(at("y", "%"))))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1141));
    }

    @Test
    void accountsSurviveAReopenAndTheFileHoldsNoClearPassword() throws Exception {
        store.create(at("kept", "%"), NativePassword.storedHash("s3cret-value"), true, false);
        store.grant(Set.of(Privilege.SUPER), GrantTarget.GLOBAL, List.of(at("kept", "%")), false);

        UserStore reopened = UserStore.open(dir, NativePassword.storedHash("ignored"));

        UserAccount kept = reopened.find(at("kept", "%")).get();
        assertThat(kept.requireSsl()).isTrue();
        assertThat(kept.hasGlobal(Privilege.SUPER)).isTrue();
        assertThat(reopened.authenticateLookup("root", "h").get().nativeHash())
                .as("root keeps its first password").isEqualTo(NativePassword.storedHash("root-pw"));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).doesNotContain("s3cret-value").doesNotContain("root-pw");
            }
        }
    }

    @Test
    void alterChangesOnlyWhatItNames() {
        create("z", "%");

        store.alter(at("z", "%"), null, true, false);

        UserAccount z = store.find(at("z", "%")).get();
        assertThat(z.requireSsl()).isTrue();
        assertThat(z.nativeHash()).isEqualTo(NativePassword.storedHash("pw-%"));
        assertThatThrownBy(() -> store.alter(at("nobody", "%"), null, true, false))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.code()).isEqualTo(1396));
    }
}
