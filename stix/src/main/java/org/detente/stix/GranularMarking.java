package org.detente.stix;

import java.util.List;
import java.util.Objects;

/**
 * One entry of an object's {@code granular_markings} (STIX 2.1 section 7.2.3): a data marking (by
 * reference to a marking definition) or a language marking, applied to the content that its
 * selectors denote and everything below it.
 */
public sealed interface GranularMarking {
  /** The selectors as written, at least one. */
  List<String> selectors();

  /** A data marking: {@code marking_ref} plus selectors. */
  record Data(String markingRef, List<String> selectors) implements GranularMarking {
    public Data {
      Objects.requireNonNull(markingRef, "markingRef");
      selectors = nonEmpty(selectors);
    }
  }

  /** A language marking: an RFC 5646 {@code lang} code plus selectors. */
  record Language(String lang, List<String> selectors) implements GranularMarking {
    public Language {
      Objects.requireNonNull(lang, "lang");
      selectors = nonEmpty(selectors);
    }
  }

  private static List<String> nonEmpty(List<String> selectors) {
    List<String> copy = List.copyOf(selectors);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a granular marking needs at least one selector");
    }
    return copy;
  }
}
