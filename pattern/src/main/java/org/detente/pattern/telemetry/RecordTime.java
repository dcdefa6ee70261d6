package org.detente.pattern.telemetry;

import java.time.Instant;

/**
 * Timestamps of telemetry records, parsed without allocation beyond the result.
 *
 * <p>Accepted forms: epoch seconds with an optional fraction, as Zeek writes {@code ts} by default
 * ({@code 1591367999.305988}), also in exponent notation ({@code 1.591367999305988E9}); ISO 8601
 * date-times with a {@code T}, an optional fraction of up to nine digits and an offset {@code Z},
 * {@code +HH:MM} or {@code +HHMM}, as Zeek writes with {@code JSON::TS_ISO8601} and Suricata writes
 * {@code timestamp} ({@code 2024-01-15T10:12:13.123456+0000}). Years are limited to 1970-9999 so
 * that every instant can be written as a STIX timestamp.
 */
final class RecordTime {
  private static final long MAX_EPOCH_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private RecordTime() {}

  /**
   * Parses epoch seconds written as a JSON number's text.
   *
   * @throws MalformedRecordException when the text is not a non-negative decimal number in range
   */
  static Instant epoch(String text, String field) throws MalformedRecordException {
    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      return scientific(text, field);
    }
    int n = text.length();
    int i = 0;
    long seconds = 0;
    while (i < n && isDigit(text.charAt(i))) {
      seconds = seconds * 10 + (text.charAt(i) - '0');
      if (seconds > MAX_EPOCH_SECONDS) {
        throw new MalformedRecordException(field + " is out of range: " + text);
      }
      i++;
    }
    if (i == 0) {
      throw new MalformedRecordException(field + " is not epoch seconds: " + text);
    }
    long nanos = 0;
    if (i < n && text.charAt(i) == '.') {
      i++;
      int digits = 0;
      while (i < n && isDigit(text.charAt(i))) {
        if (digits < 9) {
          nanos = nanos * 10 + (text.charAt(i) - '0');
          digits++;
        }
        i++;
      }
      for (; digits < 9; digits++) {
        nanos *= 10;
      }
    }
    if (i != n) {
      throw new MalformedRecordException(field + " is not epoch seconds: " + text);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Epoch seconds in exponent notation ({@code 1.78E9}), as some JSON writers put them. */
  private static Instant scientific(String text, String field) throws MalformedRecordException {
    java.math.BigDecimal d;
    try {
      d = new java.math.BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new MalformedRecordException(field + " is not epoch seconds: " + text);
    }
    if (d.signum() < 0 || d.compareTo(java.math.BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
      throw new MalformedRecordException(field + " is out of range: " + text);
    }
    long seconds = d.longValue();
    long nanos =
        d.subtract(java.math.BigDecimal.valueOf(seconds))
            .movePointRight(9)
            .setScale(0, java.math.RoundingMode.DOWN)
            .longValueExact();
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /**
   * Parses an ISO 8601 date-time with an offset.
   *
   * @throws MalformedRecordException when the text is not one
   */
  static Instant iso(String s, String field) throws MalformedRecordException {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      throw new MalformedRecordException(field + " is not an ISO 8601 date-time: " + s);
    }
    int year = digits(s, 0, 4, field);
    int month = digits(s, 5, 7, field);
    int day = digits(s, 8, 10, field);
    int hour = digits(s, 11, 13, field);
    int minute = digits(s, 14, 16, field);
    int second = digits(s, 17, 19, field);
    int i = 19;
    long nanos = 0;
    if (s.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        if (i - start < 9) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      if (i == start) {
        throw new MalformedRecordException(field + " has an empty fraction: " + s);
      }
      for (int d = Math.min(i - start, 9); d < 9; d++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i < n && (s.charAt(i) == 'Z' || s.charAt(i) == 'z') && i == n - 1) {
      offsetSeconds = 0;
    } else if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      int sign = s.charAt(i) == '-' ? -1 : 1;
      int rest = n - i - 1;
      int oh;
      int om;
      if (rest == 4) {
        oh = digits(s, i + 1, i + 3, field);
        om = digits(s, i + 3, i + 5, field);
      } else if (rest == 5 && s.charAt(i + 3) == ':') {
        oh = digits(s, i + 1, i + 3, field);
        om = digits(s, i + 4, i + 6, field);
      } else {
        throw new MalformedRecordException(field + " has a malformed offset: " + s);
      }
      if (oh > 18 || om > 59) {
        throw new MalformedRecordException(field + " has an offset out of range: " + s);
      }
      offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
      throw new MalformedRecordException(field + " lacks an offset (Z or +HH:MM): " + s);
    }
    if (year < 1970
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      throw new MalformedRecordException(field + " is out of range: " + s);
    }
    long epoch =
        daysFromCivil(year, month, day) * 86_400L
            + hour * 3600L
            + minute * 60L
            + second
            - offsetSeconds;
    if (epoch < 0 || epoch > MAX_EPOCH_SECONDS) {
      throw new MalformedRecordException(field + " is out of range: " + s);
    }
    return Instant.ofEpochSecond(epoch, nanos);
  }

  /**
   * A STIX timestamp (section 3.2): UTC, {@code Z}, and the fraction with as many digits as needed
   * in groups of three (milliseconds, microseconds or nanoseconds), none when it is zero.
   */
  static String format(Instant t) {
    long epoch = t.getEpochSecond();
    int nanos = t.getNano();
    Cached c = LAST.get();
    if (c.epoch == epoch) {
      return nanos == 0 ? c.prefix + "Z" : c.prefix + fraction(nanos);
    }
    String s = formatUncached(epoch, nanos);
    c.epoch = epoch;
    c.prefix = s.substring(0, 19);
    return s;
  }

  /** The last second formatted on this thread: records come in time order, many per second. */
  private static final class Cached {
    long epoch = Long.MIN_VALUE;
    String prefix;
  }

  private static final ThreadLocal<Cached> LAST = ThreadLocal.withInitial(Cached::new);

  private static String fraction(int nanos) {
    int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
    int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1000 : nanos;
    char[] c = new char[digits + 2];
    c[0] = '.';
    for (int k = digits; k >= 1; k--) {
      c[k] = (char) ('0' + value % 10);
      value /= 10;
    }
    c[digits + 1] = 'Z';
    return new String(c);
  }

  private static String formatUncached(long epoch, int nanos) {
    long days = Math.floorDiv(epoch, 86_400L);
    int secs = (int) Math.floorMod(epoch, 86_400L);
    // civil from days (H. Hinnant's algorithm)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    if (m <= 2) {
      y++;
    }
    char[] c = new char[30];
    int p = 0;
    p = two(c, p, (int) (y / 100));
    p = two(c, p, (int) (y % 100));
    c[p++] = '-';
    p = two(c, p, m);
    c[p++] = '-';
    p = two(c, p, d);
    c[p++] = 'T';
    p = two(c, p, secs / 3600);
    c[p++] = ':';
    p = two(c, p, secs / 60 % 60);
    c[p++] = ':';
    p = two(c, p, secs % 60);
    if (nanos != 0) {
      c[p++] = '.';
      int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
      int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1000 : nanos;
      for (int k = digits - 1; k >= 0; k--) {
        c[p + k] = (char) ('0' + value % 10);
        value /= 10;
      }
      p += digits;
    }
    c[p++] = 'Z';
    return new String(c, 0, p);
  }

  private static int two(char[] c, int p, int v) {
    c[p] = (char) ('0' + v / 10);
    c[p + 1] = (char) ('0' + v % 10);
    return p + 2;
  }

  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static int digits(String s, int from, int to, String field)
      throws MalformedRecordException {
    int v = 0;
    for (int i = from; i < to; i++) {
      char ch = i < s.length() ? s.charAt(i) : 'x';
      if (!isDigit(ch)) {
        throw new MalformedRecordException(field + " is not a date-time: " + s);
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
