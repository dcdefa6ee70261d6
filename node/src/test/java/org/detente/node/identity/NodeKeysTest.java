package org.detente.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import org.detente.node.service.ObjectRules;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {
  @TempDir Path dir;

  @Test
  void init_writesIdentityAndKeys_privateFilesOwnerOnly() throws Exception {
    NodeKeys keys = NodeKeys.in(dir);
    StixObject id = keys.init("Example CERT");
    assertThat(id.type()).isEqualTo("identity");
    assertThat(id.string("identity_class")).contains("organization");
    assertThat(id.string("name")).contains("Example CERT");
    assertThat(ObjectRules.standard().check(id)).isEmpty();
    assertThat(keys.identity()).isEqualTo(id);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKeyFile())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.credentialKeyFile())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.privateKeyFile().getParent())))
        .isEqualTo("rwx------");
    // the key pair signs and verifies
    byte[] data = "envelope".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(keys.privateKey());
    s.update(data);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(NodeKeys.readPublicKey(keys.publicKeyPem()));
    v.update(data);
    assertThat(v.verify(sig)).isTrue();
    assertThat(keys.credentialKey()).hasSize(32);
  }

  @Test
  void init_twice_refusedAndNothingChanged() throws Exception {
    NodeKeys keys = NodeKeys.in(dir);
    keys.init("A");
    String before = Files.readString(keys.privateKeyFile());
    String identity = Files.readString(keys.identityFile());
    assertThatThrownBy(() -> keys.init("B"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has");
    assertThat(Files.readString(keys.privateKeyFile())).isEqualTo(before);
    assertThat(Files.readString(keys.identityFile())).isEqualTo(identity);
  }

  @Test
  void init_blankName_refused() {
    assertThatThrownBy(() -> NodeKeys.in(dir).init(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 256");
  }

  @Test
  void readPublicKey_notAKey_refused() {
    assertThatThrownBy(() -> NodeKeys.readPublicKey("hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an Ed25519 public key");
  }

  @Test
  void credentialSeal_roundTripBoundToPartnerAndKey() throws Exception {
    NodeKeys keys = NodeKeys.in(dir);
    keys.init("A");
    CredentialSeal seal = new CredentialSeal(keys.credentialKey());
    String sealed = seal.seal("b", "s3cret-pässword".toCharArray());
    assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
    assertThat(new String(seal.open("b", sealed))).isEqualTo("s3cret-pässword");
    assertThatThrownBy(() -> seal.open("c", sealed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
    assertThatThrownBy(() -> new CredentialSeal(new byte[32]).open("b", sealed))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
