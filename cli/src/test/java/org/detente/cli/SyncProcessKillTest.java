package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.detente.node.http.TaxiiServer;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.Partners;
import org.detente.node.service.Accounts;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed for real in the middle of a sync: node B runs {@code detente sync a} in a child JVM
 * (the running JVM's {@code java}, the test's class path: surefire sets {@code java.class.path} to
 * the test class path, not to its manifest-only booter jar), pulling {@value #OBJECTS} object
 * versions from node A, which serves them in this JVM. Once B has committed some pages, the child
 * gets SIGKILL ({@link Process#destroyForcibly()}); a second child runs the same command, which
 * resumes from B's checkpoint. Then every version is in B exactly once, what was committed before
 * the kill was whole pages (a page is one transaction with its audit entries), at most one page was
 * read again (the kill fell between a page's commit and its checkpoint), and B's audit chain
 * verifies.
 */
class SyncProcessKillTest {
  private static final int OBJECTS = 30_000;
  private static final int PAGE = 500;
  private static final String AGREEMENT =
      "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"amber\"\nunmarked = \"green\"\n";

  @TempDir Path tmp;

  @Test
  void sync_pullerProcessKilledMidSync_resumesAndCompletesExactlyOnce() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    String idA = NodeKeys.in(a).init("Node A").id();
    String idB = NodeKeys.in(b).init("Node B").id();
    try (Store sa = Stores.open(StoreConfig.sqlite(a))) {
      sa.putCollection(CollectionInfo.of("intel", "Intel"));
      fill(sa);
      Accounts accounts = Accounts.of(sa.accounts());
      accounts.add("peer-b", Optional.empty(), Set.of("intel"), Set.of());
      String key = accounts.newApiKey("peer-b");
      register(sa, a, "b", idB, NodeKeys.in(b).publicKeyPem(), "http://127.0.0.1:1/api/", null);
      TaxiiServer server = DemoCommand.serveOnLoopback(sa, a, idA);
      try {
        try (Store sb = Stores.open(StoreConfig.sqlite(b))) {
          register(
              sb,
              b,
              "a",
              idA,
              NodeKeys.in(a).publicKeyPem(),
              server.url() + "/api/",
              key,
              "pull = { intel = \"from-a\" }\n");
        }
        Path log1 = tmp.resolve("sync-1.log");
        Process first = sync(b, log1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pulled(b) < OBJECTS / 5 && first.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int before = pulled(b);
        assertThat(before)
            .as("killed mid-sync (%s)", Files.readString(log1))
            .isBetween(OBJECTS / 5, OBJECTS - 1);
        assertThat(before % PAGE).as("only whole pages committed").isZero();
        assertThat(audited(b)).isEqualTo(before);

        Path log2 = tmp.resolve("sync-2.log");
        Process second = sync(b, log2);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("second run ends").isTrue();
        String out = Files.readString(log2);
        assertThat(second.exitValue()).as(out).isZero();
        Matcher m =
            Pattern.compile("a: pulled ([0-9]+) new, ([0-9]+) unchanged, 0 refused").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        int added = Integer.parseInt(m.group(1));
        int unchanged = Integer.parseInt(m.group(2));
        assertThat(added).isEqualTo(OBJECTS - before);
        assertThat(unchanged).as("resumed from the checkpoint").isLessThanOrEqualTo(PAGE);
        assertThat(out).contains("their signed audit head (").doesNotContain("problem");
      } finally {
        server.close();
      }
    }
    assertThat(pulled(b)).isEqualTo(OBJECTS);
    assertThat(distinctVersions(b)).isEqualTo(OBJECTS);
    CliRun verify = CliRun.of("audit", "verify", "--data", b.toString());
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("intact: ");
  }

  /** {@code detente sync a} on node {@code data} in a child JVM, its output in {@code log}. */
  private static Process sync(Path data, Path log) throws IOException {
    String classPath = System.getProperty("java.class.path");
    assertThat(classPath)
        .as("the test class path, with the command's classes")
        .contains(Path.of("cli", "target", "classes").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                Detente.class.getName(),
                "sync",
                "a",
                "--page-size",
                Integer.toString(PAGE),
                "--attempts",
                "2",
                "--data",
                data.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** {@value #OBJECTS} indicators, 70% first versions and 30% second versions. */
  private static void fill(Store store) {
    List<StixObject> batch = new ArrayList<>();
    int first = OBJECTS * 7 / 10;
    for (int i = 0; i < OBJECTS; i++) {
      batch.add(indicator(i < first ? i : i - first, i < first ? 0 : 1));
      if (batch.size() == 5_000) {
        store.add("intel", batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.add("intel", batch);
    }
  }

  private static StixObject indicator(int i, int version) {
    String id =
        "indicator--" + UUID.nameUUIDFromBytes(("kill " + i).getBytes(StandardCharsets.UTF_8));
    String created = String.format("2026-01-01T00:00:%02d.%03dZ", (i / 1000) % 60, i % 1000);
    String modified = String.format("2026-0%d-01T00:00:00.000Z", 2 + version);
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\""
            + created
            + "\",\"modified\":\""
            + modified
            + "\",\"name\":\"indicator "
            + i
            + "\",\"pattern\":\"[ipv4-addr:value = '10."
            + (i >> 16 & 0xff)
            + "."
            + (i >> 8 & 0xff)
            + "."
            + (i & 0xff)
            + "']\",\"pattern_type\":\"stix\",\"valid_from\":\""
            + created
            + "\"}");
  }

  private static void register(
      Store store,
      Path dir,
      String name,
      String identity,
      String publicKey,
      String url,
      String secret,
      String... routes)
      throws IOException {
    Optional<String> sealed = Optional.empty();
    if (secret != null) {
      byte[] k = NodeKeys.in(dir).credentialKey();
      try {
        sealed = Optional.of(new CredentialSeal(k).seal(name, secret.toCharArray()));
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    }
    new Partners(store.partners())
        .add(
            new StoredPartner(
                name,
                identity,
                publicKey,
                url,
                secret == null ? Optional.of("peer-" + name) : Optional.empty(),
                Optional.of(AGREEMENT + String.join("", routes)),
                Optional.empty(),
                sealed));
  }

  /** The versions committed in B's from-a, read from its database by another connection. */
  private static int pulled(Path b) throws SQLException {
    return count(
        b,
        "SELECT count(*) FROM stix_object o JOIN collection c ON o.ckey = c.ckey"
            + " WHERE c.id = 'from-a'");
  }

  private static int distinctVersions(Path b) throws SQLException {
    return count(
        b,
        "SELECT count(DISTINCT o.id || '|' || o.version_key) FROM stix_object o"
            + " JOIN collection c ON o.ckey = c.ckey WHERE c.id = 'from-a'");
  }

  private static int audited(Path b) throws SQLException {
    return count(b, "SELECT count(*) FROM audit_entry WHERE party = 'a' AND direction = 'in'");
  }

  private static int count(Path b, String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + b.resolve("detente.db") + "?open_mode=1");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
