package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  /** Counts to {@code n}, failing instead of producing {@code failAt} when it is positive. */
  private static Iterator<Integer> counting(int n, int failAt, AtomicInteger fetched) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Integer next() {
        i++;
        fetched.incrementAndGet();
        if (i == failAt) {
          throw new IllegalStateException("fetch " + i + " failed");
        }
        return i;
      }
    };
  }

  @Test
  void elements_arriveInOrder_thenTheEnd() {
    AtomicInteger fetched = new AtomicInteger();
    List<Integer> got = new ArrayList<>();
    try (ReadAhead<Integer> r = new ReadAhead<>(counting(1000, 0, fetched), "t")) {
      r.forEachRemaining(got::add);
      assertThat(r.hasNext()).isFalse();
      assertThatThrownBy(r::next).isInstanceOf(NoSuchElementException.class);
    }
    assertThat(got).hasSize(1000).isSorted().startsWith(1).endsWith(1000);
  }

  @Test
  void failure_isThrownInItsPlace_afterTheElementsBeforeIt_andNothingAfterIsFetched()
      throws Exception {
    AtomicInteger fetched = new AtomicInteger();
    try (ReadAhead<Integer> r = new ReadAhead<>(counting(100, 4, fetched), "t")) {
      assertThat(r.next()).isEqualTo(1);
      assertThat(r.next()).isEqualTo(2);
      assertThat(r.next()).isEqualTo(3);
      assertThatThrownBy(r::hasNext).hasMessage("fetch 4 failed");
      assertThatThrownBy(r::next).hasMessage("fetch 4 failed");
      Thread.sleep(200);
      assertThat(fetched.get()).isEqualTo(4);
    }
  }

  @Test
  void holdsAtMostTwoAhead_andCloseStopsTheWalk() throws Exception {
    AtomicInteger fetched = new AtomicInteger();
    ReadAhead<Integer> r = new ReadAhead<>(counting(1_000_000, 0, fetched), "t");
    assertThat(r.next()).isEqualTo(1);
    Thread.sleep(300);
    // one consumed, one waiting in the queue, one fetched and waiting for room
    assertThat(fetched.get()).isEqualTo(3);
    r.close();
    Thread.sleep(300);
    assertThat(fetched.get()).isEqualTo(3);
    assertThatThrownBy(r::hasNext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
