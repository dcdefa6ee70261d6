package org.detente.node.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.AuditRecord.Direction;
import org.detente.node.store.AuditStore;
import org.detente.node.store.Store;
import org.detente.stix.CanonicalJson;
import org.detente.stix.StixJson;

/**
 * The node's audit record: verification of the hash chain, signed chain heads, receipts from
 * partners, the export a partner reconciles against, and reconciliation of a partner's export with
 * our own entries. Entries are appended by the paths objects cross ({@link AuditStore#append},
 * {@link Store.BulkAdd#audit}); the entry format and its hash are defined by {@link AuditEntry}.
 *
 * <h2>Export for a partner</h2>
 *
 * <p>JSON Lines in UTF-8, each line the RFC 8785 canonical JSON of one object followed by {@code
 * \n}. First, one line per entry of ours for that partner, in sequence order:
 *
 * <pre>{@code
 * {"direction":"in"|"out","object_id":I,"object_version":V|null,"sequence":N,"sha256":S}
 * }</pre>
 *
 * then one last line, the trailer:
 *
 * <pre>{@code
 * {"entries":COUNT,"entries_sha256":D,"head":SIGNED_HEAD,"node":OUR_IDENTITY,"party":PARTNER,
 *  "signature":SIG,"type":"detente-audit-export"}
 * }</pre>
 *
 * where {@code D} is the SHA-256 (lower-case hex) of the bytes of all entry lines, newlines
 * included, {@code SIGNED_HEAD} is our {@link SignedHead} at export time, and {@code SIG} the
 * Ed25519 signature (base64) over the canonical JSON of the trailer without {@code signature}.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {
  /** The value of {@code type} in an export's trailer. */
  public static final String EXPORT_TYPE = "detente-audit-export";

  /** The most entries of an export read. */
  public static final long MAX_EXPORT_ENTRIES = 20_000_000;

  private final Store store;
  private final Clock clock;

  public AuditLog(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---------------------------------------------------------------- verify

  /**
   * Recomputes the chain, streaming, and reports the first broken link: a gap or repeat in the
   * sequence numbers (an entry deleted, inserted or moved), a {@code previous} that is not the hash
   * of the entry before, a stored hash that differs from the hash of the entry's fields, a head row
   * that is not the last entry, or a head this node signed that the chain no longer holds. Safe to
   * run while others append.
   *
   * @throws org.detente.node.store.StoreException when the database fails
   */
  public Verification verify() {
    AuditStore.Head before = store.audit().head();
    Map<Long, SignedHead> signed = new HashMap<>();
    for (String json : store.audit().signedHeads()) {
      SignedHead h = SignedHead.parse(json);
      signed.put(h.sequence(), h);
    }
    ChainCheck check = new ChainCheck(before, signed);
    try {
      store.audit().scan(0, check);
    } catch (ChainCheck.Stop s) {
      // the first break is in the check
    }
    return check.result(store.audit().head(), this::hashOf);
  }

  /** The stored hash of entry {@code sequence}. */
  private String hashOf(long sequence) {
    String[] hash = {AuditEntry.GENESIS};
    if (sequence > 0) {
      try {
        store
            .audit()
            .scan(
                sequence - 1,
                e -> {
                  hash[0] = e.hash();
                  throw new ChainCheck.Stop();
                });
      } catch (ChainCheck.Stop s) {
        // found
      }
    }
    return hash[0];
  }

  // ---------------------------------------------------------------- heads and receipts

  /**
   * Signs the current chain head as {@code node} and keeps it, so that a later {@link #verify()}
   * also checks that the chain still holds it.
   *
   * @throws IllegalArgumentException when the key is not an Ed25519 private key
   * @throws org.detente.node.store.StoreException when the database fails
   */
  public SignedHead signHead(String node, PrivateKey key) {
    AuditStore.Head head = store.audit().head();
    SignedHead signed = SignedHead.sign(node, head.sequence(), head.hash(), clock.instant(), key);
    store.audit().putSignedHead(signed.sequence(), signed.toString());
    return signed;
  }

  /**
   * Keeps a signed head received from a partner, after checking that {@code theirNode} signed it
   * with {@code theirKey} and that it agrees with the receipt already kept for the same sequence
   * number, if any.
   *
   * @throws SecurityException when the head names another node, its signature does not verify with
   *     {@code theirKey}, or a receipt kept earlier for the same sequence number names another
   *     chain hash (the partner's chain was rewritten since); nothing is kept then
   * @throws org.detente.node.store.StoreException when the database fails
   */
  public void keepReceipt(String party, SignedHead head, String theirNode, PublicKey theirKey) {
    if (!head.node().equals(theirNode)) {
      throw new SecurityException(
          "the signed head from "
              + party
              + " is signed as node "
              + head.node()
              + ", but the partner's identity is "
              + theirNode);
    }
    if (!head.verify(theirKey)) {
      throw new SecurityException(
          "the signed head from "
              + party
              + " (node "
              + head.node()
              + ", sequence "
              + head.sequence()
              + ") does not verify with the partner's key");
    }
    keep(party, head);
  }

  /**
   * Keeps a verified head as a receipt, unless one kept for the same sequence number holds another
   * hash: that would be the evidence of a rewritten chain, and it is never replaced.
   */
  private void keep(String party, SignedHead head) {
    Optional<String> kept = store.audit().receipt(party, head.sequence());
    if (kept.isPresent()) {
      SignedHead earlier = SignedHead.parse(kept.get());
      if (!earlier.head().equals(head.head())) {
        throw new SecurityException(
            "the signed head from "
                + party
                + " says entry "
                + head.sequence()
                + " is "
                + head.head()
                + ", but the receipt signed at "
                + earlier.time()
                + " and kept says "
                + earlier.head()
                + ": the partner's chain was rewritten; the earlier receipt is kept, the new head"
                + " is not");
      }
    }
    store.audit().putReceipt(party, head.sequence(), head.toString(), clock.instant());
  }

  /** The signed heads received from a partner and kept, by sequence. */
  public List<SignedHead> receipts(String party) {
    return store.audit().receipts(party).stream().map(SignedHead::parse).toList();
  }

  // ---------------------------------------------------------------- export

  /**
   * Writes our entries for {@code party}, with a signed head and a signed trailer, in the export
   * format (see the class documentation). The stream is not closed.
   *
   * @return the number of entries written
   * @throws IOException when writing fails
   */
  public long export(String party, String node, PrivateKey key, OutputStream out)
      throws IOException {
    Objects.requireNonNull(party, "party");
    SignedHead head = signHead(node, key);
    MessageDigest digest = sha256();
    long[] count = {0};
    try {
      store
          .audit()
          .scanParty(
              party,
              e -> {
                if (e.sequence() > head.sequence()) {
                  return;
                }
                byte[] line = (exportLine(e) + "\n").getBytes(StandardCharsets.UTF_8);
                digest.update(line);
                try {
                  out.write(line);
                } catch (IOException x) {
                  throw new UncheckedIOException(x);
                }
                count[0]++;
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    ObjectNode trailer = StixJson.newObject();
    trailer.put("type", EXPORT_TYPE);
    trailer.put("node", node);
    trailer.put("party", party);
    trailer.put("entries", count[0]);
    trailer.put("entries_sha256", HexFormat.of().formatHex(digest.digest()));
    trailer.set("head", head.toJson());
    trailer.put("signature", SignedHead.Signatures.sign(CanonicalJson.canonicalize(trailer), key));
    out.write(CanonicalJson.canonicalize(trailer));
    out.write('\n');
    out.flush();
    return count[0];
  }

  private static String exportLine(AuditEntry e) {
    ObjectNode n = StixJson.newObject();
    n.put("direction", e.direction());
    n.put("object_id", e.objectId());
    if (e.objectVersion().isPresent()) {
      n.put("object_version", e.objectVersion().get());
    } else {
      n.putNull("object_version");
    }
    n.put("sequence", e.sequence());
    n.put("sha256", e.sha256());
    return CanonicalJson.toString(n);
  }

  // ---------------------------------------------------------------- reconcile

  /** (id, version) of an object, for matching both sides. */
  record Key(String objectId, Optional<String> version) {}

  private static final Comparator<Key> BY_ID =
      Comparator.comparing(Key::objectId).thenComparing(k -> k.version().orElse(""));

  /**
   * Compares our entries for {@code party} with the partner's export of its entries for us, after
   * checking that the export is complete and signed by {@code theirKey}; the partner's signed head
   * is then kept as a receipt. What we sent must be in their record as received and what we
   * received in theirs as sent, with the same content hash; each object version is compared once
   * per direction, however often it crossed.
   *
   * @throws AuditFormatException when the export is malformed, incomplete or over a limit
   * @throws SecurityException when its signature, or its head's, does not verify with {@code
   *     theirKey}, or its head contradicts a receipt kept earlier for the same sequence number
   * @throws IOException when reading fails
   */
  public Reconciliation reconcile(String party, InputStream theirs, PublicKey theirKey)
      throws IOException {
    Objects.requireNonNull(party, "party");
    TheirExport their = TheirExport.read(theirs, theirKey);
    SignedHead head = their.head();
    long theirCount = their.count();

    Map<Direction, Map<Key, Set<String>>> ours = sides();
    long[] ourCount = {0};
    store
        .audit()
        .scanParty(
            party,
            e -> {
              ourCount[0]++;
              ours.get(Direction.ofWire(e.direction()))
                  .computeIfAbsent(new Key(e.objectId(), e.objectVersion()), k -> new TreeSet<>())
                  .add(e.sha256());
            });
    List<Difference> diffs = new ArrayList<>();
    for (Direction d : Direction.values()) {
      // what we sent they received, and what we received they sent
      Direction mirrored = d == Direction.OUT ? Direction.IN : Direction.OUT;
      compare(d, ours.get(d), their.entries().get(mirrored), diffs);
    }
    diffs.sort(
        Comparator.comparing(Difference::objectId)
            .thenComparing(x -> x.objectVersion().orElse(""))
            .thenComparing(Difference::direction));
    keep(party, head);
    return new Reconciliation(party, head, ourCount[0], theirCount, diffs);
  }

  static Map<Direction, Map<Key, Set<String>>> sides() {
    Map<Direction, Map<Key, Set<String>>> m = new HashMap<>();
    for (Direction d : Direction.values()) {
      m.put(d, new HashMap<>());
    }
    return m;
  }

  private static void compare(
      Direction d, Map<Key, Set<String>> ours, Map<Key, Set<String>> theirs, List<Difference> out) {
    Map<Key, Boolean> keys = new TreeMap<>(BY_ID);
    ours.keySet().forEach(k -> keys.put(k, true));
    theirs.keySet().forEach(k -> keys.put(k, true));
    for (Key k : keys.keySet()) {
      Set<String> a = ours.get(k);
      Set<String> b = theirs.get(k);
      if (b == null) {
        out.add(
            new Difference(
                Difference.Kind.OURS_ONLY,
                d,
                k.objectId(),
                k.version(),
                Optional.of(String.join(",", a)),
                Optional.empty()));
      } else if (a == null) {
        out.add(
            new Difference(
                Difference.Kind.THEIRS_ONLY,
                d,
                k.objectId(),
                k.version(),
                Optional.empty(),
                Optional.of(String.join(",", b))));
      } else if (!a.equals(b)) {
        out.add(
            new Difference(
                Difference.Kind.HASH_MISMATCH,
                d,
                k.objectId(),
                k.version(),
                Optional.of(String.join(",", a)),
                Optional.of(String.join(",", b))));
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
