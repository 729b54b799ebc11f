package io.wsproxy.wire.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativePasswordTest {

    private static byte[] sha1(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-1");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    @ParameterizedTest(name = "PASSWORD(''{0}'')")
    @CsvSource({
        "password, *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19",
        "root,     *81F5E21E35407D884A6CD4A731AEBFB6AF209E1B",
        "123456,   *6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9",
    })
    void storedHashIsWhatMysqlPasswordPrints(String password, String expected) {
        assertThat(NativePassword.storedHash(password)).isEqualTo(expected);
    }

    @Test
    void emptyPasswordIsStoredAsEmpty() {
        assertThat(NativePassword.storedHash("")).isEmpty();
        assertThat(NativePassword.storedHash(null)).isEmpty();
    }

    @Test
    void scrambleIsSha1OfThePasswordXorSha1OfSeedAndStage2() throws NoSuchAlgorithmException {
        byte[] seed = Seeds.random(20);
        byte[] stage1 = sha1("s3cr3t".getBytes(StandardCharsets.UTF_8));
        byte[] mask = sha1(seed, sha1(stage1));
        byte[] expected = new byte[20];
        for (int i = 0; i < 20; i++) {
            expected[i] = (byte) (stage1[i] ^ mask[i]);
        }

        assertThat(NativePassword.scramble("s3cr3t", seed)).isEqualTo(expected);
    }

    @Test
    void scrambleVerifiesAgainstTheStoredHash() {
        byte[] seed = Seeds.random(20);

        byte[] reply = NativePassword.scramble("password", seed);

        assertThat(reply).hasSize(20);
        assertThat(NativePassword.verify(reply, seed, "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19")).isTrue();
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        byte[] seed = Seeds.random(20);

        assertThat(NativePassword.verify(NativePassword.scramble("pässwörd✓", seed), seed,
                NativePassword.storedHash("pässwörd✓"))).isTrue();
        assertThat(NativePassword.verify(NativePassword.scramble("passwrd", seed), seed,
                NativePassword.storedHash("pässwörd✓"))).isFalse();
    }

    @Test
    void wrongPasswordFails() {
        byte[] seed = Seeds.random(20);

        assertThat(NativePassword.verify(NativePassword.scramble("Password", seed), seed,
                NativePassword.storedHash("password"))).isFalse();
    }

    @Test
    void scrambleForAnotherSeedFails() {
        byte[] seed = Seeds.random(20);
        byte[] other = seed.clone();
        other[19] ^= 1;

        assertThat(NativePassword.verify(NativePassword.scramble("password", other), seed,
                NativePassword.storedHash("password"))).isFalse();
    }

    @Test
    void scrambleDependsOnTheSeed() {
        byte[] seed = Seeds.random(20);
        byte[] other = seed.clone();
        other[0] ^= 1;

        assertThat(NativePassword.scramble("password", seed)).isNotEqualTo(NativePassword.scramble("password", other));
    }

    @Test
    void emptyPasswordGivesAnEmptyScramble() {
        assertThat(NativePassword.scramble("", Seeds.random(20))).isEmpty();
        assertThat(NativePassword.scramble(null, Seeds.random(20))).isEmpty();
    }

    @Test
    void emptyStoredHashAcceptsOnlyAnEmptyReply() {
        byte[] seed = Seeds.random(20);

        assertThat(NativePassword.verify(new byte[0], seed, "")).isTrue();
        assertThat(NativePassword.verify(null, seed, "")).isTrue();
        assertThat(NativePassword.verify(NativePassword.scramble("x", seed), seed, "")).isFalse();
    }

    @Test
    void emptyReplyFailsAgainstAPassword() {
        assertThat(NativePassword.verify(new byte[0], Seeds.random(20), NativePassword.storedHash("password")))
                .isFalse();
    }

    @Test
    void replyOfTheWrongLengthFails() {
        byte[] seed = Seeds.random(20);
        byte[] reply = NativePassword.scramble("password", seed);
        String stored = NativePassword.storedHash("password");

        assertThat(NativePassword.verify(java.util.Arrays.copyOf(reply, 19), seed, stored)).isFalse();
        assertThat(NativePassword.verify(java.util.Arrays.copyOf(reply, 21), seed, stored)).isFalse();
    }

    @Test
    void storedHashWithoutItsStarOrOfTheWrongLengthFails() {
        byte[] seed = Seeds.random(20);
        byte[] reply = NativePassword.scramble("password", seed);

        assertThat(NativePassword.verify(reply, seed, "2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19")).isFalse();
        assertThat(NativePassword.verify(reply, seed, "#2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19")).isFalse();
        assertThat(NativePassword.verify(reply, seed, "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E")).isFalse();
    }

    @Test
    void lowerCaseStoredHashIsAccepted() {
        byte[] seed = Seeds.random(20);

        assertThat(NativePassword.verify(NativePassword.scramble("password", seed), seed,
                "*2470c0c06dee42fd1618bb99005adca2ec9d1e19")).isTrue();
    }
}
