package io.wsproxy.wire.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void hasTheRequestedLength() {
        assertThat(Seeds.random(20)).hasSize(20);
        assertThat(Seeds.random(0)).isEmpty();
    }

    @Test
    void bytesAreNeverNulAndStayIn1To127() {
        byte[] seed = Seeds.random(100_000);
        Set<Byte> seen = new HashSet<>();
        for (byte b : seed) {
            assertThat((int) b).isBetween(1, 127);
            seen.add(b);
        }
        assertThat(seen).as("every value of 1..127 turns up in 100,000 draws").hasSize(127);
    }

    @Test
    void successiveSeedsDiffer() {
        assertThat(Seeds.random(20)).isNotEqualTo(Seeds.random(20));
    }
}
