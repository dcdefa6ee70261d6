package org.detente.stix;

import java.util.Set;

/**
 * The data type of one property value (specification section 2), with the value restrictions the
 * property's description adds (ranges, referenced types, enumerations).
 */
sealed interface ValueKind {

  /** A JSON string. */
  record Text() implements ValueKind {}

  /** A JSON string from an open vocabulary: any string is allowed (section 2.14). */
  record OpenVocab(String vocabulary) implements ValueKind {}

  /** A JSON string that names a property (extension_properties): rules of section 3.1/11.1. */
  record PropertyName() implements ValueKind {}

  /** {@code true} or {@code false}. */
  record Bool() implements ValueKind {}

  /**
   * A JSON number without fraction or exponent, within the signed 54-bit range of section 2.10 and
   * within {@code [min, max]}; {@code rangeRule} names the rule broken when it is outside.
   */
  record Int(long min, long max, String rangeRule) implements ValueKind {}

  /** Any JSON number within {@code [min, max]}. */
  record Real(double min, double max, String rangeRule) implements ValueKind {}

  /** A STIX timestamp; {@code millis} when the property needs millisecond precision. */
  record Timestamp(boolean millis) implements ValueKind {}

  /** An identifier of one of {@code targets}. */
  record Ref(RefTargets targets) implements ValueKind {}

  /** Lowercase hexadecimal octets (section 2.8). */
  record Hex() implements ValueKind {}

  /** Base64 as in RFC 4648 (section 2.1). */
  record Binary() implements ValueKind {}

  /** A hashes dictionary whose keys come from hash-algorithm-ov (sections 2.7 and 10.7). */
  record Hashes() implements ValueKind {}

  /** A non-empty dictionary whose values are all of kind {@code values}. */
  record Dict(ValueKind values) implements ValueKind {}

  /** A closed enumeration: the value must be one of {@code values} (section 2.4). */
  record Closed(String name, Set<String> values) implements ValueKind {
    public Closed {
      values = Set.copyOf(values);
    }
  }

  /** A non-empty list of values of kind {@code element}. */
  record ListOf(ValueKind element) implements ValueKind {}

  /** A JSON object of a type defined by the specification (kill-chain-phase, extensions, ...). */
  record Embedded(TypeSchema schema) implements ValueKind {}

  /** An RFC 5646 language tag. */
  record LanguageTag() implements ValueKind {}

  /** Any valid STIX value: anything but JSON null. */
  record AnyValue() implements ValueKind {}

  /** An integer or a string (EXIF tags, IPFIX elements). */
  record IntOrText() implements ValueKind {}

  /** The extensions dictionary of an object (section 3.2, 7.3 and 11.3). */
  record Extensions() implements ValueKind {}

  /** The contents of a language-content object (section 7.1). */
  record LanguageContents() implements ValueKind {}

  /** The deprecated observable container of observed-data (section 2.13). */
  record ObservableContainer() implements ValueKind {}

  ValueKind TEXT = new Text();
  ValueKind BOOL = new Bool();
  ValueKind INTEGER = new Int(Long.MIN_VALUE, Long.MAX_VALUE, "integer-range");
  ValueKind NON_NEGATIVE = new Int(0, Long.MAX_VALUE, "non-negative");
  ValueKind FLOAT = new Real(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "float-range");
  ValueKind TIMESTAMP = new Timestamp(false);
  ValueKind TIMESTAMP_MILLIS = new Timestamp(true);
  ValueKind HEX = new Hex();
  ValueKind BINARY = new Binary();
  ValueKind HASHES = new Hashes();
  ValueKind LANGUAGE_TAG = new LanguageTag();
  ValueKind ANY = new AnyValue();
  ValueKind INT_OR_TEXT = new IntOrText();
  ValueKind EXTENSIONS = new Extensions();
  ValueKind LANGUAGE_CONTENTS = new LanguageContents();
  ValueKind OBSERVABLE_CONTAINER = new ObservableContainer();
  ValueKind PROPERTY_NAME = new PropertyName();
  ValueKind STRINGS = new ListOf(TEXT);

  static ValueKind openVocab(String vocabulary) {
    return new OpenVocab(vocabulary);
  }

  static ValueKind listOf(ValueKind element) {
    return new ListOf(element);
  }

  static ValueKind ref(RefTargets targets) {
    return new Ref(targets);
  }

  static ValueKind ref(String... types) {
    return new Ref(RefTargets.types(types));
  }

  static ValueKind refs(String... types) {
    return new ListOf(new Ref(RefTargets.types(types)));
  }

  static ValueKind refs(RefTargets targets) {
    return new ListOf(new Ref(targets));
  }

  static ValueKind dict(ValueKind values) {
    return new Dict(values);
  }

  static ValueKind embedded(TypeSchema schema) {
    return new Embedded(schema);
  }

  static ValueKind range(long min, long max, String rule) {
    return new Int(min, max, rule);
  }
}
