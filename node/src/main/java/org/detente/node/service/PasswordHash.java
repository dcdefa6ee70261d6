package org.detente.node.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password and API key hashing with the JDK only.
 *
 * <p>Passwords: PBKDF2-HMAC-SHA256 with a random 16-byte salt per account and a 32-byte output,
 * stored as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in unpadded base64), so that
 * the iteration count can be raised later without invalidating stored hashes. API keys are 256
 * random bits, handed out once as {@code dtk_} plus unpadded base64url, and stored as the
 * lower-case hex SHA-256 of the key text: a key has full entropy, so a fast hash is enough.
 */
final class PasswordHash {
  /** The default iteration count (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  static final int DEFAULT_ITERATIONS = 600_000;

  /** The lowest iteration count accepted, for tests that must create accounts quickly. */
  static final int MIN_ITERATIONS = 1_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  static String hash(char[] password, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "$"
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** True when {@code password} matches the stored hash; false also for a malformed hash. */
  static boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < MIN_ITERATIONS || iterations > 10_000_000) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  static String newApiKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return "dtk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
