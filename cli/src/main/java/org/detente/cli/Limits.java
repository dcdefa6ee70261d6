package org.detente.cli;

import org.detente.stix.StixReader;

/** Turns command-line limit options into reader limits, with a one-line error when invalid. */
final class Limits {
  private Limits() {}

  static StixReader.Limits of(long maxObjectBytes, int maxDepth) {
    try {
      return new StixReader.Limits(maxObjectBytes, maxDepth);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
