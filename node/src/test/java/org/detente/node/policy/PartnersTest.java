package org.detente.node.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.detente.node.identity.NodeKeys;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The partners registry on SQLite and on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnersTest {
  private static final String AGREEMENT =
      "agreement_version = 2\ncollections = [\"intel\"]\nmax_tlp = \"green\"\n";

  static final String URL =
      System.getenv()
          .getOrDefault(
              "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  final String schema = "detente_partners_" + Long.toHexString(System.nanoTime());

  @TempDir static Path dir;
  Store sqlite;
  Store postgres;
  String key;

  @BeforeAll
  void open() throws Exception {
    sqlite = Stores.open(new StoreConfig.Sqlite(dir));
    postgres =
        Stores.open(
            new StoreConfig.Postgres(
                URL, Optional.empty(), Optional.empty(), Optional.of(schema), 2));
    key =
        NodeKeys.publicKeyPem(
            java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
  }

  @AfterAll
  void close() throws java.sql.SQLException {
    sqlite.close();
    postgres.close();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(URL);
        java.sql.Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  Stream<Store> stores() {
    return Stream.of(sqlite, postgres);
  }

  private StoredPartner partner(String name, String identity, String account, String agreement) {
    return new StoredPartner(
        name,
        identity,
        key,
        "https://" + name + ".example.org/taxii2/",
        Optional.ofNullable(account),
        Optional.ofNullable(agreement),
        Optional.of("us-at-" + name),
        Optional.of("v1:sealed"));
  }

  private static String identity(int n) {
    return "identity--00000000-0000-4000-8000-%012d".formatted(n);
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("stores")
  void addListRemove_recipientsKnowTheOthers(Store store) {
    Partners p = new Partners(store.partners());
    String tag = Long.toHexString(System.nanoTime());
    p.add(partner("b" + tag, identity(1), "acct-b" + tag, AGREEMENT));
    p.add(partner("c" + tag, identity(2), null, null));
    List<StoredPartner> all = p.list();
    assertThat(all).extracting(StoredPartner::name).contains("b" + tag, "c" + tag);
    StoredPartner b =
        all.stream().filter(x -> x.name().equals("b" + tag)).findFirst().orElseThrow();
    assertThat(b.remoteUser()).contains("us-at-b" + tag);
    assertThat(b.remoteSecret()).contains("v1:sealed");

    Recipient r = p.forAccount("acct-b" + tag).orElseThrow();
    assertThat(r.partner()).isEqualTo("b" + tag);
    assertThat(r.agreement().orElseThrow().version()).isEqualTo(2);
    assertThat(r.otherPartners()).contains(identity(2)).doesNotContain(identity(1));
    assertThat(p.forPartner("c" + tag).orElseThrow().agreement()).isEmpty();
    assertThat(p.forAccount("nobody")).isEmpty();

    assertThatThrownBy(() -> p.add(partner("b" + tag, identity(3), null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> p.add(partner("d" + tag, identity(1), null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");

    assertThat(p.remove("b" + tag)).isTrue();
    assertThat(p.remove("b" + tag)).isFalse();
    assertThat(p.forAccount("acct-b" + tag)).isEmpty();
    p.remove("c" + tag);
  }

  @ParameterizedTest(autoCloseArguments = false)
  @MethodSource("stores")
  void add_badInput_refusedAndNothingWritten(Store store) {
    Partners p = new Partners(store.partners());
    int before = p.list().size();
    assertThatThrownBy(() -> p.add(partner("e", "indicator--x", null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--identity");
    assertThatThrownBy(
            () ->
                p.add(
                    new StoredPartner(
                        "e",
                        identity(9),
                        "not a key",
                        "https://e.example.org/",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public key");
    assertThatThrownBy(
            () ->
                p.add(
                    new StoredPartner(
                        "e",
                        identity(9),
                        key,
                        "ftp://e.example.org/",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--taxii");
    assertThatThrownBy(
            () -> p.add(partner("e", identity(9), null, AGREEMENT + "max_tlp = \"red\"\n")))
        .isInstanceOf(AgreementException.class);
    assertThat(p.list()).hasSize(before);
  }
}
