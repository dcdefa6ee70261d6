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
import org.detente.node.audit.AuditLog;
import org.detente.node.service.Accounts;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.AuditRecord;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Store;
import org.detente.node.taxii.MediaTypes;
import org.detente.node.taxii.TaxiiJson;
import org.detente.stix.StixObject;
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

  // ------------------------------------------------------------------ authentication and rights

  @Test
  void noCredentials_401WithBothChallenges() {
    for (String path : List.of("/taxii2/", "/api/", "/no/such/path/")) {
      HttpResponse<String> r = get(path, null);
      error(r, 401);
      assertThat(r.headers().allValues("WWW-Authenticate"))
          .anyMatch(v -> v.startsWith("Basic realm=\"detente\""))
          .anyMatch(v -> v.startsWith("Bearer realm=\"detente\""));
    }
  }

  @Test
  void badCredentials_401() {
    String c = collection();
    account(Set.of(c), Set.of());
    error(get("/taxii2/", basic("nobody", "x")), 401);
    error(get("/taxii2/", "Bearer dtk_not-a-key"), 401);
    error(get("/taxii2/", "Basic !!!"), 401);
    error(get("/taxii2/", "Digest abc"), 401);
    String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.add(name, Optional.of("right".toCharArray()), Set.of(c), Set.of());
    error(get("/taxii2/", basic(name, "wrong")), 401);
    assertThat(get("/taxii2/", basic(name, "right")).statusCode()).isEqualTo(200);
    assertThat(get("/taxii2/", basic(name, "right")).statusCode()).as("cached").isEqualTo(200);
    error(get("/taxii2/", basic(name, "wrong")), 401);
  }

  @Test
  void apiKey_authenticatesAsItsAccount() {
    String c = collection();
    String name = "k-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.add(name, Optional.empty(), Set.of(c), Set.of());
    String key = accounts.newApiKey(name);
    assertThat(get("/api/collections/" + c + "/", "Bearer " + key).statusCode()).isEqualTo(200);
    error(get("/api/collections/" + c + "/", basic(name, "")), 401);
    accounts.revoke(name);
    error(get("/api/collections/" + c + "/", "Bearer " + key), 401);
  }

  @Test
  void rights_403WithoutTheRight_404WhenNotVisible_identicalToMissing() {
    String c = collection();
    String other = collection();
    String reader = account(Set.of(c), Set.of());
    String writer = account(Set.of(), Set.of(c));
    String objects = "/api/collections/" + c + "/objects/";
    error(post(objects, reader, envelope(indicator(newId(), ts(1)))), 403);
    error(send("DELETE", objects + newId() + "/", reader, null), 403);
    error(get(objects, writer), 403);
    error(get("/api/collections/" + c + "/manifest/", writer), 403);
    assertThat(post(objects, writer, envelope(indicator(newId(), ts(1)))).statusCode())
        .isEqualTo(202);
    // not visible: the same answer as a collection that does not exist
    String[] suffixes = {
      "/", "/objects/", "/manifest/", "/objects/x--1/", "/objects/x--1/versions/"
    };
    for (String suffix : suffixes) {
      HttpResponse<String> hidden = get("/api/collections/" + other + suffix, reader);
      error(hidden, 404);
      String missingId = other.replace("c-", "m-").substring(0, other.length());
      HttpResponse<String> missing = get("/api/collections/" + missingId + suffix, reader);
      error(missing, 404);
      assertThat(hidden.body().replace(other, "ID"))
          .isEqualTo(missing.body().replace(missingId, "ID"));
    }
    error(post("/api/collections/" + other + "/objects/", reader, envelope()), 404);
  }

  @Test
  void collections_listOnlyWhatTheAccountSees_withItsRights() {
    String a = collection();
    String b = collection();
    collection();
    String auth = account(Set.of(a), Set.of(b));
    JsonNode list = json(get("/api/collections/", auth)).get("collections");
    assertThat(list).hasSize(2);
    for (JsonNode c : list) {
      boolean isA = c.get("id").textValue().equals(a);
      assertThat(c.get("can_read").booleanValue()).isEqualTo(isA);
      assertThat(c.get("can_write").booleanValue()).isEqualTo(!isA);
      assertThat(c.get("media_types").get(0).textValue()).isEqualTo(MediaTypes.STIX_21);
      assertThat(c.get("title").textValue()).startsWith("Collection ");
    }
    JsonNode one = json(get("/api/collections/" + a + "/", auth));
    assertThat(one.get("id").textValue()).isEqualTo(a);
    // API root "other" serves only the collection "only-this"
    assertThat(json(get("/other/collections/", auth)).has("collections")).isFalse();
    error(get("/other/collections/" + a + "/", auth), 404);
    error(get("/nope/collections/", auth), 404);
  }

  // ------------------------------------------------------------------ content negotiation, limits

  @Test
  void accept_onlyTaxii21IsServed() {
    String auth = account(Set.of(), Set.of());
    for (String ok :
        List.of(
            TAXII,
            "application/taxii+json",
            "application/taxii+json; version=2.1",
            "*/*",
            "application/*",
            "text/html, application/taxii+json;version=2.1;q=0.5")) {
      assertThat(get("/taxii2/", auth, "Accept", ok).statusCode()).as(ok).isEqualTo(200);
    }
    for (String bad :
        List.of(
            "application/json",
            "application/taxii+json;version=2.0",
            "application/stix+json;version=2.1",
            "application/taxii+json;version=2.1;q=0")) {
      error(get("/taxii2/", auth, "Accept", bad), 406);
    }
  }

  @Test
  void contentType_wrongOrMissing_415() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String path = "/api/collections/" + c + "/objects/";
    String body = envelope(indicator(newId(), ts(1)));
    error(send("POST", path, auth, body, "Content-Type", "application/json"), 415);
    error(send("POST", path, auth, body, "Content-Type", MediaTypes.STIX_21), 415);
    error(send("POST", path, auth, body), 415);
    assertThat(
            send("POST", path, auth, body, "Content-Type", "application/taxii+json").statusCode())
        .isEqualTo(202);
  }

  @Test
  void limits_bodyAndEnvelope_413() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String path = "/api/collections/" + c + "/objects/";
    String big =
        envelope(indicator(newId(), ts(1)).replace("\"n\"", "\"" + "x".repeat(70_000) + "\""));
    JsonNode e = error(post(path, auth, big), 413);
    assertThat(e.get("description").textValue()).contains("max_content_length is 65536");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(indicator(newId(), ts(1)));
    }
    e = error(post(path, auth, envelope(many.toArray(String[]::new))), 413);
    assertThat(e.get("description").textValue()).contains("101 objects; at most 100");
    assertThat(json(get(path, auth)).has("objects")).as("nothing stored").isFalse();
  }

  // ------------------------------------------------------------------ adding and status

  @Test
  void add_mixedEnvelope_statusListsSuccessesAndFailuresWithReasons() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String path = "/api/collections/" + c + "/objects/";
    String good = newId();
    String invalid = newId();
    String conflicting = newId();
    assertThat(post(path, auth, envelope(indicator(conflicting, ts(1)))).statusCode())
        .isEqualTo(202);
    HttpResponse<String> r =
        post(
            path,
            auth,
            envelope(
                indicator(good, ts(2)),
                indicator(invalid, ts(2), "[ipv4-addr:value = "),
                indicator(conflicting, ts(1)).replace("\"n\"", "\"changed\""),
                indicator(conflicting, ts(1))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode s = json(r);
    assertThat(s.get("status").textValue()).isEqualTo("complete");
    assertThat(s.get("total_count").intValue()).isEqualTo(4);
    assertThat(s.get("success_count").intValue()).isEqualTo(2);
    assertThat(s.get("failure_count").intValue()).isEqualTo(2);
    assertThat(s.get("pending_count").intValue()).isZero();
    assertThat(s.get("successes").get(0).get("id").textValue()).isEqualTo(good);
    assertThat(s.get("successes").get(0).get("version").textValue()).isEqualTo(ts(2));
    assertThat(s.get("successes").get(1).get("message").textValue()).contains("unchanged");
    assertThat(s.get("failures").get(0).get("id").textValue()).isEqualTo(invalid);
    assertThat(s.get("failures").get(0).get("message").textValue()).contains("pattern");
    assertThat(s.get("failures").get(1).get("id").textValue()).isEqualTo(conflicting);
    assertThat(s.get("failures").get(1).get("message").textValue()).isNotBlank();
    error(get(path + invalid + "/", auth), 404);
    assertThat(
            json(get(path + conflicting + "/", auth)).get("objects").get(0).get("name").textValue())
        .isEqualTo("n");

    String statusPath = "/api/status/" + s.get("id").textValue() + "/";
    HttpResponse<String> again = get(statusPath, auth);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again)).isEqualTo(s);
    error(get(statusPath, account(Set.of(c), Set.of(c))), 404);
    error(get("/api/status/" + UUID.randomUUID() + "/", auth), 404);
  }

  @Test
  void add_malformedEnvelopes_400_andTheServerGoesOn() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String path = "/api/collections/" + c + "/objects/";
    assertThat(error(post(path, auth, "{\"objects\": ["), 400).get("description").textValue())
        .contains("malformed JSON");
    assertThat(error(post(path, auth, "{\"objects\": {}}"), 400).get("description").textValue())
        .contains("'objects' must be a list");
    assertThat(error(post(path, auth, "[]"), 400).get("description").textValue())
        .contains("expected a JSON object");
    assertThat(
            error(post(path, auth, "{\"objects\":[{\"id\":\"x\"}]}"), 400)
                .get("description")
                .textValue())
        .contains("objects[0]");
    error(post(path, auth, ""), 400);
    assertThat(post(path, auth, envelope(indicator(newId(), ts(1)))).statusCode()).isEqualTo(202);
  }

  // ------------------------------------------------------------------ reading, filters, paging

  /** Adds the objects one request each, so that each has its own date_added. */
  void add(String c, String auth, String... objects) {
    for (String o : objects) {
      HttpResponse<String> r = post("/api/collections/" + c + "/objects/", auth, envelope(o));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      assertThat(json(r).get("success_count").intValue()).as(r.body()).isEqualTo(1);
    }
  }

  static List<String> ids(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    JsonNode objects = json(r).get("objects");
    if (objects != null) {
      objects.forEach(o -> out.add(o.get("id").textValue() + "@" + o.path("modified").asText()));
    }
    return out;
  }

  @Test
  void objects_pagesFollowNext_withDateAddedHeaders() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = newId();
      add(c, auth, indicator(id, ts(1)));
      expected.add(id + "@" + ts(1));
    }
    String path = "/api/collections/" + c + "/objects/";
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      HttpResponse<String> r = get(path + "?limit=2" + (next == null ? "" : "&next=" + next), auth);
      JsonNode env = json(r);
      seen.addAll(ids(r));
      pages++;
      assertThat(env.get("objects").size()).isLessThanOrEqualTo(2);
      String first = r.headers().firstValue(Endpoints.DATE_ADDED_FIRST).orElseThrow();
      String last = r.headers().firstValue(Endpoints.DATE_ADDED_LAST).orElseThrow();
      assertThat(first).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      assertThat(first).isLessThanOrEqualTo(last);
      next = env.get("more").booleanValue() ? env.get("next").textValue() : null;
      assertThat(env.has("next")).isEqualTo(next != null);
    } while (next != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(expected);

    // added_after the Date-Added-Last of a page continues exactly after it
    HttpResponse<String> p1 = get(path + "?limit=2", auth);
    String last = p1.headers().firstValue(Endpoints.DATE_ADDED_LAST).orElseThrow();
    assertThat(ids(get(path + "?added_after=" + last, auth))).isEqualTo(expected.subList(2, 5));
    HttpResponse<String> empty = get(path + "?added_after=2999-01-01T00:00:00Z", auth);
    assertThat(empty.body()).isEqualTo("{\"more\":false}");
    assertThat(empty.headers().firstValue(Endpoints.DATE_ADDED_FIRST)).isEmpty();
  }

  @Test
  void next_forgedOrFromAnotherQuery_400() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    add(c, auth, indicator(newId(), ts(1)), indicator(newId(), ts(1)));
    String path = "/api/collections/" + c + "/objects/";
    String next = json(get(path + "?limit=1", auth)).get("next").textValue();
    assertThat(ids(get(path + "?limit=1&next=" + next, auth))).hasSize(1);
    char flipped = next.charAt(3) == 'A' ? 'B' : 'A';
    String forged = next.substring(0, 3) + flipped + next.substring(4);
    for (String bad : List.of(forged, "12345", "garbage!", next + "A")) {
      JsonNode e = error(get(path + "?limit=1&next=" + bad, auth), 400);
      assertThat(e.get("description").textValue()).contains("not a page token");
    }
    error(get(path + "?limit=1&match[type]=indicator&next=" + next, auth), 400);
    error(get("/api/collections/" + c + "/manifest/?limit=1&next=" + next, auth), 400);
  }

  @Test
  void badParameters_400NamingTheProblem() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String path = "/api/collections/" + c + "/objects/";
    assertThat(error(get(path + "?match[colour]=red", auth), 400).get("description").textValue())
        .contains("unknown filter 'match[colour]'");
    assertThat(
            error(get(path + "?added_after=yesterday", auth), 400).get("description").textValue())
        .contains("added_after")
        .contains("yesterday");
    assertThat(error(get(path + "?limit=0", auth), 400).get("description").textValue())
        .contains("limit must be a positive integer, got '0'");
    error(get(path + "?limit=-1", auth), 400);
    error(get(path + "?limit=ten", auth), 400);
    error(get(path + "?limit=1&limit=2", auth), 400);
    error(get(path + "?match[version]=newest", auth), 400);
    error(get(path + "?match[spec_version]=two", auth), 400);
    error(get(path + "?match[type]=a,,b", auth), 400);
    assertThat(
            error(get(path + newId() + "/?match[id]=x", auth), 400).get("description").textValue())
        .contains("does not take the parameter match[id]");
    error(get(path + newId() + "/versions/?match[version]=all", auth), 400);
    assertThat(get(path + "?unrelated=1", auth).statusCode()).isEqualTo(200);
  }

  @Test
  void filters_idTypeVersionSpecVersionAddedAfter() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String a = newId();
    String b = newId();
    String m = "malware--" + UUID.randomUUID();
    add(
        c,
        auth,
        indicator(a, ts(1)),
        indicator(a, ts(2)),
        indicator(a, ts(3)),
        indicator(b, ts(1)));
    add(
        c,
        auth,
        "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\""
            + m
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\""
            + ts(5)
            + "\",\"name\":\"m\",\"is_family\":false}");
    String path = "/api/collections/" + c + "/objects/";
    assertThat(ids(get(path, auth)))
        .containsExactly(a + "@" + ts(3), b + "@" + ts(1), m + "@" + ts(5));
    assertThat(ids(get(path + "?match[type]=malware", auth))).containsExactly(m + "@" + ts(5));
    assertThat(ids(get(path + "?match[type]=malware,indicator", auth))).hasSize(3);
    assertThat(ids(get(path + "?match[id]=" + a + "," + m, auth)))
        .containsExactly(a + "@" + ts(3), m + "@" + ts(5));
    assertThat(ids(get(path + "?match[id]=" + a + "&match[version]=all", auth)))
        .containsExactly(a + "@" + ts(1), a + "@" + ts(2), a + "@" + ts(3));
    assertThat(ids(get(path + "?match[id]=" + a + "&match[version]=first", auth)))
        .containsExactly(a + "@" + ts(1));
    assertThat(ids(get(path + "?match[id]=" + a + "&match[version]=first,last", auth)))
        .containsExactly(a + "@" + ts(1), a + "@" + ts(3));
    assertThat(ids(get(path + "?match[version]=" + ts(2) + ",2024-02-01T00:00:00Z", auth)))
        .containsExactly(a + "@" + ts(1), a + "@" + ts(2), b + "@" + ts(1));
    assertThat(ids(get(path + "?match[spec_version]=2.1&match[type]=malware", auth))).hasSize(1);
    assertThat(ids(get(path + "?match[spec_version]=2.0", auth))).isEmpty();
    String afterA2 =
        get(path + "?match[id]=" + a + "&match[version]=" + ts(2), auth)
            .headers()
            .firstValue(Endpoints.DATE_ADDED_LAST)
            .orElseThrow();
    assertThat(ids(get(path + "?match[version]=all&added_after=" + afterA2, auth)))
        .containsExactly(a + "@" + ts(3), b + "@" + ts(1), m + "@" + ts(5));

    // the object endpoint
    assertThat(ids(get(path + a + "/", auth))).containsExactly(a + "@" + ts(3));
    assertThat(ids(get(path + a + "/?match[version]=all&limit=2", auth))).hasSize(2);
    assertThat(
            json(get(path + a + "/?match[version]=all&limit=2", auth)).get("more").booleanValue())
        .isTrue();
    error(get(path + newId() + "/", auth), 404);
    error(get(path + a + "/?match[version]=" + ts(9), auth), 404);

    // versions
    HttpResponse<String> v = get(path + a + "/versions/", auth);
    assertThat(v.statusCode()).isEqualTo(200);
    assertThat(json(v).get("versions").toString())
        .isEqualTo("[\"" + ts(1) + "\",\"" + ts(2) + "\",\"" + ts(3) + "\"]");
    assertThat(v.headers().firstValue(Endpoints.DATE_ADDED_FIRST)).isPresent();
    JsonNode v1 = json(get(path + a + "/versions/?limit=1", auth));
    assertThat(v1.get("more").booleanValue()).isTrue();
    assertThat(v1.get("versions")).hasSize(1);
    error(get(path + newId() + "/versions/", auth), 404);
    String afterFirst =
        get(path + a + "/versions/?limit=1", auth)
            .headers()
            .firstValue(Endpoints.DATE_ADDED_LAST)
            .orElseThrow();
    assertThat(
            json(get(path + a + "/versions/?added_after=" + afterFirst, auth))
                .get("versions")
                .toString())
        .isEqualTo("[\"" + ts(2) + "\",\"" + ts(3) + "\"]");
    assertThat(json(get(path + a + "/versions/?match[spec_version]=2.1", auth)).get("versions"))
        .hasSize(3);
    error(get(path + a + "/versions/?match[spec_version]=2.0", auth), 404);

    // manifest
    HttpResponse<String> man = get("/api/collections/" + c + "/manifest/?match[version]=all", auth);
    JsonNode records = json(man).get("objects");
    assertThat(records).hasSize(5);
    assertThat(records.get(0).get("id").textValue()).isEqualTo(a);
    assertThat(records.get(0).get("version").textValue()).isEqualTo(ts(1));
    assertThat(records.get(0).get("media_type").textValue()).isEqualTo(MediaTypes.STIX_21);
    assertThat(man.headers().firstValue(Endpoints.DATE_ADDED_FIRST))
        .contains(records.get(0).get("date_added").textValue());
    assertThat(man.headers().firstValue(Endpoints.DATE_ADDED_LAST))
        .contains(records.get(4).get("date_added").textValue());
    JsonNode manAfter =
        json(
            get(
                "/api/collections/"
                    + c
                    + "/manifest/?match[version]=all&added_after="
                    + records.get(2).get("date_added").textValue(),
                auth));
    assertThat(manAfter.get("objects")).hasSize(2);
    assertThat(manAfter.get("objects").get(0).get("date_added").textValue())
        .isGreaterThan(records.get(2).get("date_added").textValue());
    JsonNode man2 =
        json(get("/api/collections/" + c + "/manifest/?limit=1&match[type]=indicator", auth));
    assertThat(man2.get("more").booleanValue()).isTrue();
    assertThat(man2.get("objects")).hasSize(1);
  }

  @Test
  void delete_selectedVersionsThenAll() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String a = newId();
    add(c, auth, indicator(a, ts(1)), indicator(a, ts(2)), indicator(a, ts(3)));
    String path = "/api/collections/" + c + "/objects/" + a + "/";
    HttpResponse<String> d = send("DELETE", path + "?match[version]=first", auth, null);
    assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
    assertThat(json(get(path + "versions/", auth)).get("versions")).hasSize(2);
    error(send("DELETE", path + "?match[spec_version]=2.0", auth, null), 404);
    assertThat(json(get(path + "versions/", auth)).get("versions")).hasSize(2);
    assertThat(send("DELETE", path, auth, null).statusCode()).isEqualTo(200);
    error(get(path, auth), 404);
    error(send("DELETE", path, auth, null), 404);
    error(send("DELETE", path + "?match[version]=soon", auth, null), 400);
  }

  @Test
  void unknownEndpoint_404TaxiiError() {
    String auth = account(Set.of(), Set.of());
    error(get("/api/collections/x/unknown/", auth), 404);
    error(send("PUT", "/taxii2/", auth, "{}"), 404);
    error(send("OPTIONS", "/taxii2/", auth, null), 404);
  }

  @Test
  void head_answersAsGetWithoutBody() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    add(c, auth, indicator(newId(), ts(1)));
    String path = "/api/collections/" + c + "/objects/";
    HttpResponse<String> g = get(path, auth);
    HttpResponse<String> h = send("HEAD", path, auth, null);
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(h.body()).isEmpty();
    assertThat(h.headers().firstValue("Content-Type")).contains(TAXII);
    assertThat(h.headers().firstValue(Endpoints.DATE_ADDED_LAST))
        .isEqualTo(g.headers().firstValue(Endpoints.DATE_ADDED_LAST));
    assertThat(
            send("HEAD", "/api/collections/" + c + "/objects/" + newId() + "/", auth, null)
                .statusCode())
        .isEqualTo(404);
  }

  // ------------------------------------------------------------------ cost per request

  @Test
  void statementsPerRequest_fixedWhateverThePageSize() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    List<String> objects = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      objects.add(indicator(newId(), ts(1)));
    }
    for (int from = 0; from < objects.size(); from += 100) {
      List<String> batch = objects.subList(from, Math.min(objects.size(), from + 100));
      long before = store.statements();
      assertThat(
              post(
                      "/api/collections/" + c + "/objects/",
                      auth,
                      envelope(batch.toArray(String[]::new)))
                  .statusCode())
          .isEqualTo(202);
      assertThat(store.statements() - before)
          .as("statements for an envelope of %d", batch.size())
          .as("with the audit entries' 3")
          .isLessThanOrEqualTo(15);
    }
    String path = "/api/collections/" + c + "/objects/";
    List<Long> counts = new ArrayList<>();
    List<Long> manifestCounts = new ArrayList<>();
    for (int size : List.of(1, 10, 200)) {
      long before = store.statements();
      JsonNode env = json(get(path + "?limit=" + size, auth));
      counts.add(store.statements() - before);
      assertThat(env.get("objects")).hasSize(size);
      before = store.statements();
      json(get(path + "?limit=" + size + "&next=" + env.get("next").textValue(), auth));
      counts.add(store.statements() - before);
      before = store.statements();
      json(get("/api/collections/" + c + "/manifest/?limit=" + size, auth));
      manifestCounts.add(store.statements() - before);
    }
    // account lookup + partner registry + one query + the audit append (lock the head, insert the
    // batch (a COPY on PostgreSQL, which the counter does not see), move the head)
    assertThat(Set.copyOf(counts)).as("statements per page: %s", counts).hasSize(1);
    assertThat(counts.get(0)).isBetween(5L, 6L);
    assertThat(manifestCounts).as("account lookup + partner registry + one query").containsOnly(3L);
    // a limit above the page-size cap (200) is lowered to it
    assertThat(json(get(path + "?limit=1000", auth)).get("objects")).hasSize(200);
  }

  // ------------------------------------------------------------------ audit

  @Test
  void audit_addedAndServedObjectsAreRecorded_manifestAndVersionsAreNot() {
    String c = collection();
    String auth = account(Set.of(c), Set.of(c));
    String name =
        new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8)
            .split(":")[0];
    String party = "taxii:" + name;
    String id = newId();
    String a = indicator(id, ts(1));
    String b = indicator(newId(), ts(1));
    String path = "/api/collections/" + c + "/objects/";
    assertThat(post(path, auth, envelope(a, b)).statusCode()).isEqualTo(202);
    assertThat(post(path, auth, envelope(a)).statusCode()).isEqualTo(202);
    assertThat(entries(party))
        .extracting(e -> e.direction() + " " + e.objectId())
        .containsExactly("in " + id, "in " + StixObject.parse(b).id(), "in " + id);
    assertThat(json(get(path, auth)).get("objects")).hasSize(2);
    json(get("/api/collections/" + c + "/manifest/", auth));
    json(get(path + id + "/versions/", auth));
    json(get(path + id + "/", auth));
    List<AuditEntry> all = entries(party);
    assertThat(all)
        .extracting(AuditEntry::direction)
        .containsExactly("in", "in", "in", "out", "out", "out");
    String sha = AuditRecord.contentHash(StixObject.parse(a));
    assertThat(all.get(5).objectId()).isEqualTo(id);
    assertThat(all.get(5).sha256()).isEqualTo(sha);
    assertThat(all.get(0).sha256()).isEqualTo(sha);
    assertThat(new AuditLog(store, Clock.systemUTC()).verify().intact()).isTrue();
  }

  private List<AuditEntry> entries(String party) {
    List<AuditEntry> out = new ArrayList<>();
    store.audit().scanParty(party, out::add);
    return out;
  }

  // ------------------------------------------------------------------ failures and rate

  @Test
  void storeFailure_500WithFixedMessageAndErrorId() {
    Store broken = open();
    TaxiiServer s =
        TaxiiServer.start(
            new TaxiiService(broken, settings(), ObjectRules.standard(), Clock.systemUTC()),
            Accounts.of(broken.accounts(), 1_000, 100, 100),
            new TaxiiServer.Options(
                new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
    try {
      String auth = account(Set.of(), Set.of());
      broken.close();
      HttpResponse<String> r = send(s, "GET", "/taxii2/", auth);
      JsonNode e = error(r, 500);
      assertThat(e.get("description").textValue())
          .isEqualTo("the server failed to answer; the operator can find error_id in its log");
      assertThat(e.get("error_id").textValue()).hasSize(36);
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("closed");
    } finally {
      s.close();
    }
    assertThat(get("/taxii2/", account(Set.of(), Set.of())).statusCode()).isEqualTo(200);
  }

  @Test
  void requestRate_429WithRetryAfter() {
    TaxiiServer s =
        TaxiiServer.start(
            new TaxiiService(store, settings(), ObjectRules.standard(), Clock.systemUTC()),
            Accounts.of(store.accounts(), 1_000, 0.5, 2),
            new TaxiiServer.Options(
                new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
    try {
      String auth = account(Set.of(), Set.of());
      assertThat(send(s, "GET", "/taxii2/", auth).statusCode()).isEqualTo(200);
      assertThat(send(s, "GET", "/taxii2/", auth).statusCode()).isEqualTo(200);
      HttpResponse<String> r = send(s, "GET", "/taxii2/", auth);
      error(r, 429);
      assertThat(r.headers().firstValue("Retry-After").map(Integer::parseInt).orElseThrow())
          .isBetween(1, 2);
      assertThat(send(s, "GET", "/taxii2/", account(Set.of(), Set.of())).statusCode())
          .as("other accounts are not limited")
          .isEqualTo(200);
    } finally {
      s.close();
    }
  }

  HttpResponse<String> send(TaxiiServer to, String method, String path, String auth) {
    TaxiiServer saved = server;
    server = to;
    try {
      return send(method, path, auth, null);
    } finally {
      server = saved;
    }
  }
}
