package org.detente.node.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.detente.node.store.AuditRecord.Direction;
import org.detente.stix.CanonicalJson;
import org.detente.stix.StixJson;

/**
 * A partner's export of its entries for us (the format is in {@link AuditLog}), read and checked:
 * complete (count and digest of the entry lines as the trailer declares them) and signed by the
 * partner's key (the trailer and the head in it). Bounded: lines of at most {@value #MAX_LINE}
 * bytes, at most {@link AuditLog#MAX_EXPORT_ENTRIES} entries.
 *
 * @param head the partner's signed head
 * @param count the entry lines read
 * @param entries direction (the partner's) -> (object id, version) -> content hashes
 */
record TheirExport(
    SignedHead head, long count, Map<Direction, Map<AuditLog.Key, Set<String>>> entries) {
  /** The longest line read, in bytes. */
  static final int MAX_LINE = 8 * 1024;

  /**
   * @throws AuditFormatException when the export is malformed, incomplete or over a limit
   * @throws SecurityException when its signature, or its head's, does not verify with {@code
   *     theirKey}
   * @throws IOException when reading fails
   */
  static TheirExport read(InputStream theirs, PublicKey theirKey) throws IOException {
    InputStream in = new BufferedInputStream(theirs, 1 << 16);
    Map<Direction, Map<AuditLog.Key, Set<String>>> their = AuditLog.sides();
    MessageDigest digest = AuditLog.sha256();
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
      if (++theirCount > AuditLog.MAX_EXPORT_ENTRIES) {
        throw new AuditFormatException(
            "the export holds more than " + AuditLog.MAX_EXPORT_ENTRIES + " entries");
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
                new AuditLog.Key(SignedHead.text(n, "object_id"), version), k -> new TreeSet<>())
            .add(sha);
      } catch (IllegalArgumentException | AuditFormatException e) {
        throw new AuditFormatException("line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    if (trailer == null) {
      throw new AuditFormatException(
          "the export ends after " + lineNo + " line(s) without its trailer line (incomplete?)");
    }
    return new TheirExport(checkTrailer(trailer, theirCount, digest, theirKey), theirCount, their);
  }

  private static SignedHead checkTrailer(
      ObjectNode trailer, long count, MessageDigest digest, PublicKey theirKey) {
    if (!AuditLog.EXPORT_TYPE.equals(trailer.path("type").asText(null))) {
      throw new AuditFormatException(
          "the trailer's type is "
              + trailer.path("type")
              + ", not \""
              + AuditLog.EXPORT_TYPE
              + "\"");
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
}
