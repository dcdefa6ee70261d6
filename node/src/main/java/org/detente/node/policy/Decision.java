package org.detente.node.policy;

import java.util.List;

/**
 * What the egress decision made of a batch of object versions: those released, in the order given,
 * and those withheld with their reasons.
 */
public record Decision(List<Released> released, List<Withheld> withheld) {
  public Decision {
    released = List.copyOf(released);
    withheld = List.copyOf(withheld);
  }
}
