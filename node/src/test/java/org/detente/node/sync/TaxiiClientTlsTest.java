package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over HTTPS against a loopback server with a self-signed certificate made by the JDK's
 * keytool: trusted through the SSLContext given to the builder, refused without it.
 */
class TaxiiClientTlsTest {
  @TempDir Path dir;

  @Test
  void apiRoot_https_worksWithTheSuppliedTrustAndFailsWithout() throws Exception {
    char[] pw = "changeit".toCharArray();
    Path ks = dir.resolve("server.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                new String(pw))
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, pw);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, pw);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        ex -> {
          byte[] body =
              ("{\"title\":\"T\",\"versions\":[\"application/taxii+json;version=2.1\"],"
                      + "\"max_content_length\":2048}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    URI root = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    try (TaxiiClient trusting = TaxiiClient.builder().sslContext(clientTls).build();
        TaxiiClient plain = TaxiiClient.builder().requestTimeout(Duration.ofSeconds(5)).build()) {
      assertThat(trusting.apiRoot(root).maxContentLength()).isEqualTo(2048);
      assertThatThrownBy(() -> plain.apiRoot(root))
          .isInstanceOf(TaxiiConnectionException.class)
          .hasMessageContaining("connection failed");
    } finally {
      server.stop(0);
    }
  }
}
