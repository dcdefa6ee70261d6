package org.detente.node.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import org.detente.node.store.Cursor;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoredObject;
import org.detente.stix.Identifiers;
import org.detente.stix.StixJson;

/**
 * Writes the objects of a collection that match a filter as one STIX 2.1 bundle, streaming: the
 * store is read a page at a time and each object's stored JSON text is written as it was received,
 * so memory stays flat whatever the size of the collection.
 *
 * <p>Export is an egress path: for now it serves the node's own operator. When sharing agreements
 * arrive, an export made for a partner must go through the egress policy.
 */
public final class Exporter {
  /** Objects fetched per store query. */
  public static final int PAGE_SIZE = 1_000;

  private final Store store;

  public Exporter(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Writes the bundle to {@code out} (not closed) and returns the number of objects written.
   *
   * @throws org.detente.node.store.UnknownCollectionException when the collection does not exist
   * @throws IOException when writing fails
   */
  public long run(String collectionId, ObjectFilter filter, OutputStream out) throws IOException {
    Objects.requireNonNull(filter, "filter");
    long count = 0;
    try (JsonGenerator g = StixJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "bundle");
      g.writeStringField("id", Identifiers.random("bundle"));
      g.writeArrayFieldStart("objects");
      Optional<Cursor> next = Optional.empty();
      do {
        Page<StoredObject> page =
            store.objects(collectionId, filter, new PageRequest(PAGE_SIZE, next));
        for (StoredObject o : page.items()) {
          g.writeRawValue(o.json());
          count++;
        }
        next = page.next();
      } while (next.isPresent());
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    return count;
  }
}
