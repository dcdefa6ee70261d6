package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.detente.stix.IpBlock;
import org.junit.jupiter.api.Test;

class FieldIndexTest {
  static final ObjectPath VALUE =
      new ObjectPath("ipv4-addr", List.of(new PathStep.Property("value")));

  static List<Integer> probe(FieldIndex f, String value) {
    List<Integer> out = new ArrayList<>();
    f.probe(value, out::add);
    out.sort(null);
    return out;
  }

  @Test
  void parseIpv4_randomTexts_agreesWithIpBlock() {
    Random r = new Random(5);
    String alphabet = "0123456789./";
    for (int c = 0; c < 200_000; c++) {
      StringBuilder b = new StringBuilder();
      if (r.nextBoolean()) {
        b.append(r.nextInt(300)).append('.').append(r.nextInt(300)).append('.');
        b.append(r.nextInt(300)).append('.').append(r.nextInt(300));
        if (r.nextInt(3) == 0) {
          b.append('/').append(r.nextInt(40));
        }
        if (r.nextInt(10) == 0) {
          b.insert(r.nextInt(b.length()), alphabet.charAt(r.nextInt(alphabet.length())));
        }
      } else {
        for (int k = r.nextInt(12); k > 0; k--) {
          b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
      }
      String s = b.toString();
      Optional<IpBlock> expected = IpBlock.parseV4(s);
      long parsed = FieldIndex.parseIpv4(s);
      assertThat(parsed != FieldIndex.NOT_PARSED).as(s).isEqualTo(expected.isPresent());
      if (expected.isPresent()) {
        assertThat((int) (parsed >>> 32) & 0xFF).as(s).isEqualTo(expected.get().prefix());
        byte[] n = expected.get().network();
        int mask = expected.get().prefix() == 0 ? 0 : -1 << (32 - expected.get().prefix());
        int addr = (n[0] & 0xFF) << 24 | (n[1] & 0xFF) << 16 | (n[2] & 0xFF) << 8 | (n[3] & 0xFF);
        assertThat((int) parsed & mask).as(s).isEqualTo(addr);
        boolean canonical = !s.contains("/") && expected.get().text().equals(s);
        assertThat((parsed >>> 40) != 0).as(s).isEqualTo(canonical);
      }
    }
  }

  @Test
  void probe_exactValues_findOnlyEqualStrings() {
    FieldIndex f = new FieldIndex(VALUE);
    f.addExact("10.0.0.1", 1);
    f.addExact("010.0.0.1", 2);
    f.addExact("example.com", 3);
    f.addExact("example.com", 4);
    f.addExact("ünïcødé", 5);
    f.addExact("日本.jp", 6);
    f.addExact("ab".repeat(32), 7);
    assertThat(probe(f, "10.0.0.1")).containsExactly(1);
    assertThat(probe(f, "010.0.0.1")).containsExactly(2);
    assertThat(probe(f, "10.0.0.01")).isEmpty();
    assertThat(probe(f, "example.com")).containsExactly(3, 4);
    assertThat(probe(f, "example.co")).isEmpty();
    assertThat(probe(f, "ünïcødé")).containsExactly(5);
    assertThat(probe(f, "日本.jp")).containsExactly(6);
    assertThat(probe(f, "ab".repeat(32))).containsExactly(7);
    assertThat(probe(f, "AB".repeat(32))).isEmpty();
  }

  @Test
  void probe_networks_findEveryContainingNetwork() {
    FieldIndex f = new FieldIndex(VALUE);
    f.addNetwork(IpBlock.parse("10.0.0.0/8").orElseThrow(), 1);
    f.addNetwork(IpBlock.parse("10.1.0.0/16").orElseThrow(), 2);
    f.addNetwork(IpBlock.parse("10.1.2.3/32").orElseThrow(), 3);
    f.addNetwork(IpBlock.parse("0.0.0.0/0").orElseThrow(), 4);
    f.addNetwork(IpBlock.parse("2001:db8::/32").orElseThrow(), 5);
    assertThat(probe(f, "10.1.2.3")).containsExactly(1, 2, 3, 4);
    assertThat(probe(f, "10.1.2.4")).containsExactly(1, 2, 4);
    assertThat(probe(f, "10.1.0.0/16")).containsExactly(1, 2, 4);
    assertThat(probe(f, "10.0.0.0/7")).containsExactly(4);
    assertThat(probe(f, "11.0.0.1")).containsExactly(4);
    assertThat(probe(f, "2001:db8::1")).containsExactly(5);
    assertThat(probe(f, "not an address")).isEmpty();
  }

  @Test
  void probe_suffixes_findLiteralEndings() {
    FieldIndex f = new FieldIndex(VALUE);
    f.addSuffix(".evil.com", 1);
    f.addSuffix("evil.com", 2);
    f.addSuffix("x".repeat(300), 3);
    assertThat(probe(f, "a.evil.com")).containsExactly(1, 2);
    assertThat(probe(f, "notevil.com")).containsExactly(2);
    assertThat(probe(f, "evil.com")).containsExactly(2);
    assertThat(probe(f, "evil.co")).isEmpty();
    assertThat(probe(f, "y" + "x".repeat(300))).containsExactly(3);
    assertThat(probe(f, "x".repeat(299))).isEmpty();
  }

  @Test
  void probe_literals_findCandidatesContainingTheLiteral() {
    FieldIndex f = new FieldIndex(VALUE);
    f.addLiteral("evil", 1);
    f.addLiteral("/x/y", 2);
    assertThat(probe(f, "very-evil.com")).containsExactly(1);
    assertThat(probe(f, "http://a/x/y/z")).containsExactly(2);
    assertThat(probe(f, "good.com")).isEmpty();
  }

  @Test
  void retain_deadTargets_areDropped() {
    FieldIndex f = new FieldIndex(VALUE);
    for (int i = 0; i < 1000; i++) {
      f.addExact("host" + i + ".example", i);
      f.addExact("10.0." + (i / 256) + "." + (i % 256), i);
      f.addSuffix(".s" + i + ".example", i);
    }
    f.retain(t -> t % 2 == 0);
    assertThat(probe(f, "host10.example")).containsExactly(10);
    assertThat(probe(f, "host11.example")).isEmpty();
    assertThat(probe(f, "10.0.0.12")).containsExactly(12);
    assertThat(probe(f, "10.0.0.13")).isEmpty();
    assertThat(probe(f, "a.s14.example")).containsExactly(14);
    assertThat(probe(f, "a.s15.example")).isEmpty();
  }
}
