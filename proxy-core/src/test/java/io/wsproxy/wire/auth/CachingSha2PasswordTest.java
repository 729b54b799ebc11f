package io.wsproxy.wire.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CachingSha2PasswordTest {

    private static byte[] sha256(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    @Test
    void scrambleIsSha256OfThePasswordXorSha256OfItsDoubleHashAndTheSeed() throws NoSuchAlgorithmException {
        byte[] seed = Seeds.random(20);
        byte[] p1 = sha256("correct horse".getBytes(StandardCharsets.UTF_8));
        byte[] mask = sha256(sha256(p1), seed);
        byte[] expected = new byte[32];
        for (int i = 0; i < 32; i++) {
            expected[i] = (byte) (p1[i] ^ mask[i]);
        }

        assertThat(CachingSha2Password.scramble("correct horse", seed)).isEqualTo(expected);
    }

    @Test
    void doubleSha256IsTheServersCachedValue() throws NoSuchAlgorithmException {
        assertThat(CachingSha2Password.doubleSha256("pw"))
                .isEqualTo(sha256(sha256("pw".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void scrambleVerifiesAgainstTheCachedDoubleHash() {
        byte[] seed = Seeds.random(20);

        byte[] reply = CachingSha2Password.scramble("password", seed);

        assertThat(reply).hasSize(32);
        assertThat(CachingSha2Password.verifyScramble(reply, seed, CachingSha2Password.doubleSha256("password")))
                .isTrue();
    }

    @Test
    void wrongPasswordFails() {
        byte[] seed = Seeds.random(20);

        assertThat(CachingSha2Password.verifyScramble(CachingSha2Password.scramble("passwore", seed), seed,
                CachingSha2Password.doubleSha256("password"))).isFalse();
    }

    @Test
    void scrambleForAnotherSeedFails() {
        byte[] seed = Seeds.random(20);
        byte[] other = seed.clone();
        other[7] ^= 0x40;

        assertThat(CachingSha2Password.verifyScramble(CachingSha2Password.scramble("password", other), seed,
                CachingSha2Password.doubleSha256("password"))).isFalse();
    }

    @Test
    void flippedBitInTheReplyFails() {
        byte[] seed = Seeds.random(20);
        byte[] reply = CachingSha2Password.scramble("password", seed);
        reply[31] ^= 1;

        assertThat(CachingSha2Password.verifyScramble(reply, seed, CachingSha2Password.doubleSha256("password")))
                .isFalse();
    }

    @Test
    void replyThatIsNot32BytesFails() {
        byte[] seed = Seeds.random(20);
        byte[] reply = CachingSha2Password.scramble("password", seed);
        byte[] cached = CachingSha2Password.doubleSha256("password");

        assertThat(CachingSha2Password.verifyScramble(Arrays.copyOf(reply, 31), seed, cached)).isFalse();
        assertThat(CachingSha2Password.verifyScramble(Arrays.copyOf(reply, 33), seed, cached)).isFalse();
        assertThat(CachingSha2Password.verifyScramble(new byte[0], seed, cached)).isFalse();
        assertThat(CachingSha2Password.verifyScramble(null, seed, cached)).isFalse();
    }

    @Test
    void emptyPasswordGivesAnEmptyScramble() {
        assertThat(CachingSha2Password.scramble("", Seeds.random(20))).isEmpty();
        assertThat(CachingSha2Password.scramble(null, Seeds.random(20))).isEmpty();
    }

    @Test
    void statusBytesAreMysqls() {
        // sql/auth/sha2_password.h: fast_auth_success = 3, perform_full_authentication = 4
        assertThat(CachingSha2Password.FAST_AUTH_SUCCESS).isEqualTo(3);
        assertThat(CachingSha2Password.PERFORM_FULL_AUTHENTICATION).isEqualTo(4);
        assertThat(CachingSha2Password.PLUGIN).isEqualTo("caching_sha2_password");
    }
}
