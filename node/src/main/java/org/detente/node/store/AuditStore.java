package org.detente.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit record in the store's database: an append-only chain of {@link AuditEntry entries}, the
 * chain head, the heads this node signed and the signed heads (receipts) partners sent. Obtain it
 * with {@link Store#audit()}. Thread-safe.
 *
 * <p>Appends from any number of threads and processes form one chain: each append locks the head
 * row until it commits ({@code SELECT ... FOR UPDATE} on PostgreSQL; the single writer on SQLite),
 * numbers its entries from the head's sequence on, and moves the head. Objects written with {@link
 * Store.BulkAdd} are recorded in the same transaction ({@link Store.BulkAdd#audit}), so an object
 * is never stored without its entry, even across a crash.
 */
public interface AuditStore {
  /**
   * The last entry's sequence number and hash (0 and {@link AuditEntry#GENESIS} when empty), as the
   * head row holds them.
   *
   * @param sequence the last sequence number
   * @param hash the last entry's hash
   */
  record Head(long sequence, String hash) {
    public Head {
      Objects.requireNonNull(hash, "hash");
    }
  }

  /**
   * Appends the records in order, in one transaction of its own.
   *
   * <p>Do not call it on a thread that holds an open {@link Store.BulkAdd} (on SQLite it would wait
   * for that thread's own transaction): use {@link Store.BulkAdd#audit} there.
   *
   * @return the new head
   * @throws StoreException when the database fails; then nothing is appended
   */
  Head append(List<AuditRecord> records);

  /**
   * The head row.
   *
   * @throws StoreException when the database fails
   */
  Head head();

  /**
   * Hands every entry with a sequence number above {@code afterSequence} to {@code sink}, in
   * sequence order, streaming (memory stays flat however long the chain). Entries are read as
   * stored, whatever they hold.
   *
   * @throws StoreException when the database fails
   */
  void scan(long afterSequence, Consumer<AuditEntry> sink);

  /**
   * Like {@link #scan} for the entries of one party only.
   *
   * @throws StoreException when the database fails
   */
  void scanParty(String party, Consumer<AuditEntry> sink);

  /**
   * Keeps a head this node signed (its JSON text), replacing one for the same sequence.
   *
   * @throws StoreException when the database fails
   */
  void putSignedHead(long sequence, String json);

  /**
   * The heads this node signed (JSON texts), by sequence.
   *
   * @throws StoreException when the database fails
   */
  List<String> signedHeads();

  /**
   * Keeps a signed head received from a partner (its JSON text), replacing one for the same party
   * and sequence.
   *
   * @throws StoreException when the database fails
   */
  void putReceipt(String party, long sequence, String json, Instant received);

  /**
   * The signed heads received from a partner (JSON texts), by sequence.
   *
   * @throws StoreException when the database fails
   */
  List<String> receipts(String party);

  /**
   * The signed head received from a partner for one sequence number (its JSON text), if one is
   * kept.
   *
   * @throws StoreException when the database fails
   */
  Optional<String> receipt(String party, long sequence);
}
