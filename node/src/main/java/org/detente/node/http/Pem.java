package org.detente.node.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an in-memory key store from PEM files: a certificate chain ({@code BEGIN CERTIFICATE},
 * leaf first) and an unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}; RSA, EC or
 * Ed25519). A PKCS#1 or SEC1 key is refused with the {@code openssl} command that converts it.
 */
final class Pem {
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private Pem() {}

  /**
   * @throws IllegalArgumentException when a file cannot be read or holds no usable key or chain
   */
  static KeyStore keyStore(Path certificate, Path key, char[] password) {
    List<? extends Certificate> chain;
    try {
      chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificate))));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS certificate " + certificate + ": " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + certificate);
    }
    PrivateKey privateKey = privateKey(key);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("detente", privateKey, password, chain.toArray(Certificate[]::new));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the TLS key " + key + " does not fit the certificate " + certificate + ": " + e, e);
    }
  }

  private static PrivateKey privateKey(Path key) {
    String text;
    try {
      text = Files.readString(key, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the TLS key " + key + ": " + e, e);
    }
    Matcher m = KEY.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "the TLS key "
              + key
              + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW'");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        "the TLS key " + key + " is neither an RSA, an EC nor an Ed25519 key");
  }
}
