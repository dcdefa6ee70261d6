package org.detente.node.policy;

import java.util.Objects;
import org.detente.node.store.StoredObject;

/**
 * An object version that may leave the node, as it leaves.
 *
 * @param stored the stored version (its id, version, date_added and media type are those of the
 *     released object)
 * @param json the JSON text to send: the stored text when nothing was removed, else the redacted
 *     object
 * @param redacted whether properties were removed
 */
public record Released(StoredObject stored, String json, boolean redacted) {
  public Released {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(json, "json");
  }
}
