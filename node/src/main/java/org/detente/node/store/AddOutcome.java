package org.detente.node.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What {@link Store#add} did with one object, in the order the objects were given. */
public sealed interface AddOutcome {
  /** The object's {@code id}. */
  String id();

  /** The object's version ({@code modified}, else {@code created}), empty for SCOs. */
  Optional<String> version();

  /** The object is a new version, stored with this server-assigned {@code date_added}. */
  record Added(String id, Optional<String> version, Instant dateAdded) implements AddOutcome {
    public Added {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(dateAdded, "dateAdded");
    }
  }

  /**
   * The same version with the same content was already stored (at {@code dateAdded}); nothing
   * changed.
   */
  record Unchanged(String id, Optional<String> version, Instant dateAdded) implements AddOutcome {
    public Unchanged {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(dateAdded, "dateAdded");
    }
  }

  /** The object was not stored, for the reason given; for example a conflicting version. */
  record Rejected(String id, Optional<String> version, String reason) implements AddOutcome {
    public Rejected {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
