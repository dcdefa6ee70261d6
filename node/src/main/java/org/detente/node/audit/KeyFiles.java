package org.detente.node.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys in PEM files: a private key as unencrypted PKCS#8 ({@code -----BEGIN PRIVATE
 * KEY-----}, what {@code openssl genpkey -algorithm ed25519} writes), a public key as X.509
 * SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}, what {@code openssl pkey -pubout}
 * writes).
 */
public final class KeyFiles {
  /** The largest key file read, in bytes: a PEM Ed25519 key is about 120. */
  static final int MAX_BYTES = 16 * 1024;

  private KeyFiles() {}

  /**
   * Reads an Ed25519 private key.
   *
   * @throws IllegalArgumentException when the file cannot be read, is larger than 16 KiB, or holds
   *     no PKCS#8 Ed25519 key
   */
  public static PrivateKey readPrivate(Path file) {
    byte[] der = der(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no PKCS#8 Ed25519 private key: " + e, e);
    }
  }

  /**
   * Reads an Ed25519 public key.
   *
   * @throws IllegalArgumentException when the file cannot be read, is larger than 16 KiB, or holds
   *     no X.509 Ed25519 public key
   */
  public static PublicKey readPublic(Path file) {
    byte[] der = der(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds no X.509 Ed25519 public key: " + e, e);
    }
  }

  /** The key as PEM text: {@code PRIVATE KEY} for a private key, {@code PUBLIC KEY} otherwise. */
  public static String pem(Key key) {
    String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] der(Path file, String label) {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(
            file + " is " + size + " bytes; a key file is at most " + MAX_BYTES);
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e, e);
    }
    Matcher m =
        Pattern.compile(
                "-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]+)-----END " + label + "-----")
            .matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(file + " holds no '-----BEGIN " + label + "-----' block");
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": bad base64 in the PEM block: " + e.getMessage(), e);
    }
  }
}
