package org.detente.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/** A qualifier after an observation expression (STIX 2.1 section 9.7). */
public sealed interface Qualifier {

  /**
   * {@code WITHIN n SECONDS}. The 2.1 grammar takes a positive integer or a positive decimal
   * ({@code WITHIN 0.5 SECONDS}); the value is kept as written.
   */
  record Within(BigDecimal seconds) implements Qualifier {
    public Within {
      Objects.requireNonNull(seconds, "seconds");
      if (seconds.signum() <= 0) {
        throw new IllegalArgumentException("WITHIN needs a positive number of seconds: " + seconds);
      }
    }

    @Override
    public String toString() {
      return "WITHIN " + seconds.toPlainString() + " SECONDS";
    }
  }

  /** {@code REPEATS n TIMES}, n a positive integer. */
  record Repeats(int times) implements Qualifier {
    public Repeats {
      if (times <= 0) {
        throw new IllegalArgumentException("REPEATS needs a positive integer: " + times);
      }
    }

    @Override
    public String toString() {
      return "REPEATS " + times + " TIMES";
    }
  }

  /**
   * {@code START t'...' STOP t'...'}: the observations fall between start (inclusive) and stop
   * (exclusive); start is before stop.
   */
  record StartStop(Instant start, Instant stop) implements Qualifier {
    static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public StartStop {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(stop, "stop");
      if (!start.isBefore(stop)) {
        throw new IllegalArgumentException("START " + start + " is not before STOP " + stop);
      }
      if (start.isBefore(MIN) || stop.isAfter(MAX)) {
        throw new IllegalArgumentException("timestamps must lie in years 0000 to 9999");
      }
    }

    @Override
    public String toString() {
      return "START t'" + format(start) + "' STOP t'" + format(stop) + "'";
    }

    /** STIX timestamp text with as many fraction digits as the instant needs (none for whole). */
    static String format(Instant i) {
      LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
      String base =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d",
              t.getYear(),
              t.getMonthValue(),
              t.getDayOfMonth(),
              t.getHour(),
              t.getMinute(),
              t.getSecond());
      if (t.getNano() == 0) {
        return base + "Z";
      }
      String frac = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
      return base + "." + frac + "Z";
    }
  }
}
