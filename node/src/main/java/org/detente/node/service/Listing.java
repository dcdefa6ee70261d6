package org.detente.node.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a TAXII read and the {@code date_added} of its first and last entries (for the {@code
 * X-TAXII-Date-Added-First} and {@code -Last} headers; empty when the page is empty).
 *
 * @param <T> the resource: a {@link ObjectsPage}, a manifest or a versions resource
 */
public record Listing<T>(T body, Optional<Instant> firstAdded, Optional<Instant> lastAdded) {
  public Listing {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(firstAdded, "firstAdded");
    Objects.requireNonNull(lastAdded, "lastAdded");
  }
}
