package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import org.detente.node.identity.NodeKeys;
import org.detente.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init, partners add|list|remove and export --for, as a script would run them. */
class PartnersCommandTest {
  @TempDir Path tmp;

  private static final String GREEN = "indicator--00000000-0000-4000-8000-00000000000a";
  private static final String RED = "indicator--00000000-0000-4000-8000-00000000000b";

  private static String indicator(String id, Tlp tlp) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
        + "\"pattern\":\"[ipv4-addr:value = '203.0.113.1']\",\"pattern_type\":\"stix\","
        + "\"valid_from\":\"2024-01-01T00:00:00Z\",\"created_by_ref\":"
        + "\"identity--00000000-0000-4000-8000-0000000000ff\",\"object_marking_refs\":[\""
        + tlp.markingId()
        + "\"]}";
  }

  private CliRun withStdin(String stdin, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(before);
    }
  }

  @Test
  void initPartnersExport_scriptedSetUp() throws Exception {
    String data = tmp.resolve("node").toString();
    CliRun init = CliRun.of("init", "--data", data, "--name", "Node A");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out()).startsWith("identity identity--");
    NodeKeys keys = NodeKeys.in(Path.of(data));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKeyFile())))
        .isEqualTo("rw-------");
    assertThat(init.out() + init.err()).doesNotContain("PRIVATE KEY");
    CliRun again = CliRun.of("init", "--data", data, "--name", "Other");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already has identity.json");

    assertThat(
            CliRun.of("collections", "add", "intel", "--title", "Intel", "--data", data).exitCode())
        .isZero();
    assertThat(
            CliRun.of("accounts", "add", "b-reader", "--api-key", "--read", "intel", "--data", data)
                .exitCode())
        .isZero();
    Path bundle = tmp.resolve("in.json");
    Files.writeString(
        bundle,
        "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000001\",\"objects\":["
            + indicator(GREEN, Tlp.GREEN)
            + ","
            + indicator(RED, Tlp.RED)
            + "]}");
    assertThat(
            CliRun.of("import", bundle.toString(), "--collection", "intel", "--data", data)
                .exitCode())
        .isZero();

    Path key = tmp.resolve("b.pub");
    Files.writeString(
        key,
        NodeKeys.publicKeyPem(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    Path agreement = tmp.resolve("b.toml");
    Files.writeString(
        agreement,
        """
        agreement_version = 1
        collections = ["intel"]
        max_tlp = "amber"
        strip = ["created_by_ref"]
        """);
    CliRun add =
        withStdin(
            "their-s3cret\n",
            "partners",
            "add",
            "b",
            "--identity",
            "identity--00000000-0000-4000-8000-0000000000bb",
            "--public-key",
            key.toString(),
            "--taxii",
            "https://b.example.org/taxii2/",
            "--account",
            "b-reader",
            "--agreement",
            agreement.toString(),
            "--remote-user",
            "node-a",
            "--secret-stdin",
            "--data",
            data);
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(Files.readString(Path.of(data, "detente.db"), StandardCharsets.ISO_8859_1))
        .doesNotContain("their-s3cret");

    try (org.detente.node.store.Store store =
        org.detente.node.store.Stores.open(
            new org.detente.node.store.StoreConfig.Sqlite(Path.of(data)))) {
      char[] secret =
          new org.detente.node.policy.Partners(store.partners())
              .remoteSecret("b", new org.detente.node.identity.CredentialSeal(keys.credentialKey()))
              .orElseThrow();
      assertThat(new String(secret)).isEqualTo("their-s3cret");
    }

    CliRun list = CliRun.of("partners", "list", "--data", data);
    assertThat(list.out())
        .contains("b\tidentity: identity--00000000-0000-4000-8000-0000000000bb")
        .contains("account: b-reader")
        .contains("agreement: version 1")
        .contains("credential: sealed")
        .doesNotContain("their-s3cret");

    Path out = tmp.resolve("for-b.json");
    CliRun export =
        CliRun.of(
            "export",
            "--collection",
            "intel",
            "--for",
            "b",
            "--out",
            out.toString(),
            "--data",
            data);
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(CliTest.byVersion(out).keySet())
        .containsExactly(GREEN + "@2024-01-01T00:00:00.000Z");
    assertThat(Files.readString(out)).doesNotContain("created_by_ref");
    assertThat(export.err())
        .contains("withheld " + RED + " 2024-01-01T00:00:00.000Z: object-level marking")
        .contains("exported 1 object(s) from intel for b, withheld 1");

    // a new agreement version: RED released by name, created_by_ref kept
    Files.writeString(
        agreement,
        "agreement_version = 2\ncollections = [\"intel\"]\nmax_tlp = \"amber\"\n"
            + "red_objects = [\""
            + RED
            + "\"]\n");
    CliRun replaced = CliRun.of("partners", "agreement", "b", agreement.toString(), "--data", data);
    assertThat(replaced.exitCode()).as(replaced.err()).isZero();
    assertThat(replaced.out()).contains("agreement version 2");
    CliRun stale = CliRun.of("partners", "agreement", "b", agreement.toString(), "--data", data);
    assertThat(stale.exitCode()).isEqualTo(2);
    assertThat(stale.err()).contains("is at version 2").contains("got 2");
    CliRun second =
        CliRun.of(
            "export",
            "--collection",
            "intel",
            "--for",
            "b",
            "--out",
            out.toString(),
            "--data",
            data);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(CliTest.byVersion(out)).hasSize(2);

    // a stored agreement with an error (the database edited by hand) stops serve
    try (org.detente.node.store.Store store =
        org.detente.node.store.Stores.open(
            new org.detente.node.store.StoreConfig.Sqlite(Path.of(data)))) {
      String now =
          "agreement_version = 2\ncollections = [\"intel\"]\nmax_tlp = \"amber\"\n"
              + "red_objects = [\""
              + RED
              + "\"]\n";
      assertThat(
              store
                  .partners()
                  .replaceAgreement("b", java.util.Optional.of(now), "agreement_version = 3\n"))
          .isTrue();
    }
    CliRun serve = CliRun.of("serve", "--listen", "127.0.0.1:0", "--data", data);
    assertThat(serve.exitCode()).isEqualTo(2);
    assertThat(serve.err())
        .contains(
            "the sharing agreement of partner 'b' is refused: key 'collections': is required");

    CliRun noSuch = CliRun.of("export", "--collection", "intel", "--for", "z", "--data", data);
    assertThat(noSuch.exitCode()).isEqualTo(2);
    assertThat(noSuch.err()).contains("no partner named 'z'");

    CliRun removed = CliRun.of("partners", "remove", "b", "--data", data);
    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out()).isEqualTo("account b-reader revoked\npartner b removed\n");
    assertThat(CliRun.of("accounts", "list", "--data", data).out()).doesNotContain("b-reader");
    CliRun gone = CliRun.of("partners", "remove", "b", "--data", data);
    assertThat(gone.exitCode()).isEqualTo(2);
    assertThat(gone.err()).contains("no partner named 'b'");
  }

  @Test
  void partnersAdd_badAgreement_refusedNamingFileLineAndKey() throws Exception {
    String data = tmp.resolve("node").toString();
    Path key = tmp.resolve("c.pub");
    Files.writeString(
        key,
        NodeKeys.publicKeyPem(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    Path agreement = tmp.resolve("c.toml");
    Files.writeString(
        agreement, "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"purple\"\n");
    CliRun r =
        CliRun.of(
            "partners",
            "add",
            "c",
            "--identity",
            "identity--00000000-0000-4000-8000-0000000000cc",
            "--public-key",
            key.toString(),
            "--taxii",
            "https://c.example.org/",
            "--agreement",
            agreement.toString(),
            "--data",
            data);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(agreement + ": line 3: key 'max_tlp': must be one of");
    assertThat(CliRun.of("partners", "list", "--data", data).out()).isEmpty();
  }
}
