package org.detente.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdTableTest {
  @Test
  void putFindRemove_randomOperations_agreeWithAHashMap() {
    Random r = new Random(3);
    int n = 50_000;
    long[] hi = new long[n];
    long[] lo = new long[n];
    IdTable t =
        new IdTable(
            new IdTable.Uuids() {
              @Override
              public long hi(int slot) {
                return hi[slot];
              }

              @Override
              public long lo(int slot) {
                return lo[slot];
              }
            });
    Map<Long, Integer> expected = new HashMap<>();
    int slots = 0;
    for (int op = 0; op < 200_000; op++) {
      long key = r.nextInt(20_000);
      long khi = key * 0x9E3779B97F4A7C15L;
      long klo = key;
      Integer slot = expected.get(key);
      assertThat(t.find(khi, klo)).isEqualTo(slot == null ? -1 : slot);
      if (slot == null && slots < n && r.nextBoolean()) {
        hi[slots] = khi;
        lo[slots] = klo;
        t.put(khi, klo, slots);
        expected.put(key, slots++);
      } else if (slot != null && r.nextInt(3) == 0) {
        t.remove(khi, klo);
        expected.remove(key);
      }
    }
    for (Map.Entry<Long, Integer> e : expected.entrySet()) {
      assertThat(t.find(e.getKey() * 0x9E3779B97F4A7C15L, e.getKey())).isEqualTo(e.getValue());
    }
  }
}
