package io.wsproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com", "HTTP://Other.test/"));

    @Test
    void aClientWithoutOriginIsNotABrowserAndPasses() {
        assertThat(policy.allows(null, "http", "127.0.0.1:8080")).isTrue();
    }

    @Test
    void theProxysOwnOriginPasses() {
        assertThat(policy.allows("http://127.0.0.1:8080", "http", "127.0.0.1:8080")).isTrue();
        assertThat(policy.allows("https://proxy.example.com", "https", "proxy.example.com")).isTrue();
    }

    @Test
    void theSameHostOnAnotherSchemeOrPortIsForeign() {
        assertThat(policy.allows("https://127.0.0.1:8080", "http", "127.0.0.1:8080")).isFalse();
        assertThat(policy.allows("http://127.0.0.1:9090", "http", "127.0.0.1:8080")).isFalse();
    }

    @Test
    void listedOriginsPassWhateverTheirCaseOrTrailingSlash() {
        assertThat(policy.allows("https://APP.example.com/", "http", "127.0.0.1:8080")).isTrue();
        assertThat(policy.allows("http://other.test", "http", "127.0.0.1:8080")).isTrue();
    }

    @Test
    void anyOtherOriginIsRefused() {
        assertThat(policy.allows("https://evil.example.com", "http", "127.0.0.1:8080")).isFalse();
        assertThat(policy.allows("null", "http", "127.0.0.1:8080")).isFalse();
        assertThat(policy.allows("https://app.example.com.evil.test", "http", "127.0.0.1:8080")).isFalse();
    }

    @Test
    void theOriginListIsParsedFromItsCommaForm() {
        assertThat(ProxyConfig.parseOrigins(" https://a.test, ,http://b.test ")).containsExactly("https://a.test",
                "http://b.test");
        assertThat(ProxyConfig.parseOrigins("")).isEmpty();
    }
}
