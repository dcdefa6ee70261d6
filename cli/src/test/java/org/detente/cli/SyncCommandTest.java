package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.SignedHead;
import org.detente.node.http.TaxiiServer;
import org.detente.node.identity.NodeKeys;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** detente sync between two nodes set up by the command line: B pulls A's intel. */
class SyncCommandTest {
  @TempDir Path tmp;

  private static CliRun withStdin(String stdin, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(before);
    }
  }

  private static void ok(CliRun r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void sync_pullFromPartner_storedOnceThenUnchanged() throws Exception {
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    ok(CliRun.of("init", "--data", a, "--name", "Node A"));
    ok(CliRun.of("init", "--data", b, "--name", "Node B"));
    ok(CliRun.of("collections", "add", "intel", "--title", "Intel", "--data", a));
    ok(
        CliRun.of(
            "import",
            "src/main/resources/org/detente/cli/sample-intel.json",
            "--collection",
            "intel",
            "--data",
            a));
    CliRun account =
        CliRun.of("accounts", "add", "peer-b", "--api-key", "--read", "intel", "--data", a);
    ok(account);
    String key = account.out().replaceAll("(?s).*API key \\(shown once\\): (\\S+).*", "$1");
    String identityA = NodeKeys.in(Path.of(a)).identity().id();
    String identityB = NodeKeys.in(Path.of(b)).identity().id();
    Path agreementA = tmp.resolve("for-b.toml");
    Files.writeString(
        agreementA,
        "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"amber+strict\"\n"
            + "unmarked = \"green\"\n");
    ok(
        CliRun.of(
            "partners",
            "add",
            "b",
            "--identity",
            identityB,
            "--public-key",
            NodeKeys.in(Path.of(b)).publicKeyFile().toString(),
            "--taxii",
            "http://127.0.0.1:1/api/",
            "--account",
            "peer-b",
            "--agreement",
            agreementA.toString(),
            "--data",
            a));

    try (Store store = Stores.open(StoreConfig.sqlite(Path.of(a)))) {
      NodeKeys keys = NodeKeys.in(Path.of(a));
      TaxiiServer server = DemoCommand.serveOnLoopback(store, Path.of(a), identityA);
      try {
        Path agreementB = tmp.resolve("for-a.toml");
        Files.writeString(
            agreementB,
            "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"green\"\n"
                + "pull = { intel = \"from-a\" }\n");
        ok(
            withStdin(
                key + "\n",
                "partners",
                "add",
                "a",
                "--identity",
                identityA,
                "--public-key",
                keys.publicKeyFile().toString(),
                "--taxii",
                server.url() + "/taxii2/",
                "--agreement",
                agreementB.toString(),
                "--secret-stdin",
                "--data",
                b));

        CliRun first = CliRun.of("sync", "a", "--data", b);
        ok(first);
        assertThat(first.out())
            .matches("(?s)a: pulled [1-9][0-9]* new, 0 unchanged, 0 refused.*")
            .contains("; their signed audit head (");
        CliRun second = CliRun.of("sync", "--data", b);
        ok(second);
        assertThat(second.out()).startsWith("a: pulled 0 new, 0 unchanged, 0 refused");

        // reconcile over the network: A's export for B, fetched from A's server
        CliRun reconcile = CliRun.of("audit", "reconcile", "a", "--data", b);
        assertThat(reconcile.exitCode()).as(reconcile.out() + reconcile.err()).isZero();
        assertThat(reconcile.out())
            .containsPattern("agree: ([1-9][0-9]*) entries of ours for a, \\1 of theirs")
            .contains("(" + identityA + ", ");
        CliRun keyWithoutFile =
            CliRun.of("audit", "reconcile", "a", "--partner-key", "a.pub", "--data", b);
        assertThat(keyWithoutFile.exitCode()).isEqualTo(2);
        assertThat(keyWithoutFile.err()).contains("--partner-key goes with --theirs");
        CliRun unknown = CliRun.of("audit", "reconcile", "nobody", "--data", b);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no partner named 'nobody'");

        // serve --sync-every: the scheduled rounds end with the head exchange too
        long before = lastReceipt(b);
        store.add(
            "intel",
            List.of(
                StixObject.parse(
                    "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--"
                        + UUID.randomUUID()
                        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":"
                        + "\"2026-01-01T00:00:00.000Z\",\"name\":\"new on A\"}")));
        Thread serve =
            Thread.ofPlatform()
                .start(
                    () ->
                        CliRun.of(
                            "serve", "--data", b, "--listen", "127.0.0.1:0", "--sync-every", "1s"));
        try {
          long deadline = System.nanoTime() + 20_000_000_000L;
          while (lastReceipt(b) <= before && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
        } finally {
          serve.interrupt();
          serve.join(10_000);
        }
        assertThat(lastReceipt(b)).as("a receipt of A's newer head").isGreaterThan(before);

        CliRun none = CliRun.of("sync", "nobody", "--data", b);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no partner named 'nobody'");
      } finally {
        server.close();
      }
    }
  }

  @Test
  void serve_badSyncInterval_refusedNamingIt() {
    String data = tmp.resolve("n").toString();
    ok(CliRun.of("init", "--data", data, "--name", "N"));
    CliRun r = CliRun.of("serve", "--data", data, "--listen", "127.0.0.1:0", "--sync-every", "5x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--sync-every must be a number and s, m, h or d").contains("'5x'");
  }

  /** The sequence number of the newest signed head of A that B keeps, 0 without one. */
  private static long lastReceipt(String b) {
    try (Store store = Stores.open(StoreConfig.sqlite(Path.of(b)))) {
      return new AuditLog(store, Clock.systemUTC())
          .receipts("a").stream().mapToLong(SignedHead::sequence).max().orElse(0);
    }
  }
}
