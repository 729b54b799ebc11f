package io.wsproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(List.of("https://app.example.com", "HTTP://Other.test/"),
            "http", Set.of("localhost", "127.0.0.1", "[::1]", "db-host"));

    @Test
    void aClientWithoutOriginIsNotABrowserAndPasses() {
        assertThat(policy.allows(null, 8080)).isTrue();
    }

    @Test
    void theProxysOwnOriginsPassOnItsSchemeAndPort() {
        assertThat(policy.allows("http://127.0.0.1:8080", 8080)).isTrue();
        assertThat(policy.allows("http://localhost:8080", 8080)).isTrue();
        assertThat(policy.allows("http://[::1]:8080", 8080)).isTrue();
        assertThat(policy.allows("http://DB-HOST:8080", 8080)).isTrue();
        assertThat(policy.allows("http://localhost", 80)).as("default port left out").isTrue();
    }

    @Test
    void theSameHostOnAnotherSchemeOrPortIsForeign() {
        assertThat(policy.allows("https://127.0.0.1:8080", 8080)).isFalse();
        assertThat(policy.allows("http://127.0.0.1:9090", 8080)).isFalse();
        assertThat(policy.allows("http://localhost", 8080)).isFalse();
    }

    @Test
    void aDnsReboundNameIsForeignEvenWhenItIsWhereTheRequestWent() {
        assertThat(policy.allows("http://evil.example:8080", 8080)).isFalse();
    }

    @Test
    void listedOriginsPassWhateverTheirCaseOrTrailingSlash() {
        assertThat(policy.allows("https://APP.example.com/", 8080)).isTrue();
        assertThat(policy.allows("http://other.test", 8080)).isTrue();
    }

    @Test
    void anyOtherOriginIsRefused() {
        assertThat(policy.allows("https://evil.example.com", 8080)).isFalse();
        assertThat(policy.allows("null", 8080)).isFalse();
        assertThat(policy.allows("https://app.example.com.evil.test", 8080)).isFalse();
        assertThat(policy.allows("http://127.0.0.1.evil.test:8080", 8080)).isFalse();
    }

    @Test
    void theMachinesNamesIncludeLoopbackAndTheBindAddress() {
        assertThat(OriginPolicy.machineHosts("10.1.2.3")).contains("localhost", "127.0.0.1", "[::1]", "10.1.2.3");
        assertThat(OriginPolicy.machineHosts("0.0.0.0")).contains("127.0.0.1");
    }

    @Test
    void theOriginListIsParsedFromItsCommaForm() {
        assertThat(ProxyConfig.parseOrigins(" https://a.test, ,http://b.test ")).containsExactly("https://a.test",
                "http://b.test");
        assertThat(ProxyConfig.parseOrigins("")).isEmpty();
    }
}
