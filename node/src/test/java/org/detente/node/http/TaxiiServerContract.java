package org.detente.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.TaxiiJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The TAXII server over real HTTP on a loopback port, on one store; one subclass per database. The
 * server and store are started once per class; each test makes its own collections and accounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaxiiServerContract {
  static final String TAXII = MediaTypes.TAXII_21;

  Store store;
  Accounts accounts;
  TaxiiServer server;
  final HttpClient http = HttpClient.newHttpClient();

  abstract Store open();

  @BeforeAll
  void startServer() {
    store = open();
    accounts = Accounts.of(store.accounts(), 1_000, 10_000, 10_000);
    TaxiiService service =
        new TaxiiService(store, settings(), ObjectRules.standard(), Clock.systemUTC());
    server =
        TaxiiServer.start(
            service,
            accounts,
            new TaxiiServer.Options(
                new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
  }

  TaxiiService.Settings settings() {
    TaxiiService.Settings d = TaxiiService.Settings.defaults();
    return new TaxiiService.Settings(
        d.title(),
        d.description(),
        d.contact(),
        List.of(
            new TaxiiService.Root("api", "Main", Optional.of("all collections"), Set.of()),
            new TaxiiService.Root("other", "Other", Optional.empty(), Set.of("only-this"))),
        Optional.of("api"),
        64 * 1024,
        100,
        50,
        200,
        d.statusRetention());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    store.close();
  }

  // ------------------------------------------------------------------ helpers

  /** A new collection with a random id. */
  String collection() {
    String id = "c-" + UUID.randomUUID();
    store.putCollection(CollectionInfo.of(id, "Collection " + id));
    return id;
  }

  /** A new account with a random name and these rights; returns its Authorization header. */
  String account(Set<String> read, Set<String> write) {
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    accounts.add(name, Optional.of(password.toCharArray()), read, write);
    return basic(name, password);
  }

  static String basic(String name, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(
      String method, String path, String auth, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    List<String> h = new ArrayList<>(List.of(headers));
    if (h.stream().noneMatch(x -> x.equalsIgnoreCase("Accept"))) {
      h.addAll(List.of("Accept", TAXII));
    }
    if (auth != null) {
      h.addAll(List.of("Authorization", auth));
    }
    for (int i = 0; i < h.size(); i += 2) {
      b.header(h.get(i), h.get(i + 1));
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String auth, String... headers) {
    return send("GET", path, auth, null, headers);
  }

  HttpResponse<String> post(String path, String auth, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = TAXII;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", path, auth, body, all);
  }

  static JsonNode json(HttpResponse<String> r) {
    return TaxiiJson.parse(r.body());
  }

  /** Asserts a TAXII error response and returns its body. */
  static JsonNode error(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains(TAXII);
    JsonNode e = json(r);
    assertThat(e.get("title").textValue()).isNotBlank();
    assertThat(e.get("http_status").textValue()).isEqualTo(Integer.toString(status));
    return e;
  }

  static String indicator(String id, String modified) {
    return indicator(id, modified, "[ipv4-addr:value = '198.51.100.1']");
  }

  static String indicator(String id, String modified, String pattern) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\""
        + modified
        + "\",\"name\":\"n\",\"pattern\":\""
        + pattern.replace("'", "'")
        + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}";
  }

  static String envelope(String... objects) {
    return "{\"objects\":[" + String.join(",", objects) + "]}";
  }

  static String newId() {
    return "indicator--" + UUID.randomUUID();
  }

  static String ts(int day) {
    return "2024-02-%02dT00:00:00.000Z".formatted(day);
  }

  // ------------------------------------------------------------------ discovery and API root

  @Test
  void discovery_listsApiRootsAsUrls() {
    String auth = account(Set.of(), Set.of());
    HttpResponse<String> r = get("/taxii2/", auth);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(TAXII);
    JsonNode d = json(r);
    assertThat(d.get("title").textValue()).isEqualTo("Détente node");
    assertThat(d.get("default").textValue()).isEqualTo(server.url() + "/api/");
    assertThat(d.get("api_roots").toString())
        .isEqualTo("[\"" + server.url() + "/api/\",\"" + server.url() + "/other/\"]");
  }

  @Test
  void apiRoot_advertisesVersionAndMaxContentLength() {
    String auth = account(Set.of(), Set.of());
    JsonNode root = json(get("/api/", auth));
    assertThat(root.get("title").textValue()).isEqualTo("Main");
    assertThat(root.get("versions").toString()).isEqualTo("[\"" + TAXII + "\"]");
    assertThat(root.get("max_content_length").longValue()).isEqualTo(64 * 1024);
    error(get("/nope/", auth), 404);
  }

  // ------------------------------------------------------------------ objects

  @Test
  void addThenGet_objectsRoundTrip() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String id = newId();
    HttpResponse<String> r =
        post("/api/collections/" + c + "/objects/", auth, envelope(indicator(id, ts(1))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode status = json(r);
    assertThat(status.get("status").textValue()).isEqualTo("complete");
    assertThat(status.get("success_count").intValue()).isEqualTo(1);
    assertThat(status.get("successes").get(0).get("id").textValue()).isEqualTo(id);
    HttpResponse<String> g = get("/api/collections/" + c + "/objects/", auth);
    assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
    JsonNode env = json(g);
    assertThat(env.get("more").booleanValue()).isFalse();
    assertThat(env.get("objects").get(0).get("id").textValue()).isEqualTo(id);
    assertThat(g.headers().firstValue(Endpoints.DATE_ADDED_FIRST)).isPresent();
  }
}
