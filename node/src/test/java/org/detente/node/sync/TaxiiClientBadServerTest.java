package org.detente.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.VersionMatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server on a loopback port that answers badly on purpose: every bad
 * answer must end in a {@link TaxiiException} of the right kind, quickly, never in a hang or a
 * loop.
 */
class TaxiiClientBadServerTest {
  private static final String TAXII = "application/taxii+json;version=2.1";

  /** What the server answers on one path: status, content type, body, extra headers. */
  record Reply(int status, String type, byte[] body, Map<String, String> headers) {
    static Reply json(int status, String body) {
      return new Reply(status, TAXII, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
  }

  private HttpServer server;
  private URI root;
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Runnable> special = new ConcurrentHashMap<>();
  private TaxiiClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::answer);
    server.start();
    root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    client = client(TaxiiCredentials.basic("alice", "s3cret-pw"), 1 << 20);
  }

  @AfterEach
  void stop() {
    client.close();
    quickClients.forEach(TaxiiClient::close);
    server.stop(0);
  }

  private TaxiiClient client(TaxiiCredentials credentials, long maxBytes) {
    return TaxiiClient.builder()
        .credentials(credentials)
        .requestTimeout(Duration.ofSeconds(2))
        .maxResponseBytes(maxBytes)
        .statusWait(Duration.ofMillis(500))
        .build();
  }

  private void answer(HttpExchange ex) throws IOException {
    seen.add(ex);
    String path = ex.getRequestURI().getRawPath();
    Reply r = replies.get(path);
    if (r == null) {
      r = Reply.json(404, "{\"title\":\"not found\",\"description\":\"no " + path + "\"}");
    }
    r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", r.type());
    if (special.containsKey(path)) {
      ex.sendResponseHeaders(r.status(), 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
        out.flush();
        special.get(path).run();
      }
      return;
    }
    ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  /** What a server that stops in the middle of a body does: nothing, for ten seconds. */
  private static void stall() {
    try {
      Thread.sleep(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private TaxiiPages<?> objects() {
    return client.objects(root, "c1", ObjectFilter.all(), 10);
  }

  @Test
  void apiRoot_sendsTaxiiAcceptAndBasicCredentials() {
    replies.put(
        "/api/",
        Reply.json(
            200, "{\"title\":\"A\",\"versions\":[\"" + TAXII + "\"],\"max_content_length\":1000}"));
    assertThat(client.apiRoot(root).maxContentLength()).isEqualTo(1000);
    HttpExchange ex = seen.get(0);
    assertThat(ex.getRequestHeaders().getFirst("Accept")).isEqualTo(TAXII);
    assertThat(ex.getRequestHeaders().getFirst("Authorization"))
        .isEqualTo("Basic YWxpY2U6czNjcmV0LXB3");
  }

  @Test
  void add_postsEnvelopeWithTaxiiContentTypeAndBearerKey() {
    replies.put(
        "/api/collections/c1/objects/",
        Reply.json(
            202,
            "{\"id\":\"s1\",\"status\":\"complete\",\"total_count\":1,\"success_count\":1,"
                + "\"failure_count\":0,\"pending_count\":0}"));
    try (TaxiiClient bearer = client(TaxiiCredentials.bearer("key-123"), 1 << 20)) {
      assertThat(bearer.add(root, "c1", List.of(Indicators.indicator(1, 0))).successCount())
          .isEqualTo(1);
    }
    HttpExchange ex = seen.get(0);
    assertThat(ex.getRequestMethod()).isEqualTo("POST");
    assertThat(ex.getRequestHeaders().getFirst("Content-Type")).isEqualTo(TAXII);
    assertThat(ex.getRequestHeaders().getFirst("Authorization")).isEqualTo("Bearer key-123");
  }

  @Test
  void add_statusStaysPending_returnsPendingStatusAfterTheWait() {
    String pending =
        "{\"id\":\"s1\",\"status\":\"pending\",\"total_count\":1,\"success_count\":0,"
            + "\"failure_count\":0,\"pending_count\":1}";
    replies.put("/api/collections/c1/objects/", Reply.json(202, pending));
    replies.put("/api/status/s1/", Reply.json(200, pending));
    long t0 = System.nanoTime();
    var status = client.add(root, "c1", List.of(Indicators.indicator(1, 0)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(status.pendingCount()).isEqualTo(1);
    assertThat(ms).isBetween(400L, 3_000L);
    long polls = seen.stream().filter(e -> e.getRequestURI().getPath().contains("status")).count();
    assertThat(polls).isBetween(2L, 6L); // 50, 100, 200 ms pauses: backoff, not a busy loop
  }

  @Test
  void get_malformedJson_isBadResponse() {
    replies.put("/api/", Reply.json(200, "{\"title\": \"A\", "));
    assertThatThrownBy(() -> client.apiRoot(root))
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("GET " + root)
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void get_propertyOfWrongType_isBadResponseNamingIt() {
    replies.put("/api/collections/c1/objects/", Reply.json(200, "{\"more\":\"yes\"}"));
    assertThatThrownBy(() -> objects().next())
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("'more'");
  }

  @Test
  void get_wrongContentType_isBadResponse() {
    replies.put(
        "/api/",
        new Reply(200, "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8), Map.of()));
    assertThatThrownBy(() -> client.apiRoot(root))
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("text/html");
  }

  @Test
  void get_bodyOverLimit_isBadResponse() {
    byte[] big = new byte[5_000];
    java.util.Arrays.fill(big, (byte) ' ');
    replies.put("/api/", new Reply(200, TAXII, big, Map.of()));
    try (TaxiiClient small = client(TaxiiCredentials.none(), 4_096)) {
      assertThatThrownBy(() -> small.apiRoot(root))
          .isInstanceOf(TaxiiResponseException.class)
          .hasMessageContaining("over the limit of 4096");
    }
  }

  @Test
  void get_chunkedBodyOverLimit_isBadResponse() {
    byte[] big = new byte[5_000];
    java.util.Arrays.fill(big, (byte) ' ');
    replies.put("/api/", new Reply(200, TAXII, big, Map.of()));
    special.put("/api/", () -> {});
    try (TaxiiClient small = client(TaxiiCredentials.none(), 4_096)) {
      assertThatThrownBy(() -> small.apiRoot(root))
          .isInstanceOf(TaxiiResponseException.class)
          .hasMessageContaining("over the limit of 4096");
    }
  }

  @Test
  void get_serverStallsInTheBody_timesOut() {
    replies.put("/api/", Reply.json(200, "{\"title\":"));
    special.put("/api/", TaxiiClientBadServerTest::stall);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> client.apiRoot(root))
        .isInstanceOf(TaxiiConnectionException.class)
        .hasMessageContaining("2000 ms")
        .satisfies(e -> assertThat(((TaxiiException) e).retryable()).isTrue());
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void stream_serverStallsInTheBody_failsAfterTheIdleTime() {
    replies.put(
        "/export/", new Reply(200, "application/x-ndjson", "{\"a\":1}\n".getBytes(), Map.of()));
    special.put("/export/", TaxiiClientBadServerTest::stall);
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                quick().stream(
                    root.resolve("/export/"), "application/x-ndjson", InputStream::readAllBytes))
        .isInstanceOf(TaxiiConnectionException.class)
        .hasMessageContaining("no data arrived for 400 ms");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3_000);
  }

  @Test
  void stream_slowButSteadyBody_isReadPastTheDeadline() {
    server.createContext(
        "/steady/",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "application/x-ndjson");
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 8; i++) {
              out.write(("{\"line\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
              out.flush();
              Thread.sleep(150);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    long t0 = System.nanoTime();
    byte[] body =
        quick().stream(root.resolve("/steady/"), "application/x-ndjson", InputStream::readAllBytes);
    assertThat(new String(body, StandardCharsets.UTF_8).lines()).hasSize(8);
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThan(1_000);
  }

  /** A client whose deadline is 400 ms. */
  private TaxiiClient quick() {
    TaxiiClient c = TaxiiClient.builder().requestTimeout(Duration.ofMillis(400)).build();
    quickClients.add(c);
    return c;
  }

  private final List<TaxiiClient> quickClients = new CopyOnWriteArrayList<>();

  @Test
  void get_errorStatus_carriesStatusAndErrorResource() {
    replies.put(
        "/api/collections/c1/",
        Reply.json(403, "{\"title\":\"Forbidden\",\"description\":\"no read right on c1\"}"));
    assertThatThrownBy(() -> client.collection(root, "c1"))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.title()).isEqualTo("Forbidden");
              assertThat(e.description()).contains("no read right on c1");
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("YWxpY2U");
            });
  }

  @Test
  void get_errorWithoutErrorResource_namesTheStatus() {
    replies.put(
        "/api/",
        new Reply(502, "text/plain", "bad gateway".getBytes(StandardCharsets.UTF_8), Map.of()));
    assertThatThrownBy(() -> client.apiRoot(root))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.title()).isEqualTo("HTTP 502");
              assertThat(e.error()).isEmpty();
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void get_tooManyRequests_carriesRetryAfter() {
    replies.put(
        "/api/",
        new Reply(
            429,
            TAXII,
            "{\"title\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("Retry-After", "3")));
    assertThatThrownBy(() -> client.apiRoot(root))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void get_redirect_isNotFollowed() {
    replies.put(
        "/api/",
        new Reply(302, TAXII, new byte[0], Map.of("Location", "http://127.0.0.1:1/elsewhere/")));
    assertThatThrownBy(() -> client.apiRoot(root))
        .isInstanceOfSatisfying(
            TaxiiHttpException.class, e -> assertThat(e.status()).isEqualTo(302));
    assertThat(seen).hasSize(1);
  }

  @Test
  void get_nothingListening_isConnectionFailure() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> client.apiRoot(URI.create("http://127.0.0.1:" + port + "/api/")))
        .isInstanceOf(TaxiiConnectionException.class)
        .hasMessageContaining("connection failed");
  }

  @Test
  void objects_sameNextTwice_stopsInsteadOfLooping() {
    replies.put(
        "/api/collections/c1/objects/",
        Reply.json(
            200, "{\"more\":true,\"next\":\"n1\",\"objects\":[" + Indicators.json(1, 0) + "]}"));
    TaxiiPages<?> pages = objects();
    pages.next();
    assertThatThrownBy(pages::next)
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("same next 'n1' twice");
    assertThat(seen).hasSize(2);
  }

  @Test
  void objects_moreWithEmptyPage_stops() {
    replies.put("/api/collections/c1/objects/", Reply.json(200, "{\"more\":true,\"next\":\"x\"}"));
    assertThatThrownBy(() -> objects().next())
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("empty page with more=true");
  }

  @Test
  void manifest_dateAddedLastDoesNotAdvance_stops() {
    String record =
        "{\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"date_added\":"
            + "\"2026-01-01T00:00:00.000001Z\",\"version\":\"2026-01-01T00:00:00.000Z\","
            + "\"media_type\":\"application/stix+json;version=2.1\"}";
    replies.put(
        "/api/collections/c1/manifest/",
        new Reply(
            200,
            TAXII,
            ("{\"more\":true,\"objects\":[" + record + "]}").getBytes(StandardCharsets.UTF_8),
            Map.of(
                "X-TAXII-Date-Added-First", "2026-01-01T00:00:00.000001Z",
                "X-TAXII-Date-Added-Last", "2026-01-01T00:00:00.000001Z")));
    TaxiiPages<?> pages = client.manifest(root, "c1", ObjectFilter.all(), 1);
    pages.next();
    assertThat(pages.checkpoint()).contains(java.time.Instant.parse("2026-01-01T00:00:00.000001Z"));
    assertThatThrownBy(pages::next)
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("does not advance");
    assertThat(seen.get(1).getRequestURI().getRawQuery())
        .isEqualTo("added_after=2026-01-01T00:00:00.000001Z&limit=1");
  }

  @Test
  void objects_badDateAddedHeader_isBadResponse() {
    replies.put(
        "/api/collections/c1/objects/",
        new Reply(
            200,
            TAXII,
            "{\"more\":false}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-TAXII-Date-Added-Last", "yesterday")));
    assertThatThrownBy(() -> objects().next())
        .isInstanceOf(TaxiiResponseException.class)
        .hasMessageContaining("X-TAXII-Date-Added-Last")
        .hasMessageContaining("yesterday");
  }

  @Test
  void objects_filters_areSentAsTaxiiParameters() {
    replies.put("/api/collections/c%201/objects/", Reply.json(200, "{\"more\":false}"));
    ObjectFilter f =
        ObjectFilter.all()
            .withIds("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
            .withTypes("indicator", "malware")
            .withVersions(VersionMatch.parse("first,2026-01-01T00:00:00.000Z"))
            .withSpecVersions("2.1")
            .withAddedAfter(java.time.Instant.parse("2026-01-02T03:04:05.123456Z"));
    assertThat(client.objects(root, "c 1", f, 500).items()).isEmpty();
    assertThat(seen.get(0).getRequestURI().getRawQuery())
        .isEqualTo(
            "added_after=2026-01-02T03:04:05.123456Z"
                + "&match%5Bid%5D=indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
                + "&match%5Btype%5D=indicator,malware"
                + "&match%5Bversion%5D=first,2026-01-01T00:00:00.000Z"
                + "&match%5Bspec_version%5D=2.1&limit=500");
  }

  @Test
  void builder_badSettings_areRejected() {
    assertThatThrownBy(() -> TaxiiClient.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request timeout");
    assertThatThrownBy(() -> TaxiiClient.builder().maxResponseBytes(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10");
    assertThatThrownBy(() -> TaxiiClient.builder().maxResponseBytes(4L << 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4294967296");
    assertThatThrownBy(() -> client.apiRoot(URI.create("ftp://x/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.apiRoot(URI.create("http://u:p@127.0.0.1/api/")))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("u:p");
  }

  @Test
  void credentials_toString_hidesSecrets() {
    assertThat(TaxiiCredentials.basic("alice", "s3cret-pw").toString())
        .contains("alice")
        .doesNotContain("s3cret");
    assertThat(TaxiiCredentials.bearer("key-123").toString()).doesNotContain("key-123");
    assertThatThrownBy(() -> TaxiiCredentials.basic("a:b", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaxiiCredentials.bearer("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("has space");
  }
}
