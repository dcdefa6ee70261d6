package org.detente.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.detente.stix.StixTimestamp;

/**
 * A constant on the right side of a comparison (STIX 2.1 section 9.2). {@link #toString()} gives
 * the canonical pattern text of the constant.
 */
public sealed interface Constant {

  /** A string constant; in pattern text only {@code \'} and {@code \\} are escapes. */
  record StringConstant(String value) implements Constant {
    public StringConstant {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return quote(value);
    }

    static String quote(String value) {
      StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\'' || c == '\\') {
          b.append('\\');
        }
        b.append(c);
      }
      return b.append('\'').toString();
    }
  }

  /** A signed integer constant, within the 64-bit range. */
  record IntConstant(long value) implements Constant {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /**
   * A floating point constant. The pattern grammar has no exponent form, so the value is kept as
   * written, in decimal ({@code 7.0} and {@code 7.00} are different constants of equal value).
   */
  record FloatConstant(BigDecimal value) implements Constant {
    public FloatConstant {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      String plain = value.toPlainString();
      return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }
  }

  /** {@code true} or {@code false}. */
  record BoolConstant(boolean value) implements Constant {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * A timestamp constant {@code t'...'}; {@code text} is the STIX timestamp as written and {@code
   * instant} its value.
   */
  record TimestampConstant(Instant instant, String text) implements Constant {
    public TimestampConstant {
      Objects.requireNonNull(instant, "instant");
      Objects.requireNonNull(text, "text");
      Instant parsed =
          StixTimestamp.parse(text)
              .orElseThrow(() -> new IllegalArgumentException("not a STIX timestamp: " + text));
      if (!parsed.equals(instant)) {
        throw new IllegalArgumentException(
            "timestamp text " + text + " is " + parsed + ", not " + instant);
      }
    }

    /** The constant for a timestamp text. */
    public static TimestampConstant of(String text) {
      Instant instant =
          StixTimestamp.parse(text)
              .orElseThrow(() -> new IllegalArgumentException("not a STIX timestamp: " + text));
      return new TimestampConstant(instant, text);
    }

    @Override
    public String toString() {
      return "t'" + text + "'";
    }
  }

  /**
   * Binary data, written in hexadecimal ({@code h'ffd8'}) or base64 ({@code b'...'}). Two binary
   * constants are equal when they have the same bytes and the same encoding.
   */
  record BinaryConstant(byte[] bytes, Encoding encoding) implements Constant {
    /** How a binary constant is written. */
    public enum Encoding {
      HEX,
      BASE64
    }

    public BinaryConstant {
      bytes = bytes.clone();
      Objects.requireNonNull(encoding, "encoding");
      if (encoding == Encoding.BASE64 && bytes.length == 0) {
        throw new IllegalArgumentException("a base64 constant has at least one byte");
      }
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BinaryConstant b
          && b.encoding == encoding
          && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(bytes) + encoding.hashCode();
    }

    @Override
    public String toString() {
      return switch (encoding) {
        case HEX -> "h'" + HexFormat.of().formatHex(bytes) + "'";
        case BASE64 -> "b'" + Base64.getEncoder().encodeToString(bytes) + "'";
      };
    }
  }

  /** The parenthesised set on the right of {@code IN}: zero or more non-list constants. */
  record ListConstant(List<Constant> values) implements Constant {
    public ListConstant {
      values = List.copyOf(values);
      for (Constant c : values) {
        if (c instanceof ListConstant) {
          throw new IllegalArgumentException("a list constant cannot contain a list: " + c);
        }
      }
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        b.append(values.get(i));
      }
      return b.append(')').toString();
    }
  }
}
