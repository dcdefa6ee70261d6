package org.detente.node.service;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.detente.node.policy.EgressPolicy;
import org.detente.node.policy.Recipient;
import org.detente.node.policy.Withheld;
import org.detente.node.store.AuditRecord;
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
 * <p>Export is an egress path. {@link #run} serves the node's own operator and writes everything;
 * {@link #runFor} makes an export for a partner, and every page passes through the node's one
 * egress decision ({@link EgressPolicy#decide}): withheld objects are left out (and reported to the
 * caller), released ones written as the decision made them. Every object written is recorded in the
 * audit record as having left (for {@value #AUDIT_PARTY}, or for the partner under its agreement
 * version, with the hash of the object as released), a page at a time, before the page is written:
 * an entry may record an object whose writing then failed, never the reverse.
 */
public final class Exporter {
  /** Objects fetched per store query. */
  public static final int PAGE_SIZE = 1_000;

  /** The party of the audit entries of an export made for the node's own operator. */
  public static final String AUDIT_PARTY = "export";

  private final Store store;
  private final EgressPolicy egress;
  private final Clock clock;

  public Exporter(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.egress = new EgressPolicy(store);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Writes the bundle to {@code out} (not closed) and returns the number of objects written.
   *
   * @throws org.detente.node.store.UnknownCollectionException when the collection does not exist
   * @throws IOException when writing fails
   */
  public long run(String collectionId, ObjectFilter filter, OutputStream out) throws IOException {
    return write(
        filter,
        out,
        AUDIT_PARTY,
        Optional.empty(),
        next -> store.objects(collectionId, filter, new PageRequest(PAGE_SIZE, next)));
  }

  /**
   * Writes the bundle of what {@code partner} may receive to {@code out} (not closed), reports each
   * withheld object version to {@code withheld}, and returns the number of objects written. Pages
   * come from {@link EgressPolicy#page}, so {@code first} and {@code last} versions are chosen
   * among the versions released to the partner, as on the TAXII server.
   *
   * @throws org.detente.node.store.UnknownCollectionException when the collection does not exist
   * @throws IOException when writing fails
   */
  public long runFor(
      Recipient partner,
      String collectionId,
      ObjectFilter filter,
      OutputStream out,
      Consumer<Withheld> withheld)
      throws IOException {
    Objects.requireNonNull(partner, "partner");
    Objects.requireNonNull(withheld, "withheld");
    return write(
        filter,
        out,
        partner.partner(),
        partner.agreement().map(a -> Long.toString(a.version())),
        next ->
            egress.page(partner, collectionId, filter, new PageRequest(PAGE_SIZE, next), withheld));
  }

  private long write(
      ObjectFilter filter,
      OutputStream out,
      String party,
      Optional<String> agreement,
      Function<Optional<Cursor>, Page<StoredObject>> pages)
      throws IOException {
    Objects.requireNonNull(filter, "filter");
    long count = 0;
    try (JsonGenerator g = StixJson.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "bundle");
      g.writeStringField("id", Identifiers.random("bundle"));
      g.writeArrayFieldStart("objects");
      Optional<Cursor> next = Optional.empty();
      do {
        Page<StoredObject> page = pages.apply(next);
        store.audit().append(left(page.items(), party, agreement, clock));
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

  /** The audit records of stored objects leaving for {@code party} under {@code agreement}. */
  public static List<AuditRecord> left(
      List<StoredObject> objects, String party, Optional<String> agreement, Clock clock) {
    Instant now = clock.instant();
    List<AuditRecord> out = new ArrayList<>(objects.size());
    for (StoredObject o : objects) {
      out.add(
          new AuditRecord(
              AuditRecord.Direction.OUT,
              party,
              agreement,
              o.id(),
              o.version(),
              AuditRecord.contentHash(o.object()),
              now));
    }
    return out;
  }
}
