package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StixTimestampTest {
  @Test
  void parse_givesTheSameAnswerWhenATextComesAgainOrAfterAnother() {
    String valid = "2016-05-12T08:17:27.5Z";
    String invalid = "2016-05-12T08:17:27.5z";
    Instant expected = Instant.parse("2016-05-12T08:17:27.500Z");
    for (int round = 0; round < 3; round++) {
      assertThat(StixTimestamp.parse(valid)).contains(expected);
      assertThat(StixTimestamp.parse(new String(valid.toCharArray()))).contains(expected);
      assertThat(StixTimestamp.parse(invalid)).isEmpty();
      assertThat(StixTimestamp.parse(invalid)).isEmpty();
      assertThat(StixTimestamp.parse(null)).isEmpty();
      assertThat(StixTimestamp.parse("")).isEmpty();
    }
  }

  @Test
  void sortKey_padsEveryFieldToFixedWidth() {
    assertThat(StixTimestamp.sortKey("2016-05-12T08:17:27Z"))
        .isEqualTo("2016-05-12T08:17:27.000000000Z");
    assertThat(StixTimestamp.sortKey("0001-01-02T03:04:05.6Z"))
        .isEqualTo("0001-01-02T03:04:05.600000000Z");
    assertThat(StixTimestamp.sortKey("9999-12-31T23:59:59.123456789Z"))
        .isEqualTo("9999-12-31T23:59:59.123456789Z");
  }

  @Test
  void sortKey_ordersLikeTheInstants() {
    SplittableRandom random = new SplittableRandom(7);
    List<Instant> instants = new ArrayList<>();
    for (int n = 0; n < 2_000; n++) {
      instants.add(
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000)));
    }
    List<Instant> byKey = new ArrayList<>(instants);
    byKey.sort((a, b) -> StixTimestamp.sortKey(a).compareTo(StixTimestamp.sortKey(b)));
    List<Instant> byTime = new ArrayList<>(instants);
    byTime.sort(null);
    assertThat(byKey).isEqualTo(byTime);
    for (Instant i : instants) {
      assertThat(StixTimestamp.parse(StixTimestamp.sortKey(i))).contains(i);
    }
  }

  @Test
  void formatMillis_truncatesToMilliseconds() {
    assertThat(StixTimestamp.formatMillis(Instant.parse("2026-11-23T22:05:09.987654321Z")))
        .isEqualTo("2026-11-23T22:05:09.987Z");
    assertThat(StixTimestamp.formatMillis(Instant.parse("1970-01-01T00:00:00Z")))
        .isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(StixTimestamp.formatMicros(Instant.parse("2026-11-23T22:05:09.987654321Z")))
        .isEqualTo("2026-11-23T22:05:09.987654Z");
  }

  @Test
  void sortKey_yearOutsideFourDigits_isRejected() {
    assertThatThrownBy(() -> StixTimestamp.sortKey(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000");
  }
}
