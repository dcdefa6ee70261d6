package org.detente.node.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detente.stix.Identifiers;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;

/**
 * A node's identity and keys, in its data directory:
 *
 * <ul>
 *   <li>{@code identity.json}: the node's STIX identity (identity_class {@code organization});
 *   <li>{@code keys/node.ed25519.key}: its Ed25519 private key, PKCS#8 PEM, mode 0600;
 *   <li>{@code keys/node.ed25519.pub}: its public key, X.509 SubjectPublicKeyInfo PEM, the form
 *       partners register;
 *   <li>{@code keys/credentials.key}: 32 random bytes, mode 0600, the AES-256-GCM key under which
 *       the credentials for partners' servers are sealed in the store ({@link CredentialSeal}).
 * </ul>
 *
 * <p>Secret files are created with mode 0600 in the same system call that creates them, so they are
 * never readable by others, not even briefly; the {@code keys} directory is 0700. Nothing here logs
 * or prints key material. On a file system without POSIX permissions, {@link #init} refuses.
 */
public final class NodeKeys {
  /** The identity file name. */
  public static final String IDENTITY = "identity.json";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final Path dir;

  private NodeKeys(Path dir) {
    this.dir = dir;
  }

  /** The keys of the node whose data directory is {@code dir}. */
  public static NodeKeys in(Path dir) {
    return new NodeKeys(Objects.requireNonNull(dir, "dir"));
  }

  public Path identityFile() {
    return dir.resolve(IDENTITY);
  }

  public Path privateKeyFile() {
    return dir.resolve("keys").resolve("node.ed25519.key");
  }

  public Path publicKeyFile() {
    return dir.resolve("keys").resolve("node.ed25519.pub");
  }

  public Path credentialKeyFile() {
    return dir.resolve("keys").resolve("credentials.key");
  }

  /**
   * Creates the node's identity and keys.
   *
   * @return the identity object
   * @throws IllegalStateException when the node already has an identity or keys (nothing is
   *     overwritten)
   * @throws IllegalArgumentException when the name is blank or longer than 256 characters
   * @throws IOException when a file cannot be written
   */
  public StixObject init(String name) throws IOException {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 256) {
      throw new IllegalArgumentException(
          "the node name must be 1 to 256 characters, got " + name.length());
    }
    for (Path p :
        new Path[] {identityFile(), privateKeyFile(), publicKeyFile(), credentialKeyFile()}) {
      if (Files.exists(p)) {
        throw new IllegalStateException(
            "the node in " + dir + " already has " + p.getFileName() + "; nothing was changed");
      }
    }
    Files.createDirectories(dir);
    Path keys = dir.resolve("keys");
    if (!Files.isDirectory(keys)) {
      try {
        Files.createDirectory(
            keys,
            PosixFilePermissions.asFileAttribute(
                EnumSet.of(
                    PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE)));
      } catch (UnsupportedOperationException e) {
        throw new IOException("the file system of " + dir + " has no POSIX permissions", e);
      }
    }
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    byte[] credentialKey = new byte[32];
    new SecureRandom().nextBytes(credentialKey);
    try {
      writeSecret(privateKeyFile(), pem("PRIVATE KEY", pkcs8).getBytes(StandardCharsets.US_ASCII));
      writeSecret(credentialKeyFile(), credentialKey);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
      Arrays.fill(credentialKey, (byte) 0);
    }
    Files.writeString(
        publicKeyFile(), publicKeyPem(pair.getPublic()), StandardOpenOption.CREATE_NEW);
    var identity = StixJson.newObject();
    String now = StixTimestamp.formatMillis(java.time.Instant.now());
    identity.put("type", "identity");
    identity.put("spec_version", "2.1");
    identity.put("id", Identifiers.random("identity"));
    identity.put("created", now);
    identity.put("modified", now);
    identity.put("name", name);
    identity.put("identity_class", "organization");
    StixObject o = StixObject.adopt(identity);
    Files.writeString(identityFile(), o.toJson() + "\n", StandardOpenOption.CREATE_NEW);
    return o;
  }

  /** Writes a new file readable by its owner only, from the moment it exists. */
  private static void writeSecret(Path file, byte[] content) throws IOException {
    try (FileChannel ch =
            FileChannel.open(
                file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        OutputStream out = Channels.newOutputStream(ch)) {
      out.write(content);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(file + " exists; nothing was overwritten", e);
    }
    // the umask may have removed bits, never added any; make sure the mode is exactly 0600
    Files.setPosixFilePermissions(file, OWNER_ONLY);
  }

  /**
   * The node's identity.
   *
   * @throws IOException when there is none (run {@code detente init}) or it cannot be read
   */
  public StixObject identity() throws IOException {
    return StixObject.parse(Files.readString(identityFile()));
  }

  /**
   * The node's public key in PEM.
   *
   * @throws IOException when it cannot be read
   */
  public String publicKeyPem() throws IOException {
    return Files.readString(publicKeyFile());
  }

  /**
   * The node's private key (for signing).
   *
   * @throws IOException when it cannot be read or is not an Ed25519 PKCS#8 key
   */
  public PrivateKey privateKey() throws IOException {
    byte[] der = der(Files.readString(privateKeyFile()), "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(privateKeyFile() + " is not an Ed25519 private key", e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * The key that seals partner credentials.
   *
   * @throws IOException when it cannot be read or is not 32 bytes (run {@code detente init})
   */
  public byte[] credentialKey() throws IOException {
    byte[] k = Files.readAllBytes(credentialKeyFile());
    if (k.length != 32) {
      Arrays.fill(k, (byte) 0);
      throw new IOException(credentialKeyFile() + " must hold 32 bytes, holds " + k.length);
    }
    return k;
  }

  /** An Ed25519 public key in X.509 SubjectPublicKeyInfo PEM. */
  public static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /**
   * Reads an Ed25519 public key from X.509 SubjectPublicKeyInfo PEM.
   *
   * @throws IllegalArgumentException when the text is not such a key
   */
  public static PublicKey readPublicKey(String pem) {
    if (pem.length() > 4_096) {
      throw new IllegalArgumentException(
          "a public key PEM is at most 4096 characters, got " + pem.length());
    }
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static byte[] der(String pem, String label) throws IOException {
    Matcher m = PEM.matcher(pem);
    if (!m.find() || !m.group(1).equals(label)) {
      throw new IOException("expected a PEM block '" + label + "'");
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IOException("the PEM block '" + label + "' is not base64", e);
    }
  }
}
