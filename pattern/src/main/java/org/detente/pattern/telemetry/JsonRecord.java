package org.detente.pattern.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.util.List;

/** Reading of one JSON record with Jackson's streaming parser, for the adapters. */
final class JsonRecord {
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(TelemetryAdapter.MAX_DEPTH)
                  .maxStringLength(TelemetryAdapter.MAX_RECORD_BYTES)
                  .maxNumberLength(100)
                  .build())
          .build();

  private JsonRecord() {}

  /** A parser on the record, positioned on its opening brace. */
  static JsonParser open(byte[] b, int off, int len) throws IOException, MalformedRecordException {
    if (len > TelemetryAdapter.MAX_RECORD_BYTES) {
      throw new MalformedRecordException(
          "record of " + len + " bytes is over the limit of " + TelemetryAdapter.MAX_RECORD_BYTES);
    }
    JsonParser p = FACTORY.createParser(b, off, len);
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      p.close();
      throw new MalformedRecordException(
          t == null ? "empty record" : "record is not a JSON object but " + describe(t));
    }
    return p;
  }

  /** After the closing brace of the record: nothing but white space may follow. */
  static void end(JsonParser p) throws IOException, MalformedRecordException {
    JsonToken t = p.nextToken();
    if (t != null) {
      throw new MalformedRecordException("data after the end of the record: " + describe(t));
    }
  }

  static MalformedRecordException malformed(IOException e) {
    if (e instanceof StreamReadException s) {
      String where = s.getLocation() == null ? "" : " at column " + s.getLocation().getColumnNr();
      return new MalformedRecordException("malformed JSON" + where + ": " + s.getOriginalMessage());
    }
    return new MalformedRecordException("unreadable record: " + e.getMessage());
  }

  /** The current string value; null for JSON null. */
  static String string(JsonParser p, String field) throws IOException, MalformedRecordException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    skip(p);
    throw new MalformedRecordException(field + " must be a string, found " + describe(t));
  }

  /** The current number's text, or a string's (an ISO timestamp); null for JSON null. */
  static String numberOrString(JsonParser p, String field)
      throws IOException, MalformedRecordException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT
        || t == JsonToken.VALUE_NUMBER_FLOAT
        || t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    skip(p);
    throw new MalformedRecordException(field + " must be a number, found " + describe(t));
  }

  /** The current integer, at least 0 and at most {@code max}; -1 for JSON null. */
  static long count(JsonParser p, String field, long max)
      throws IOException, MalformedRecordException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return -1;
    }
    if (t != JsonToken.VALUE_NUMBER_INT) {
      skip(p);
      throw new MalformedRecordException(field + " must be an integer, found " + describe(t));
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw new MalformedRecordException(field + " is out of range: " + p.getText());
    }
    long v = p.getLongValue();
    if (v < 0 || v > max) {
      throw new MalformedRecordException(field + " must be between 0 and " + max + ", found " + v);
    }
    return v;
  }

  /** The strings of the current array (or the one string) into {@code into}. */
  static void strings(JsonParser p, String field, List<String> into)
      throws IOException, MalformedRecordException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      into.add(p.getText());
      return;
    }
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      skip(p);
      throw new MalformedRecordException(field + " must be an array, found " + describe(t));
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_STRING) {
        into.add(p.getText());
      } else if (t != JsonToken.VALUE_NULL) {
        skip(p);
        throw new MalformedRecordException(field + " must hold strings, found " + describe(t));
      }
    }
  }

  static void skip(JsonParser p) throws IOException {
    p.skipChildren();
  }

  static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case FIELD_NAME, NOT_AVAILABLE, VALUE_EMBEDDED_OBJECT -> "an unexpected token";
    };
  }

  /** {@code MD5}, {@code SHA-1} or {@code SHA-256} by the length of a hexadecimal digest. */
  static String hashAlgorithm(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return null;
      }
    }
    return switch (hex.length()) {
      case 32 -> "MD5";
      case 40 -> "SHA-1";
      case 64 -> "SHA-256";
      case 128 -> "SHA-512";
      default -> null;
    };
  }
}
