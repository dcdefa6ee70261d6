package org.detente.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.detente.node.taxii.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  private Path resource(String name) throws Exception {
    Path p = dir.resolve(name);
    try (InputStream in = ServerConfigTest.class.getResourceAsStream(name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void parse_everyKey_isRead() throws Exception {
    resource("test-cert.pem");
    resource("test-key.pem");
    ServerConfig c =
        ServerConfig.parse(
            """
            listen = "0.0.0.0:9443"
            public_url = "https://taxii.example.org/"
            [discovery]
            title = "T"
            description = "D"
            contact = "soc@example.org"
            default_api_root = "b"
            [[api_roots]]
            path = "a"
            title = "A"
            collections = ["x", "y"]
            [[api_roots]]
            path = "b"
            [store]
            kind = "sqlite"
            data = "store"
            [tls]
            certificate = "test-cert.pem"
            key = "test-key.pem"
            [limits]
            max_content_length = 2048
            max_objects_per_envelope = 500
            default_page_size = 100
            max_page_size = 5000
            requests_per_second = 2.5
            burst = 10
            status_retention = "7d"
            """,
            dir);
    assertThat(c.listen()).isEqualTo(new TaxiiServer.Listen("0.0.0.0", 9443));
    assertThat(c.publicUrl()).contains("https://taxii.example.org");
    assertThat(c.tls())
        .contains(new TaxiiServer.Tls(dir.resolve("test-cert.pem"), dir.resolve("test-key.pem")));
    assertThat(c.store()).contains(new StoreConfig.Sqlite(dir.resolve("store")));
    TaxiiService.Settings s = c.service();
    assertThat(s.title()).isEqualTo("T");
    assertThat(s.contact()).contains("soc@example.org");
    assertThat(s.defaultRoot()).contains("b");
    assertThat(s.roots()).hasSize(2);
    assertThat(s.roots().get(0).collections()).containsExactlyInAnyOrder("x", "y");
    assertThat(s.roots().get(1).collections()).isEmpty();
    assertThat(s.maxContentLength()).isEqualTo(2048);
    assertThat(s.maxObjectsPerEnvelope()).isEqualTo(500);
    assertThat(s.defaultPageSize()).isEqualTo(100);
    assertThat(s.maxPageSize()).isEqualTo(5000);
    assertThat(s.statusRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.requestsPerSecond()).isEqualTo(2.5);
    assertThat(c.burst()).isEqualTo(10);
  }

  @Test
  void parse_empty_isTheDefaults() {
    assertThat(ServerConfig.parse("", dir)).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void parse_badFiles_nameTheProblem() {
    assertThatThrownBy(() -> ServerConfig.parse("listen = \"x\"\n\n[limits\n", dir))
        .hasMessageStartingWith("line 3: not valid TOML");
    assertThatThrownBy(() -> ServerConfig.parse("[limits]\nmax_page_sise = 3\n", dir))
        .hasMessageStartingWith("unknown key 'limits.max_page_sise'");
    assertThatThrownBy(() -> ServerConfig.parse("[limits]\nburst = \"3\"\n", dir))
        .hasMessage("'limits.burst' must be an integer, got \"3\"");
    assertThatThrownBy(() -> ServerConfig.parse("listen = \"localhost\"\n", dir))
        .hasMessageContaining("listen address must be HOST:PORT");
    assertThatThrownBy(() -> ServerConfig.parse("[limits]\nstatus_retention = \"soon\"\n", dir))
        .hasMessageContaining("status_retention");
    assertThatThrownBy(
            () -> ServerConfig.parse("[tls]\ncertificate = \"nope.pem\"\nkey = \"k\"\n", dir))
        .hasMessageContaining("tls: cannot read");
    assertThatThrownBy(() -> ServerConfig.parse("[[api_roots]]\ntitle = \"x\"\n", dir))
        .hasMessage("missing key 'api_roots[0].path'");
    assertThatThrownBy(() -> ServerConfig.parse("[[api_roots]]\npath = \"a b\"\n", dir))
        .hasMessageContaining("API root path");
    assertThatThrownBy(() -> ServerConfig.parse("[discovery]\ndefault_api_root = \"zz\"\n", dir))
        .hasMessageContaining("default API root 'zz' is not configured");
    assertThatThrownBy(() -> ServerConfig.parse("[store]\nkind = \"mysql\"\n", dir))
        .hasMessage("store.kind must be sqlite or postgres, got 'mysql'");
    assertThatThrownBy(() -> ServerConfig.parse("[store]\nkind = \"postgres\"\n", dir))
        .hasMessageContaining("missing key 'store.jdbc_url'");
  }

  @Test
  void tls_servesHttps() throws Exception {
    Path cert = resource("test-cert.pem");
    Path key = resource("test-key.pem");
    try (Store store = Stores.open(new StoreConfig.Sqlite(dir.resolve("data")))) {
      Accounts accounts = Accounts.of(store.accounts(), 1_000, 100, 100);
      accounts.add("a", Optional.of("p".toCharArray()), Set.of(), Set.of());
      TaxiiServer server =
          TaxiiServer.start(
              new TaxiiService(
                  store,
                  TaxiiService.Settings.defaults(),
                  ObjectRules.standard(),
                  Clock.systemUTC()),
              accounts,
              new TaxiiServer.Options(
                  new TaxiiServer.Listen("127.0.0.1", 0),
                  Optional.empty(),
                  Optional.of(new TaxiiServer.Tls(cert, key))));
      try {
        assertThat(server.url().getScheme()).isEqualTo("https");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
          trust.setCertificateEntry(
              "test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpResponse<String> r =
            HttpClient.newBuilder()
                .sslContext(ssl)
                .build()
                .send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/taxii2/"))
                        .header("Accept", MediaTypes.TAXII_21)
                        .header("Authorization", TaxiiServerContract.basic("a", "p"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"api_roots\":[\"https://127.0.0.1:");
      } finally {
        server.close();
      }
    }
  }

  @Test
  void tls_keyNotPkcs8_isRefusedWithTheFix() throws Exception {
    Path cert = resource("test-cert.pem");
    Path key = dir.resolve("rsa.pem");
    Files.writeString(
        key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> Pem.keyStore(cert, key, "x".toCharArray()))
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }
}
