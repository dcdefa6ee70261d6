package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordTimeTest {
  @ParameterizedTest
  @CsvSource({
    "1700000000.123456, 2023-11-14T22:13:20.123456Z",
    "1700000000, 2023-11-14T22:13:20Z",
    "0.5, 1970-01-01T00:00:00.500Z",
    "1700000000.1234567891, 2023-11-14T22:13:20.123456789Z",
    "1.7000000001E9, 2023-11-14T22:13:20.1Z",
    "2024-01-15T10:12:13.123456+0100, 2024-01-15T09:12:13.123456Z",
    "2024-01-15T10:12:13-05:30, 2024-01-15T15:42:13Z",
    "2024-02-29T23:59:59.999999999Z, 2024-02-29T23:59:59.999999999Z",
    "2023-11-14t22:13:20z, 2023-11-14T22:13:20Z"
  })
  void parse_readsEpochSecondsAndIsoWithOffsets(String text, String expected) throws Exception {
    Instant t =
        text.indexOf('-', 1) < 0 ? RecordTime.epoch(text, "ts") : RecordTime.iso(text, "ts");
    assertThat(t).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T00:00:00Z",
        "2024-01-15 10:12:13Z",
        "2024-01-15T10:12:13",
        "2024-01-15T24:00:00Z",
        "2024-01-15T10:12:13.Z",
        "2024-01-15T10:12:13+1900",
        "1969-12-31T23:59:59Z",
        "2024-1-15T10:12:13Z"
      })
  void iso_rejectsMalformedAndOutOfRange(String text) {
    assertThatThrownBy(() -> RecordTime.iso(text, "timestamp"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "-1e9", "1e300", "1e", "12.3.4", "99999999999999999999", ".5"})
  void epoch_rejectsWhatIsNotEpochSeconds(String text) {
    assertThatThrownBy(() -> RecordTime.epoch(text, "ts"))
        .isInstanceOf(MalformedRecordException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-11-14T22:13:20Z",
        "2023-11-14T22:13:20.100Z",
        "2023-11-14T22:13:20.123456Z",
        "2023-11-14T22:13:20.123456789Z",
        "1970-01-01T00:00:00Z",
        "2000-02-29T12:00:00.5Z",
        "9999-12-31T23:59:59.999Z"
      })
  void format_writesStixTimestamps(String text) {
    Instant t = Instant.parse(text);
    String first = RecordTime.format(t);
    assertThat(Instant.parse(first)).isEqualTo(t);
    assertThat(first).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.(\\d{3}){1,3})?Z");
    assertThat(RecordTime.format(t)).isEqualTo(first); // second call from the per-second cache
    assertThat(RecordTime.format(t.plusNanos(1000))).isEqualTo(t.plusNanos(1000).toString());
  }

  @Test
  void format_sameSecondDifferentFractions() {
    Instant t = Instant.parse("2026-06-01T00:00:00Z");
    assertThat(RecordTime.format(t)).isEqualTo("2026-06-01T00:00:00Z");
    assertThat(RecordTime.format(t.plusMillis(7))).isEqualTo("2026-06-01T00:00:00.007Z");
    assertThat(RecordTime.format(t)).isEqualTo("2026-06-01T00:00:00Z");
  }
}
