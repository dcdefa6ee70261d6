package org.detente.node.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;
import org.detente.node.store.AddOutcome;
import org.detente.node.store.AuditRecord;
import org.detente.node.store.PreparedBatch;
import org.detente.node.store.Store;
import org.detente.stix.StixError;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;

/**
 * Imports STIX content from a stream into a collection: read, validate, store.
 *
 * <p>Design: two stages joined by a small bounded queue. A reader thread parses and validates
 * elements and hands batches of valid objects over; the calling thread writes each batch with one
 * {@link Store#add} call (one transaction). Memory is bounded by the queue's capacity times the
 * batch size, whatever the size of the input. An invalid object is rejected alone; a batch that the
 * database fails to write rolls back whole and the exception ends the import (the batches before it
 * stay committed: re-running the import reports them unchanged).
 *
 * <p>Audit. Every object stored or found unchanged is recorded in the audit record as having
 * entered from {@value #AUDIT_PARTY}, in the same transaction as the objects ({@link
 * Store.BulkAdd#audit}); the records (content hashes included) are made on the reading thread,
 * timed when their batch was read.
 */
public final class Importer {
  /** Objects per batch handed from the reading thread to the writing one. */
  public static final int BATCH_SIZE = 5_000;

  /**
   * The first batch is this small, and each next one twice the size of the one before, up to {@link
   * #BATCH_SIZE}: the writer starts while the reader's code is still being compiled, instead of
   * waiting for a whole batch read by cold code (0.4 s of a 1M-object import).
   */
  static final int FIRST_BATCH_SIZE = 250;

  /** The party of the audit entries of an import. */
  public static final String AUDIT_PARTY = "import";

  /** Rejections kept in a report; the rest are only counted. */
  public static final int MAX_REPORTED_REJECTIONS = 1_000;

  private static final int QUEUE_BATCHES = 2;

  /**
   * A transaction is committed after this many objects, or after {@link #COMMIT_NANOS}, whichever
   * comes first: large transactions make bulk loads cheaper (the pages of the indexes on random
   * keys, ids and observable values, are written once per commit however few rows changed in them:
   * 100,000 objects per commit measured 2% faster than 50,000), and the time bound keeps other
   * writers' waits short.
   */
  static final int COMMIT_OBJECTS = 100_000;

  static final long COMMIT_NANOS = 2_000_000_000L;

  private final Store store;
  private final ObjectRules rules;
  private final StixReader reader;

  public Importer(Store store, ObjectRules rules, StixReader reader) {
    this.store = Objects.requireNonNull(store, "store");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** Called on the importing thread after each stored batch. */
  @FunctionalInterface
  public interface Progress {
    void batchStored(long elementsRead);
  }

  /**
   * Imports every element of {@code in} into {@code collectionId}. The stream is not closed.
   *
   * @throws org.detente.node.store.UnknownCollectionException when the collection does not exist
   * @throws org.detente.node.store.StoreException when the database fails
   * @throws UncheckedIOException when reading the stream fails
   */
  public ImportReport run(String collectionId, InputStream in, Progress progress) {
    Objects.requireNonNull(collectionId, "collectionId");
    if (store.collection(collectionId).isEmpty()) {
      throw new org.detente.node.store.UnknownCollectionException(collectionId);
    }
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    ReadStage stage = new ReadStage(in, queue);
    Thread readerThread = Thread.ofPlatform().name("detente-import-reader").start(stage);
    long added = 0;
    long unchanged = 0;
    long rejected = 0;
    List<ImportReport.Rejection> rejections = new ArrayList<>();
    try (Store.BulkAdd bulk = store.bulkAdd(collectionId)) {
      long uncommitted = 0;
      long lastCommit = System.nanoTime();
      while (true) {
        Batch batch = queue.take();
        for (ImportReport.Rejection r : batch.rejections) {
          rejected++;
          keep(rejections, r);
        }
        if (batch.objects.size() > 0) {
          List<AddOutcome> outcomes = bulk.add(batch.objects);
          uncommitted += batch.objects.size();
          List<AuditRecord> audited = new ArrayList<>(outcomes.size());
          for (int i = 0; i < outcomes.size(); i++) {
            switch (outcomes.get(i)) {
              case AddOutcome.Added a -> {
                added++;
                audited.add(batch.entries[i]);
              }
              case AddOutcome.Unchanged u -> {
                unchanged++;
                audited.add(batch.entries[i]);
              }
              case AddOutcome.Rejected r -> {
                rejected++;
                keep(rejections, new ImportReport.Rejection(batch.indexes[i], r.id(), r.reason()));
              }
            }
          }
          bulk.audit(audited);
        }
        long now = System.nanoTime();
        if (batch.last || uncommitted >= COMMIT_OBJECTS || now - lastCommit >= COMMIT_NANOS) {
          bulk.commit();
          uncommitted = 0;
          lastCommit = now;
          if (progress != null) {
            progress.batchStored(batch.readSoFar);
          }
        }
        if (batch.last) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("import interrupted", e);
    } finally {
      stage.cancelled = true;
      queue.clear();
      joinQuietly(readerThread);
    }
    if (stage.failure != null) {
      throw stage.failure;
    }
    return new ImportReport(
        stage.read, added, unchanged, rejected, rejections, stage.summary.complete());
  }

  /**
   * The audit records of a prepared batch, made on the reading thread, timed when the batch was
   * read; null for an object the store will reject.
   */
  private static AuditRecord[] entered(PreparedBatch prepared) {
    java.time.Instant at = java.time.Instant.now();
    AuditRecord[] out = new AuditRecord[prepared.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = prepared.entering(i, AUDIT_PARTY, java.util.Optional.empty(), at);
    }
    return out;
  }

  private static void keep(List<ImportReport.Rejection> list, ImportReport.Rejection r) {
    if (list.size() < MAX_REPORTED_REJECTIONS) {
      list.add(r);
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Validation errors of one object as one reason line. */
  public static String reason(List<StixError> errors) {
    return errors.stream()
        .map(
            e ->
                (e.property().isEmpty() ? "" : e.property() + ": ")
                    + e.message()
                    + " ["
                    + e.rule()
                    + "]")
        .collect(Collectors.joining("; "));
  }

  private record Batch(
      PreparedBatch objects,
      AuditRecord[] entries,
      long[] indexes,
      List<ImportReport.Rejection> rejections,
      long readSoFar,
      boolean last) {}

  /** Reads and validates on its own thread, handing over batches. */
  private final class ReadStage implements Runnable {
    private final InputStream in;
    private final BlockingQueue<Batch> queue;
    volatile boolean cancelled;
    volatile RuntimeException failure;
    StixReader.Summary summary = new StixReader.Summary(0, 0, true, null);
    long read;
    private List<StixObject> objects = new ArrayList<>(BATCH_SIZE);
    private long[] indexes = new long[BATCH_SIZE];
    private int batchSize = FIRST_BATCH_SIZE;
    private List<ImportReport.Rejection> rejections = new ArrayList<>();

    ReadStage(InputStream in, BlockingQueue<Batch> queue) {
      this.in = in;
      this.queue = queue;
    }

    @Override
    public void run() {
      try {
        summary = reader.read(in, this::accept);
      } catch (IOException e) {
        failure = new UncheckedIOException("reading the input failed: " + e.getMessage(), e);
      } catch (Cancelled e) {
        return;
      } catch (RuntimeException e) {
        failure = e;
      }
      try {
        hand(true);
      } catch (Cancelled e) {
        // the writer stopped first; nothing left to hand over
      }
    }

    private void accept(StixReader.Item item) {
      if (cancelled) {
        throw new Cancelled();
      }
      read++;
      switch (item) {
        case StixReader.Rejected r ->
            rejections.add(
                new ImportReport.Rejection(
                    r.index(), r.error().objectId(), reason(List.of(r.error()))));
        case StixReader.Parsed p -> {
          List<StixError> errors = rules.check(p.object());
          if (errors.isEmpty()) {
            indexes[objects.size()] = p.index();
            objects.add(p.object());
          } else {
            rejections.add(new ImportReport.Rejection(p.index(), p.object().id(), reason(errors)));
          }
        }
      }
      if (objects.size() == batchSize || rejections.size() >= BATCH_SIZE) {
        hand(false);
      }
    }

    private void hand(boolean last) {
      // serialised (in canonical form), hashed (for the store and the audit record) and indexed
      // here, off the writing thread
      PreparedBatch prepared = store.prepare(objects);
      Batch b = new Batch(prepared, entered(prepared), indexes, rejections, read, last);
      objects = new ArrayList<>(BATCH_SIZE);
      indexes = new long[BATCH_SIZE];
      batchSize = Math.min(BATCH_SIZE, batchSize * 2);
      rejections = new ArrayList<>();
      try {
        while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          if (cancelled) {
            throw new Cancelled();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Cancelled();
      }
    }
  }

  /** Unwinds the reader when the writer has stopped. */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super(null, null, false, false);
    }
  }
}
