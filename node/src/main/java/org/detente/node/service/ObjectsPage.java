package org.detente.node.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.detente.node.store.StoredObject;

/**
 * One page of objects, kept as the JSON text they were stored with, so that an envelope is written
 * without parsing them again.
 *
 * @param objects the stored versions, by date_added
 * @param more whether more follow
 * @param next the token of the following page, present exactly when {@code more}
 */
public record ObjectsPage(List<StoredObject> objects, boolean more, Optional<String> next) {
  public ObjectsPage {
    objects = List.copyOf(objects);
    Objects.requireNonNull(next, "next");
    if (more != next.isPresent()) {
      throw new IllegalArgumentException("next must be present exactly when more is true");
    }
  }
}
