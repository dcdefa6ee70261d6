package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashTest {
  /** The hash is stored in databases: these values must never change. */
  @Test
  void of_knownValues_neverChange() {
    assertThat(KeyHash.of("")).isEqualTo(-780787492076525413L);
    assertThat(KeyHash.of("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"))
        .isEqualTo(-4373772584660490554L);
    assertThat(KeyHash.of("198.51.100.1")).isEqualTo(-6219586998037172516L);
    assertThat(KeyHash.of("é")).isEqualTo(2536656207217688990L);
  }

  @Test
  void of_similarTexts_spreadWithoutCollisions() {
    Set<Long> seen = new HashSet<>();
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        seen.add(KeyHash.of("10.0." + a + "." + b));
      }
    }
    assertThat(seen).hasSize(65_536);
  }
}
