package org.detente.node.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
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

  /** The longest line of an export read, in bytes. */
  static final int MAX_LINE = 8 * 1024;

  /** The most entries of an export read. */
  public static final long MAX_EXPORT_ENTRIES = 20_000_000;

  private final Store store;
  private final Clock clock;

  public AuditLog(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---------------------------------------------------------------- verify

  /** Unwinds a scan at the first break. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /**
   * Recomputes the chain, streaming, and reports the first broken link: a gap or repeat in the
   * sequence numbers (an entry deleted, inserted or moved), a {@code previous} that is not the hash
   * of the entry before, a stored hash that differs from the hash of the entry's fields, a head row
   * that is not the last entry, or a head this node signed that the chain no longer holds.
   *
   * @throws org.detente.node.store.StoreException when the database fails
   */
  public Verification verify() {
    // The head row is read before the scan and again after it: entries appended meanwhile are
    // checked like the others, and must be covered by the second reading (an append commits its
    // entries and the head row together).
    AuditStore.Head before = store.audit().head();
    String[] hashAtBefore = {AuditEntry.GENESIS};
    Map<Long, SignedHead> signed = new HashMap<>();
    for (String json : store.audit().signedHeads()) {
      SignedHead h = SignedHead.parse(json);
      signed.put(h.sequence(), h);
    }
    long[] count = {0};
    String[] last = {AuditEntry.GENESIS};
    Verification.Break[] broken = {null};
    try {
      store
          .audit()
          .scan(
              0,
              e -> {
                long expected = count[0] + 1;
                String what = null;
                if (e.sequence() != expected) {
                  what =
                      "sequence "
                          + e.sequence()
                          + " follows "
                          + count[0]
                          + " (an entry was deleted, inserted or moved)";
                } else if (!e.previous().equals(last[0])) {
                  what =
                      "previous hash "
                          + e.previous()
                          + " differs from the hash of entry "
                          + count[0]
                          + ", "
                          + last[0];
                } else if (!e.direction().equals("in") && !e.direction().equals("out")) {
                  what = "direction '" + e.direction() + "' is neither in nor out";
                } else {
                  String computed = e.computedHash();
                  if (!computed.equals(e.hash())) {
                    what =
                        "stored hash "
                            + e.hash()
                            + " differs from the hash of the entry's fields, "
                            + computed
                            + " (a field was changed)";
                  } else {
                    SignedHead h = signed.get(e.sequence());
                    if (h != null && !h.head().equals(e.hash())) {
                      what =
                          "the head signed at sequence "
                              + h.sequence()
                              + " ("
                              + h.time()
                              + ") is "
                              + h.head()
                              + ", the chain now has "
                              + e.hash();
                    }
                  }
                }
                if (what != null) {
                  broken[0] = new Verification.Break(e.sequence(), what);
                  throw new Stop();
                }
                count[0] = expected;
                last[0] = e.hash();
                if (expected == before.sequence()) {
                  hashAtBefore[0] = e.hash();
                }
              });
    } catch (Stop s) {
      return new Verification(count[0], last[0], Optional.of(broken[0]));
    }
    AuditStore.Head after = store.audit().head();
    String problem = null;
    long at = 0;
    if (count[0] < before.sequence()) {
      at = count[0] + 1;
      problem = headSays(before, count[0], last[0]) + " (entries deleted at the end)";
    } else if (!hashAtBefore[0].equals(before.hash())) {
      at = Math.max(1, before.sequence());
      problem =
          "the head row says entry "
              + before.sequence()
              + " is hashed "
              + before.hash()
              + ", the chain has "
              + hashAtBefore[0];
    } else if (count[0] > after.sequence()) {
      at = after.sequence() + 1;
      problem =
          headSays(after, count[0], last[0]) + " (entries appended without moving the head row)";
    }
    if (problem != null) {
      long intact = Math.min(count[0], at - 1);
      return new Verification(
          intact,
          intact == count[0] ? last[0] : hashOf(intact),
          Optional.of(new Verification.Break(at, problem)));
    }
    for (SignedHead h : signed.values()) {
      if (h.sequence() > count[0]) {
        return new Verification(
            count[0],
            last[0],
            Optional.of(
                new Verification.Break(
                    count[0] + 1,
                    "the head signed at "
                        + h.time()
                        + " covers "
                        + h.sequence()
                        + " entries, the chain has only "
                        + count[0])));
      }
    }
    return new Verification(count[0], last[0], Optional.empty());
  }

  /** The stored hash of entry {@code sequence} (of a chain verified up to it). */
  private String hashOf(long sequence) {
    if (sequence == 0) {
      return AuditEntry.GENESIS;
    }
    String[] hash = {AuditEntry.GENESIS};
    try {
      store
          .audit()
          .scan(
              sequence - 1,
              e -> {
                hash[0] = e.hash();
                throw new Stop();
              });
    } catch (Stop s) {
      // found
    }
    return hash[0];
  }

  private static String headSays(AuditStore.Head head, long count, String last) {
    return "the head row says "
        + head.sequence()
        + " entries ending in "
        + head.hash()
        + ", the chain has "
        + count
        + " ending in "
        + last;
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
   * Keeps a signed head received from a partner, after checking its signature with the partner's
   * key.
   *
   * @throws SecurityException when the signature does not verify with {@code theirKey}
   * @throws org.detente.node.store.StoreException when the database fails
   */
  public void keepReceipt(String party, SignedHead head, PublicKey theirKey) {
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
  private record Key(String objectId, Optional<String> version) {}

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
   *     theirKey}
   * @throws IOException when reading fails
   */
  public Reconciliation reconcile(String party, InputStream theirs, PublicKey theirKey)
      throws IOException {
    Objects.requireNonNull(party, "party");
    InputStream in = new java.io.BufferedInputStream(theirs, 1 << 16);
    Map<Direction, Map<Key, Set<String>>> their = sides();
    MessageDigest digest = sha256();
    long theirCount = 0;
    ObjectNode trailer = null;
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    long lineNo = 0;
    while (readLine(in, line, lineNo + 1)) {
      lineNo++;
      byte[] bytes = line.toByteArray();
      if (trailer != null) {
        throw new AuditFormatException("line " + lineNo + " follows the trailer line");
      }
      JsonNode n;
      try {
        n = StixJson.mapper().readTree(bytes);
      } catch (JsonProcessingException e) {
        throw new AuditFormatException(
            "line " + lineNo + " is not JSON: " + e.getOriginalMessage(), e);
      }
      if (n != null && n.isObject() && n.has("type")) {
        trailer = (ObjectNode) n;
        continue;
      }
      if (++theirCount > MAX_EXPORT_ENTRIES) {
        throw new AuditFormatException(
            "the export holds more than " + MAX_EXPORT_ENTRIES + " entries");
      }
      digest.update(bytes);
      digest.update((byte) '\n');
      try {
        if (n == null || !n.isObject()) {
          throw new AuditFormatException("not a JSON object");
        }
        Direction d = Direction.ofWire(SignedHead.text(n, "direction"));
        JsonNode v = n.get("object_version");
        Optional<String> version =
            v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
        String sha = SignedHead.text(n, "sha256");
        their
            .get(d)
            .computeIfAbsent(
                new Key(SignedHead.text(n, "object_id"), version), k -> new TreeSet<>())
            .add(sha);
      } catch (IllegalArgumentException | AuditFormatException e) {
        throw new AuditFormatException("line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    if (trailer == null) {
      throw new AuditFormatException(
          "the export ends after " + lineNo + " line(s) without its trailer line (incomplete?)");
    }
    SignedHead head = checkTrailer(trailer, theirCount, digest, theirKey);

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
      compare(d, ours.get(d), their.get(mirrored), diffs);
    }
    diffs.sort(
        Comparator.comparing(Difference::objectId)
            .thenComparing(x -> x.objectVersion().orElse(""))
            .thenComparing(Difference::direction));
    store.audit().putReceipt(party, head.sequence(), head.toString(), clock.instant());
    return new Reconciliation(party, head, ourCount[0], theirCount, diffs);
  }

  private static Map<Direction, Map<Key, Set<String>>> sides() {
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

  private static SignedHead checkTrailer(
      ObjectNode trailer, long count, MessageDigest digest, PublicKey theirKey) {
    if (!EXPORT_TYPE.equals(trailer.path("type").asText(null))) {
      throw new AuditFormatException(
          "the trailer's type is " + trailer.path("type") + ", not \"" + EXPORT_TYPE + "\"");
    }
    String signature = SignedHead.text(trailer, "signature");
    ObjectNode signed = trailer.deepCopy();
    signed.remove("signature");
    if (!SignedHead.Signatures.verify(CanonicalJson.canonicalize(signed), signature, theirKey)) {
      throw new SecurityException(
          "the export's signature does not verify with the partner's key (node "
              + trailer.path("node").asText("?")
              + ")");
    }
    long declared = trailer.path("entries").asLong(-1);
    if (declared != count) {
      throw new AuditFormatException(
          "the trailer declares " + declared + " entries, the export holds " + count);
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (!sha.equals(trailer.path("entries_sha256").asText(""))) {
      throw new AuditFormatException(
          "the entries' SHA-256 is "
              + sha
              + ", the trailer declares "
              + trailer.path("entries_sha256").asText(""));
    }
    SignedHead head = SignedHead.of(trailer.get("head"));
    if (!head.verify(theirKey)) {
      throw new SecurityException(
          "the export's signed head does not verify with the partner's key (node "
              + head.node()
              + ")");
    }
    return head;
  }

  /** Reads one line without its {@code \n} into {@code line}; false at the end of the input. */
  private static boolean readLine(InputStream in, ByteArrayOutputStream line, long lineNo)
      throws IOException {
    line.reset();
    int b = in.read();
    if (b < 0) {
      return false;
    }
    while (b >= 0 && b != '\n') {
      if (line.size() == MAX_LINE) {
        throw new AuditFormatException("line " + lineNo + " is longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
      b = in.read();
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
