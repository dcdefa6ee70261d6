package org.detente.node.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.detente.node.store.Cursor;

/**
 * The TAXII {@code next} values this server hands out.
 *
 * <p>A token is 22 characters of unpadded base64url over one AES block (16 bytes), the encryption
 * of: the {@code date_added} of the last entry of the page (microseconds since the epoch, 8 bytes)
 * and the first 8 bytes of an HMAC-SHA256 over those 8 bytes and a description of the query
 * (endpoint, collection, object, filters). Both keys are random, drawn when the server starts. So a
 * token is opaque (it does not show the position it stands for), it is accepted only by the query
 * that produced it, and a forged or altered token is refused rather than read as a position (a
 * random token passes with probability 2<sup>-64</sup>). A token stays valid while the server
 * process runs; after a restart, a client resumes with {@code added_after} set to the last {@code
 * X-TAXII-Date-Added-Last} it received, which selects exactly the same objects, because pages are
 * keyed by {@code date_added}.
 */
final class PageTokens {
  private static final int TAG_BYTES = 8;
  private final SecretKeySpec cipherKey;
  private final SecretKeySpec macKey;

  PageTokens() {
    SecureRandom random = new SecureRandom();
    byte[] k = new byte[32];
    random.nextBytes(k);
    cipherKey = new SecretKeySpec(Arrays.copyOf(k, 16), "AES");
    random.nextBytes(k);
    macKey = new SecretKeySpec(k, "HmacSHA256");
  }

  String encode(Cursor cursor, String query) {
    long micros = Long.parseLong(cursor.encode());
    ByteBuffer b = ByteBuffer.allocate(8 + TAG_BYTES);
    b.putLong(micros);
    b.put(tag(micros, query));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(aes(Cipher.ENCRYPT_MODE, b.array()));
  }

  /**
   * @throws RequestException.Invalid when the token was not made by this server for this query
   */
  Cursor decode(String token, String query) {
    byte[] raw;
    try {
      raw = token.length() == 22 ? Base64.getUrlDecoder().decode(token) : null;
    } catch (IllegalArgumentException e) {
      raw = null;
    }
    if (raw == null
        || raw.length != 8 + TAG_BYTES
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
      // the last check refuses other spellings of the same bytes (unused low bits set)
      throw invalid(token);
    }
    byte[] plain = aes(Cipher.DECRYPT_MODE, raw);
    long micros = ByteBuffer.wrap(plain).getLong();
    if (!MessageDigest.isEqual(Arrays.copyOfRange(plain, 8, plain.length), tag(micros, query))
        || micros < 0) {
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

  private byte[] aes(int mode, byte[] block) {
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(mode, cipherKey);
      return c.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is not available in this JDK", e);
    }
  }

  private byte[] tag(long micros, String query) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(macKey);
      m.update(ByteBuffer.allocate(8).putLong(micros).array());
      m.update(query.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(m.doFinal(), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
