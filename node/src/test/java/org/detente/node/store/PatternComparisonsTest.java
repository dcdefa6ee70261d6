package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternComparisonsTest {
  private final PatternComparisons lexer = new PatternComparisons();

  private List<Observable> of(String pattern) {
    return lexer.observables(pattern);
  }

  @Test
  void observables_equalityOnEachSupportedPath_normalised() {
    assertThat(of("[ipv4-addr:value = '1.2.3.4']"))
        .containsExactly(Observable.exact("ipv4", "1.2.3.4"));
    assertThat(of("[ipv6-addr:value = '2001:0DB8::0001']"))
        .containsExactly(Observable.exact("ipv6", "2001:db8::1"));
    assertThat(of("[domain-name:value = 'WWW.Example.COM.']"))
        .containsExactly(Observable.exact("domain", "www.example.com"));
    assertThat(of("[url:value = 'http://a.example/p?q=1']"))
        .containsExactly(Observable.exact("url", "http://a.example/p?q=1"));
    assertThat(of("[email-addr:value = 'Alice@EXAMPLE.org']"))
        .containsExactly(Observable.exact("email", "Alice@example.org"));
    assertThat(of("[file:hashes.'SHA-256' = 'ABCDEF0123']"))
        .containsExactly(Observable.exact("hash:SHA-256", "abcdef0123"));
    assertThat(of("[file:hashes.MD5 = 'D41D8CD98F00B204E9800998ECF8427E']"))
        .containsExactly(Observable.exact("hash:MD5", "d41d8cd98f00b204e9800998ecf8427e"));
  }

  @Test
  void observables_inListAndCidrs_eachValue() {
    assertThat(of("[domain-name:value IN ('a.example', 'B.example', 'a.example.')]"))
        .containsExactly(
            Observable.exact("domain", "a.example"), Observable.exact("domain", "b.example"));
    assertThat(of("[ipv4-addr:value ISSUBSET '10.20.30.40/8']"))
        .containsExactly(new Observable("ipv4-cidr", "10.0.0.0/8", "0a000000", "0affffff"));
    assertThat(of("[ipv6-addr:value ISSUBSET '2001:db8::/32']"))
        .containsExactly(
            new Observable(
                "ipv6-cidr",
                "2001:db8::/32",
                "20010db8000000000000000000000000",
                "20010db8ffffffffffffffffffffffff"));
  }

  @Test
  void observables_compoundPatternWithQualifiers_allComparisons() {
    String p =
        "([ipv4-addr:value = '198.51.100.1' AND network-traffic:dst_port = 443]"
            + " FOLLOWEDBY [url:value = 'http://x.example/']) WITHIN 600 SECONDS"
            + " OR [file:hashes.'SHA-1' = 'aa' OR file:name = 'x.exe']"
            + " START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'";
    assertThat(of(p)).extracting(Observable::kind).containsExactly("ipv4", "url", "hash:SHA-1");
  }

  @Test
  void observables_negatedOrOtherComparisons_nothing() {
    assertThat(of("[ipv4-addr:value != '1.2.3.4']")).isEmpty();
    assertThat(of("[ipv4-addr:value NOT = '1.2.3.4']")).isEmpty();
    assertThat(of("[domain-name:value NOT IN ('a.example')]")).isEmpty();
    assertThat(of("[domain-name:value LIKE '%.example']")).isEmpty();
    assertThat(of("[domain-name:value MATCHES '^a']")).isEmpty();
    assertThat(of("[process:name = 'evil.exe']")).isEmpty();
    assertThat(of("[ipv4-addr:value = '999.1.1.1']")).isEmpty();
  }

  @Test
  void observables_escapedQuotesAndBrokenInput_neverThrows() {
    assertThat(of("[url:value = 'http://a/\\'b\\\\c']"))
        .containsExactly(Observable.exact("url", "http://a/'b\\c"));
    for (String junk :
        List.of(
            "", "[", "'", "[ipv4-addr:value =", "[ipv4-addr:value IN (", "[[[[]]]]", "t'", ":")) {
      assertThat(of(junk)).isEmpty();
    }
  }
}
