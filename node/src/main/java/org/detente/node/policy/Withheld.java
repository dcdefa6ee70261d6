package org.detente.node.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * An object version the egress decision kept in the node, and why. The reason is for the node's
 * operator (logs, the demo, the audit record), never for the partner.
 *
 * @param id the object's id
 * @param version its version, empty for an object without one
 * @param reason why it stays
 */
public record Withheld(String id, Optional<String> version, String reason) {
  public Withheld {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(reason, "reason");
  }
}
