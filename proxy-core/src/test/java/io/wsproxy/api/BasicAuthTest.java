package io.wsproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsproxy.backend.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void userAndPasswordSplitAtTheFirstColonInUtf8() {
        Credentials c = BasicAuth.parse(basic("jürgen:pa:ss wörd"));

        assertThat(c.user()).isEqualTo("jürgen");
        assertThat(c.password()).isEqualTo("pa:ss wörd");
        assertThat(c.database()).isNull();
    }

    @Test
    void theSchemeIsCaseInsensitiveAndAnEmptyPasswordIsAPassword() {
        assertThat(BasicAuth.parse("bAsIc " + basic("root:").substring(6)).password()).isEmpty();
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertThat(BasicAuth.parse(null)).isNull();
        assertThat(BasicAuth.parse("Bearer abc")).isNull();
        assertThat(BasicAuth.parse("Basic")).isNull();
        assertThat(BasicAuth.parse("Basic not*base64")).isNull();
        assertThat(BasicAuth.parse(basic("no-colon"))).isNull();
        assertThat(BasicAuth.parse(basic(":no-user"))).isNull();
    }

    @Test
    void aPoolKeyNeverShowsThePassword() {
        PoolKey key = PoolKey.of("root", "s3cret", "127.0.0.1");

        assertThat(key.toString()).doesNotContain("s3cret").doesNotContain(key.passwordDigest());
        assertThat(key).isEqualTo(PoolKey.of("root", "s3cret", "127.0.0.1"));
        assertThat(key).isNotEqualTo(PoolKey.of("root", "other", "127.0.0.1"));
        assertThat(key).isNotEqualTo(PoolKey.of("root", "s3cret", "10.0.0.1"));
    }
}
