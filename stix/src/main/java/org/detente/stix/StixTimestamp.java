package org.detente.stix;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * STIX 2.1 timestamps (section 3.2): {@code YYYY-MM-DDTHH:mm:ss[.s+]Z}, always UTC with an upper
 * case {@code T} and {@code Z}, any number of fractional digits.
 *
 * <p>Choice left open by the specification: digits beyond nanoseconds are kept in the JSON text but
 * ignored when timestamps are compared ({@link #sortKey}), because Java's {@link Instant} stops at
 * nanoseconds. A leap second ({@code :60}) is rejected.
 */
public final class StixTimestamp {
  private StixTimestamp() {}

  /** A text and what {@link #parse} made of it. */
  private record Parsed(String text, Optional<Instant> result) {}

  /**
   * The last timestamp parsed, on any thread. An object's created, modified and valid_from are
   * often the same text, and each is parsed by more than one check, so a one-entry memory saves
   * most parses of an import. A plain field is enough: the record is immutable, and a thread that
   * sees a stale one only parses again.
   */
  private static Parsed last = new Parsed("", Optional.empty());

  /**
   * Parses a STIX timestamp.
   *
   * @return the instant, or empty when the text is not a valid STIX timestamp
   */
  public static Optional<Instant> parse(String s) {
    Parsed p = last;
    if (p.text().equals(s)) {
      return p.result();
    }
    Optional<Instant> result = parseText(s);
    if (s != null) {
      last = new Parsed(s, result);
    }
    return result;
  }

  private static Optional<Instant> parseText(String s) {
    if (s == null || s.length() < 20) {
      return Optional.empty();
    }
    int n = s.length();
    if (s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return Optional.empty();
    }
    if (!digits(s, 0, 4)
        || !digits(s, 5, 7)
        || !digits(s, 8, 10)
        || !digits(s, 11, 13)
        || !digits(s, 14, 16)
        || !digits(s, 17, 19)) {
      return Optional.empty();
    }
    int nanos = 0;
    if (n > 20) {
      if (s.charAt(19) != '.' || n == 21 || !digits(s, 20, n - 1)) {
        return Optional.empty();
      }
      int fracDigits = n - 1 - 20;
      String frac = s.substring(20, 20 + Math.min(9, fracDigits));
      nanos = Integer.parseInt(frac) * pow10(9 - frac.length());
    } else if (s.charAt(19) != 'Z') {
      return Optional.empty();
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(s, 0, 4, 10),
              Integer.parseInt(s, 5, 7, 10),
              Integer.parseInt(s, 8, 10, 10));
      LocalTime time =
          LocalTime.of(
              Integer.parseInt(s, 11, 13, 10),
              Integer.parseInt(s, 14, 16, 10),
              Integer.parseInt(s, 17, 19, 10),
              nanos);
      return Optional.of(date.atTime(time).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** True when {@code s} is a valid STIX timestamp. */
  public static boolean isValid(String s) {
    return parse(s).isPresent();
  }

  /**
   * A fixed-width text form that sorts like the instant: {@code YYYY-MM-DDTHH:mm:ss.nnnnnnnnnZ}.
   *
   * @throws IllegalArgumentException when {@code s} is not a valid STIX timestamp
   */
  public static String sortKey(String s) {
    Instant i =
        parse(s).orElseThrow(() -> new IllegalArgumentException("not a STIX timestamp: " + s));
    return sortKey(i);
  }

  /** The fixed-width sortable text form of an instant. */
  public static String sortKey(Instant i) {
    return format(i, 9);
  }

  /** Formats an instant as a STIX timestamp with exactly millisecond precision. */
  public static String formatMillis(Instant i) {
    return format(i, 3);
  }

  /** Formats an instant as a STIX timestamp with exactly microsecond precision. */
  public static String formatMicros(Instant i) {
    return format(i, 6);
  }

  /**
   * {@code YYYY-MM-DDTHH:mm:ss.} then the first {@code fractionDigits} digits of the nanoseconds,
   * then {@code Z}, in UTC. Written by hand: this runs for every stored object.
   */
  private static String format(Instant i, int fractionDigits) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year " + year + " of " + i + " has not four digits");
    }
    byte[] b = new byte[21 + fractionDigits];
    putDigits(b, 0, year, 4);
    b[4] = '-';
    putDigits(b, 5, t.getMonthValue(), 2);
    b[7] = '-';
    putDigits(b, 8, t.getDayOfMonth(), 2);
    b[10] = 'T';
    putDigits(b, 11, t.getHour(), 2);
    b[13] = ':';
    putDigits(b, 14, t.getMinute(), 2);
    b[16] = ':';
    putDigits(b, 17, t.getSecond(), 2);
    b[19] = '.';
    int fraction = i.getNano();
    for (int d = fractionDigits; d < 9; d++) {
      fraction /= 10;
    }
    putDigits(b, 20, fraction, fractionDigits);
    b[20 + fractionDigits] = 'Z';
    return new String(b, StandardCharsets.US_ASCII);
  }

  private static void putDigits(byte[] b, int at, int value, int width) {
    for (int k = at + width - 1; k >= at; k--) {
      b[k] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int pow10(int e) {
    int r = 1;
    for (int i = 0; i < e; i++) {
      r *= 10;
    }
    return r;
  }
}
