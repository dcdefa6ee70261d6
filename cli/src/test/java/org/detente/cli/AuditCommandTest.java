package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.detente.node.audit.KeyFiles;
import org.detente.node.audit.SignedHead;
import org.detente.node.identity.NodeKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path tmp;

  private Path sample() throws IOException {
    Path f = tmp.resolve("sample.json");
    try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      Files.copy(in, f);
    }
    return f;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void audit_twoNodesVerifySignReconcileAndFindTampering() throws Exception {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    KeyPair aKeys = g.generateKeyPair();
    KeyPair bKeys = g.generateKeyPair();
    Path aKey = write("a.pem", KeyFiles.pem(aKeys.getPrivate()));
    Path bKey = write("b.pem", KeyFiles.pem(bKeys.getPrivate()));
    Path bPub = write("b.pub", KeyFiles.pem(bKeys.getPublic()));

    // node A imports the sample and exports it; node B imports what A exported
    assertThat(CliRun.of("import", sample().toString(), "-c", "intel", "--data", a).exitCode())
        .isZero();
    Path bundle = tmp.resolve("bundle.json");
    assertThat(
            CliRun.of("export", "-c", "intel", "--out", bundle.toString(), "--data", a).exitCode())
        .isZero();
    assertThat(CliRun.of("import", bundle.toString(), "-c", "intel", "--data", b).exitCode())
        .isZero();

    CliRun verify = CliRun.of("audit", "verify", "--data", a);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("intact: 70 entries, head ");

    CliRun head =
        CliRun.of(
            "audit", "head", "--key", aKey.toString(), "--identity", "identity--a", "--data", a);
    assertThat(head.exitCode()).as(head.err()).isZero();
    SignedHead h = SignedHead.parse(head.out().strip());
    assertThat(h.sequence()).isEqualTo(70);
    assertThat(h.verify(aKeys.getPublic())).isTrue();
    assertThat(verify.out()).contains(h.head());

    // B exports what it recorded from the import; A reconciles its export entries against it
    Path theirs = tmp.resolve("theirs.jsonl");
    CliRun export =
        CliRun.of(
            "audit",
            "export",
            "import",
            "--key",
            bKey.toString(),
            "--identity",
            "identity--b",
            "--out",
            theirs.toString(),
            "--data",
            b);
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.err()).contains("exported 35 audit entries for import");
    CliRun agree = reconcile(theirs, bPub, a);
    assertThat(agree.exitCode()).as(agree.out() + agree.err()).isZero();
    assertThat(agree.out()).contains("agree: 35 entries of ours for export, 35 of theirs");

    // without --partner-key, the key of a registered partner is used: 'export' is none
    CliRun noKey =
        CliRun.of("audit", "reconcile", "export", "--theirs", theirs.toString(), "--data", a);
    assertThat(noKey.exitCode()).isEqualTo(2);
    assertThat(noKey.err()).contains("--partner-key is needed: 'export' is no registered partner");

    // a wrong partner key is refused
    Path aPub = write("a.pub", KeyFiles.pem(aKeys.getPublic()));
    CliRun wrongKey = reconcile(theirs, aPub, a);
    assertThat(wrongKey.exitCode()).isEqualTo(2);
    assertThat(wrongKey.err()).contains("does not verify");

    // one entry of A's export disappears: reconcile names the object, verify the broken link
    String dropped;
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("a").resolve("detente.db"));
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT object_id FROM audit_entry WHERE seq = 40");
      rs.next();
      dropped = rs.getString(1);
      s.executeUpdate("DELETE FROM audit_entry WHERE seq = 40");
    }
    CliRun differ = reconcile(theirs, bPub, a);
    assertThat(differ.exitCode()).isEqualTo(1);
    assertThat(differ.out())
        .contains(dropped)
        .contains("received by them but not sent")
        .contains("1 difference(s): 34 entries of ours");
    CliRun broken = CliRun.of("audit", "verify", "--data", a);
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out())
        .contains("BROKEN at sequence 41: sequence 41 follows 39")
        .contains("39 entries intact before it");
  }

  private static CliRun reconcile(Path theirs, Path partnerKey, String data) {
    return CliRun.of(
        "audit",
        "reconcile",
        "export",
        "--theirs",
        theirs.toString(),
        "--partner-key",
        partnerKey.toString(),
        "--data",
        data);
  }

  @Test
  void audit_badKeyFileIsAClearError() throws Exception {
    Path key = write("bad.pem", "not a key");
    CliRun r =
        CliRun.of(
            "audit",
            "head",
            "--key",
            key.toString(),
            "--identity",
            "identity--a",
            "--data",
            tmp.resolve("n").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("holds no '-----BEGIN PRIVATE KEY-----' block");
  }

  @Test
  void audit_headAndExport_useTheNodesOwnKeyAndIdentityByDefault() throws Exception {
    String data = tmp.resolve("own").toString();
    CliRun none = CliRun.of("audit", "head", "--data", data);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("run detente init first, or give --key and --identity");

    assertThat(CliRun.of("init", "--name", "Node A", "--data", data).exitCode()).isZero();
    assertThat(CliRun.of("import", sample().toString(), "-c", "intel", "--data", data).exitCode())
        .isZero();
    NodeKeys keys = NodeKeys.in(Path.of(data));

    CliRun head = CliRun.of("audit", "head", "--data", data);
    assertThat(head.exitCode()).as(head.err()).isZero();
    SignedHead h = SignedHead.parse(head.out().strip());
    assertThat(h.node()).isEqualTo(keys.identity().id());
    assertThat(h.verify(NodeKeys.readPublicKey(keys.publicKeyPem()))).isTrue();

    Path out = tmp.resolve("own.jsonl");
    CliRun export = CliRun.of("audit", "export", "import", "--out", out.toString(), "--data", data);
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(Files.readString(out)).contains(keys.identity().id());

    CliRun half = CliRun.of("audit", "head", "--identity", "identity--x", "--data", data);
    assertThat(half.exitCode()).isEqualTo(2);
    assertThat(half.err()).contains("--key and --identity go together");
  }
}
