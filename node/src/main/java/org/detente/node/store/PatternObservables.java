package org.detente.node.store;

import java.util.List;

/**
 * Finds the observable values a STIX pattern compares against. The store uses {@link
 * PatternComparisons}, a lexer over the pattern text; a full pattern parser can replace it.
 */
interface PatternObservables {
  /** The normalised values compared for equality or CIDR membership; never throws. */
  List<Observable> observables(String pattern);
}
