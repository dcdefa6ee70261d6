package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KnownIdsTest {
  @Test
  void mightContain_everyAddedHash_andFewOthers() {
    KnownIds k = new KnownIds(200_000, 42);
    SplittableRandom r = new SplittableRandom(7);
    long[] added = new long[200_000];
    for (int i = 0; i < added.length; i++) {
      added[i] = KeyHash.of("indicator--" + r.nextLong());
      k.add(added[i]);
    }
    for (long h : added) {
      assertThat(k.mightContain(h)).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      if (k.mightContain(KeyHash.of("other--" + r.nextLong()))) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isLessThan(2_000);
    assertThat(k.full()).isFalse();
  }

  @Test
  void validFor_onlyTheLastAddedItWrote() {
    KnownIds k = new KnownIds(10, 5);
    assertThat(k.validFor(5)).isTrue();
    assertThat(k.validFor(6)).isFalse();
    k.wrote(9);
    assertThat(k.validFor(9)).isTrue();
  }

  @Test
  void full_afterMoreIdsThanItWasSizedFor() {
    KnownIds k = new KnownIds(1, 0);
    for (long i = 0; i < 2_000_000; i++) {
      k.add(KeyHash.of(Long.toString(i)));
    }
    assertThat(k.full()).isTrue();
  }
}
