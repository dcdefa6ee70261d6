package org.detente.node.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.detente.node.store.Cursor;

/**
 * The TAXII {@code next} values this server hands out.
 *
 * <p>A token is 32 characters of unpadded base64url over 24 bytes: the {@code date_added} of the
 * last entry of the page (microseconds since the epoch, 8 bytes, big-endian) and the first 16 bytes
 * of an HMAC-SHA256 over those 8 bytes and a description of the query (endpoint, collection,
 * object, filters). The key is 32 random bytes drawn when the server starts. So a token is accepted
 * only by the query that produced it, and a forged or altered token is refused rather than read as
 * a position. A token stays valid while the server process runs; after a restart, a client resumes
 * with {@code added_after} set to the last {@code date_added} it received, which selects exactly
 * the same objects, because pages are keyed by {@code date_added}.
 */
final class PageTokens {
  private static final int MAC_BYTES = 16;
  private final SecretKeySpec key;

  PageTokens() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    key = new SecretKeySpec(k, "HmacSHA256");
  }

  String encode(Cursor cursor, String query) {
    long micros = Long.parseLong(cursor.encode());
    ByteBuffer b = ByteBuffer.allocate(8 + MAC_BYTES);
    b.putLong(micros);
    b.put(mac(micros, query));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * @throws RequestException.Invalid when the token was not made by this server for this query
   */
  Cursor decode(String token, String query) {
    byte[] raw;
    try {
      raw = token.length() == 32 ? Base64.getUrlDecoder().decode(token) : null;
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    if (raw == null || raw.length != 8 + MAC_BYTES) {
      throw invalid(token);
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    long micros = b.getLong();
    byte[] tag = Arrays.copyOfRange(raw, 8, raw.length);
    if (!MessageDigest.isEqual(tag, mac(micros, query))) {
      throw invalid(token);
    }
    return Cursor.decode(Long.toString(micros));
  }

  private static RequestException.Invalid invalid(String token) {
    String shown = token.length() > 64 ? token.substring(0, 64) + "..." : token;
    return new RequestException.Invalid(
        "next '"
            + shown
            + "' is not a page token this server issued for this query; start again without next,"
            + " or resume with added_after");
  }

  private byte[] mac(long micros, String query) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      m.update(ByteBuffer.allocate(8).putLong(micros).array());
      m.update(query.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(m.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
