package org.detente.node.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the credentials a node uses on its partners' TAXII servers, so that the store's database
 * never holds them in the clear: AES-256-GCM under the node's credential key ({@link
 * NodeKeys#credentialKey}), a random 96-bit nonce per credential, the partner's name as associated
 * data (a sealed credential moved to another partner does not open). The sealed form is {@code v1:}
 * and the base64 of nonce and ciphertext. Whoever holds both the database and the data directory's
 * key file can open them; the key file is mode 0600.
 */
public final class CredentialSeal {
  private static final String PREFIX = "v1:";
  private final SecretKeySpec key;

  /**
   * @param key 32 bytes; copied
   */
  public CredentialSeal(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != 32) {
      throw new IllegalArgumentException("the credential key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** Seals {@code secret} (the array is cleared) for partner {@code partner}. */
  public String seal(String partner, char[] secret) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
    byte[] clear = new byte[encoded.remaining()];
    encoded.get(clear);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(partner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(clear);
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    } finally {
      Arrays.fill(clear, (byte) 0);
      Arrays.fill(secret, '\0');
    }
  }

  /**
   * Opens a credential sealed for {@code partner}.
   *
   * @throws IllegalArgumentException when it was not sealed with this key for this partner
   */
  public char[] open(String partner, String sealed) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed credential");
    }
    byte[] raw = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    if (raw.length < 12 + 16) {
      throw new IllegalArgumentException("sealed credential too short: " + raw.length + " bytes");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
      c.updateAAD(partner.getBytes(StandardCharsets.UTF_8));
      byte[] clear = c.doFinal(raw, 12, raw.length - 12);
      try {
        var chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(clear));
        char[] out = new char[chars.remaining()];
        chars.get(out);
        return out;
      } finally {
        Arrays.fill(clear, (byte) 0);
      }
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException(
          "the credential of partner '" + partner + "' does not open with this node's key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
