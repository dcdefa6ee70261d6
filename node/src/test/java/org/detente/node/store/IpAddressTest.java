package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressTest {
  private static String v6(String s) {
    return IpAddress.parseV6(s).orElseThrow().text();
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
      assertThat(IpAddress.parseV4(bad)).as(bad).isEmpty();
    }
    for (String bad :
        new String[] {
          "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":::", "g::", "1:2:3:4:5:6:7", "::/129"
        }) {
      assertThat(IpAddress.parseV6(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void block_cidr_networkAndBoundsAsHex() {
    IpAddress.Block b = IpAddress.parseV4("192.168.77.5/20").orElseThrow();
    assertThat(b.text()).isEqualTo("192.168.64.0/20");
    assertThat(b.loHex()).isEqualTo("c0a84000");
    assertThat(b.hiHex()).isEqualTo("c0a84fff");
    IpAddress.Block all = IpAddress.parseV4("0.0.0.0/0").orElseThrow();
    assertThat(all.loHex()).isEqualTo("00000000");
    assertThat(all.hiHex()).isEqualTo("ffffffff");
  }
}
