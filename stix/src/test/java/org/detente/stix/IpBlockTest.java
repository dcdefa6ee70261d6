package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpBlockTest {
  private static String v6(String s) {
    return IpBlock.parseV6(s).orElseThrow().text();
  }

  @Test
  void parseV6_variousForms_rfc5952Text() {
    assertThat(v6("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
    assertThat(v6("::")).isEqualTo("::");
    assertThat(v6("::1")).isEqualTo("::1");
    assertThat(v6("1::")).isEqualTo("1::");
    assertThat(v6("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(v6("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(v6("::ffff:192.0.2.1")).isEqualTo("::ffff:c000:201");
    assertThat(v6("2001:db8::1/64")).isEqualTo("2001:db8::/64");
    assertThat(v6("2001:db8::1/128")).isEqualTo("2001:db8::1");
  }

  @Test
  void parse_invalid_empty() {
    for (String bad :
        new String[] {
          "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "a.b.c.d", "1.2.3.4/", "-1.2.3.4"
        }) {
      assertThat(IpBlock.parseV4(bad)).as(bad).isEmpty();
    }
    for (String bad :
        new String[] {
          "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":::", "g::", "1:2:3:4:5:6:7", "::/129"
        }) {
      assertThat(IpBlock.parseV6(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void contains_subsetsAcrossPrefixesAndFamilies() {
    IpBlock net = IpBlock.parse("198.51.100.0/24").orElseThrow();
    assertThat(net.contains(IpBlock.parse("198.51.100.77").orElseThrow())).isTrue();
    assertThat(net.contains(IpBlock.parse("198.51.100.128/25").orElseThrow())).isTrue();
    assertThat(net.contains(IpBlock.parse("198.51.0.0/16").orElseThrow())).isFalse();
    assertThat(net.contains(IpBlock.parse("198.51.101.1").orElseThrow())).isFalse();
    assertThat(net.contains(IpBlock.parse("::ffff:198.51.100.1").orElseThrow())).isFalse();
    assertThat(
            IpBlock.parse("2001:db8::/32")
                .orElseThrow()
                .contains(IpBlock.parse("2001:db8:1::1").orElseThrow()))
        .isTrue();
    assertThat(IpBlock.parse(" 1.2.3.4")).isEmpty();
  }

  @Test
  void block_cidr_networkAndBoundsAsHex() {
    IpBlock b = IpBlock.parseV4("192.168.77.5/20").orElseThrow();
    assertThat(b.text()).isEqualTo("192.168.64.0/20");
    assertThat(b.loHex()).isEqualTo("c0a84000");
    assertThat(b.hiHex()).isEqualTo("c0a84fff");
    IpBlock all = IpBlock.parseV4("0.0.0.0/0").orElseThrow();
    assertThat(all.loHex()).isEqualTo("00000000");
    assertThat(all.hiHex()).isEqualTo("ffffffff");
  }
}
