package org.detente.node.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.detente.node.http.TaxiiServer;
import org.detente.node.service.Accounts;
import org.detente.node.service.Exporter;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.AddOutcome;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the egress decision: seeded random objects (indicators, malware,
 * identities, observed-data, an SCO, relationships, sightings; several versions), markings
 * (object-level TLP 1.0 and 2.0, unknown and statement markings, granular markings with list and
 * property selectors), and agreements, each object version checked on every egress path (the TAXII
 * objects, object, manifest and versions endpoints of a real server on loopback, with random page
 * sizes, and an export made for the partner) against an oracle written here from the rules of the
 * agreement format, without the policy code: exactly what the oracle allows leaves, nothing else.
 *
 * <p>Set {@code -Degress.seed=N} to replay a seed, {@code -Degress.rounds=N} for more rounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EgressGeneratedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAXII = "application/taxii+json;version=2.1";

  // the nine official TLP marking-definition ids and their levels, written out independently
  private static final Map<String, Integer> TLP =
      Map.of(
          "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", 0,
          "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", 1,
          "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", 2,
          "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", 3,
          "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", 4,
          "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", 0,
          "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", 1,
          "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", 2,
          "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", 4);
  private static final List<String> LEVEL_NAMES =
      List.of("clear", "green", "amber", "amber+strict", "red");
  private static final String STATEMENT_A =
      "marking-definition--1c1e5a3e-3f51-4b7a-9a52-0f6c7a1f0a01";
  private static final String STATEMENT_B =
      "marking-definition--1c1e5a3e-3f51-4b7a-9a52-0f6c7a1f0a02";
  private static final String UNKNOWN = "marking-definition--1c1e5a3e-3f51-4b7a-9a52-0f6c7a1f0a03";
  private static final List<String> MARKINGS;

  static {
    List<String> m = new ArrayList<>(TLP.keySet());
    m.sort(null);
    m.addAll(List.of(STATEMENT_A, STATEMENT_B, UNKNOWN));
    MARKINGS = List.copyOf(m);
  }

  private static final Map<String, Set<String>> REQUIRED =
      Map.of(
          "indicator", Set.of("pattern", "pattern_type", "valid_from"),
          "malware", Set.of("is_family"),
          "identity", Set.of("name"),
          "relationship", Set.of("relationship_type", "source_ref", "target_ref"),
          "sighting", Set.of("sighting_of_ref"),
          "observed-data", Set.of("first_observed", "last_observed", "number_observed"),
          "ipv4-addr", Set.of("value"));

  @TempDir static Path dir;
  Store store;
  Accounts accounts;
  TaxiiServer server;
  Exporter exporter;
  Partners partners;
  final HttpClient http = HttpClient.newHttpClient();
  long combinations;
  long released;
  long redacted;

  @BeforeAll
  void start() {
    store = Stores.open(new StoreConfig.Sqlite(dir));
    accounts = Accounts.of(store.accounts(), 1_000, 1_000_000, 1_000_000);
    server =
        TaxiiServer.start(
            new TaxiiService(
                store, TaxiiService.Settings.defaults(), ObjectRules.standard(), Clock.systemUTC()),
            accounts,
            new TaxiiServer.Options(
                new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
    exporter = new Exporter(store, java.time.Clock.systemUTC());
    partners = new Partners(store.partners());
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  // ------------------------------------------------------------------ the test

  @Test
  void decide_randomCombinations_everyPathReleasesExactlyWhatTheAgreementAllows()
      throws IOException {
    long seed = Long.getLong("egress.seed", 20261123L);
    int rounds = Integer.getInteger("egress.rounds", 110);
    Random rnd = new Random(seed);
    for (int round = 0; round < rounds; round++) {
      runRound(rnd, "seed " + seed + " round " + round);
    }
    System.getLogger(EgressGeneratedTest.class.getName())
        .log(
            System.Logger.Level.INFO,
            "{0} rounds: {1} object versions x agreements checked on 7 paths, {2} released"
                + " ({3} redacted), {4} withheld",
            rounds,
            combinations,
            released,
            redacted,
            combinations - released);
    assertThat(combinations).as("object versions x agreements checked").isGreaterThan(10_000);
    assertThat(released).as("some objects released").isGreaterThan(combinations / 10);
    assertThat(combinations - released).as("some withheld").isGreaterThan(combinations / 10);
    assertThat(redacted).as("some redacted").isGreaterThan(combinations / 50);
  }

  /** One world: two collections, five identities, objects, and two partners reading them. */
  private void runRound(Random rnd, String where) throws IOException {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String c1 = "c1-" + tag;
    String c2 = "c2-" + tag;
    store.putCollection(CollectionInfo.of(c1, c1));
    store.putCollection(CollectionInfo.of(c2, c2));
    World w = new World(rnd, c1, c2);
    w.generate();
    for (String c : List.of(c1, c2)) {
      List<StixObject> in = w.stored.get(c).stream().map(StixObject::copyOf).toList();
      for (StixObject o : in) {
        assertThat(ObjectRules.standard().check(o)).as(where + " generated " + o).isEmpty();
      }
      for (AddOutcome o : store.add(c, in)) {
        assertThat(o).as(where + " " + o).isInstanceOf(AddOutcome.Added.class);
      }
    }
    // partners A and B read; C only appears in the data
    Map<String, String> keys = new HashMap<>();
    Map<String, ObjectNode> agreements = new HashMap<>();
    for (String p : List.of("A", "B")) {
      String account = "acct-" + p + "-" + tag;
      accounts.add(account, Optional.empty(), Set.of(c1, c2), Set.of());
      keys.put(p, accounts.newApiKey(account));
      ObjectNode agreement = w.agreement();
      agreements.put(p, agreement);
      partners.add(
          new StoredPartner(
              p + "-" + tag,
              w.partnerIdentity.get(p),
              PUBLIC_KEY,
              "https://" + p.toLowerCase() + ".example.org/taxii2/",
              Optional.of(account),
              Optional.of(toml(agreement)),
              Optional.empty(),
              Optional.empty()));
    }
    partners.add(
        new StoredPartner(
            "C-" + tag,
            w.partnerIdentity.get("C"),
            PUBLIC_KEY,
            "https://c.example.org/taxii2/",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    try {
      for (String p : List.of("A", "B")) {
        Oracle oracle = new Oracle(w, agreements.get(p), p);
        String ctx = where + " partner " + p + " agreement " + agreements.get(p);
        for (String c : List.of(c1, c2)) {
          Map<String, ObjectNode> expected = oracle.allVersions(c);
          combinations += w.stored.get(c).size();
          released += expected.size();
          redacted +=
              expected.entrySet().stream()
                  .filter(e -> !e.getValue().equals(w.byKey.get(e.getKey())))
                  .count();
          if (offered(agreements.get(p), c)) {
            checkObjects(keys.get(p), c, expected, rnd.nextInt(25) + 1, ctx);
            checkManifest(keys.get(p), c, expected.keySet(), rnd.nextInt(25) + 1, ctx);
            checkSelected(keys.get(p), c, "last", oracle.extremeVersions(c, true), ctx);
            checkSelected(keys.get(p), c, "first", oracle.extremeVersions(c, false), ctx);
          } else {
            // the account's rights name the collection, the agreement does not: over TAXII it
            // does not exist for the partner
            assertThat(expected).as(ctx).isEmpty();
            checkNotFound(keys.get(p), c, ctx);
          }
          int all = w.stored.get(c).size();
          checkExport(p + "-" + tag, c, VersionMatch.ALL, expected, all, ctx);
          checkExport(
              p + "-" + tag, c, VersionMatch.LAST, oracle.extremeVersions(c, true), all, ctx);
          List<String> ids = new ArrayList<>(w.idsIn(c));
          for (int i = 0; i < 4 && !ids.isEmpty(); i++) {
            String id = ids.remove(rnd.nextInt(ids.size()));
            checkOneObject(keys.get(p), c, id, expected, ctx);
          }
        }
      }
    } finally {
      for (String p : List.of("A", "B", "C")) {
        partners.remove(p + "-" + tag);
      }
    }
  }

  // ------------------------------------------------------------------ the paths

  private static boolean offered(ObjectNode agreement, String c) {
    for (JsonNode offered : agreement.path("collections")) {
      if (offered.textValue().equals(c)) {
        return true;
      }
    }
    return false;
  }

  /** Every TAXII read of a collection the agreement does not offer is a 404, as for none at all. */
  private void checkNotFound(String key, String c, String ctx) {
    for (String path :
        List.of(
            "/api/collections/" + c + "/",
            "/api/collections/" + c + "/objects/",
            "/api/collections/" + c + "/manifest/")) {
      HttpResponse<String> r = get(path, key);
      assertThat(r.statusCode()).as(ctx + " " + path + " " + r.body()).isEqualTo(404);
    }
    HttpResponse<String> list = get("/api/collections/", key);
    assertThat(list.statusCode()).as(ctx).isEqualTo(200);
    assertThat(list.body()).as(ctx + " listed").doesNotContain(c);
  }

  private void checkObjects(
      String key, String c, Map<String, ObjectNode> expected, int limit, String ctx) {
    Map<String, JsonNode> got = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    Optional<String> next = Optional.empty();
    int pages = 0;
    do {
      HttpResponse<String> r =
          get(
              "/api/collections/"
                  + c
                  + "/objects/?match[version]=all&limit="
                  + limit
                  + next.map(n -> "&next=" + enc(n)).orElse(""),
              key);
      assertThat(r.statusCode()).as(ctx + " " + r.body()).isEqualTo(200);
      JsonNode env = parse(r.body());
      JsonNode objects = env.get("objects");
      boolean more = env.path("more").asBoolean(false);
      int n = objects == null ? 0 : objects.size();
      assertThat(n).as(ctx + " page size").isLessThanOrEqualTo(limit);
      if (more) {
        assertThat(n).as(ctx + " a page with more is full").isEqualTo(limit);
        assertThat(env.get("next").textValue()).isNotBlank();
      } else {
        assertThat(env.has("next")).as(ctx).isFalse();
      }
      if (n == 0) {
        assertThat(pages).as(ctx + " only a first page may be empty").isZero();
        assertThat(r.headers().firstValue("X-TAXII-Date-Added-First")).isEmpty();
        assertThat(r.headers().firstValue("X-TAXII-Date-Added-Last")).isEmpty();
      } else {
        // the date headers are those of released objects: check them against the manifest
        String first = r.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow();
        String last = r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
        JsonNode f = objects.get(0);
        JsonNode l = objects.get(n - 1);
        assertThat(dateAdded(key, c, f)).as(ctx + " first header " + f).isEqualTo(first);
        assertThat(dateAdded(key, c, l)).as(ctx + " last header").isEqualTo(last);
      }
      for (int i = 0; i < n; i++) {
        JsonNode o = objects.get(i);
        String k = key(o);
        assertThat(got.put(k, o)).as(ctx + " served twice: " + k).isNull();
        order.add(k);
      }
      next = more ? Optional.of(env.get("next").textValue()) : Optional.empty();
      pages++;
    } while (next.isPresent());
    assertThat(got.keySet()).as(ctx + " objects released in " + c).isEqualTo(expected.keySet());
    for (String k : order) {
      assertThat(got.get(k)).as(ctx + " content of " + k).isEqualTo(expected.get(k));
    }
  }

  private final Map<String, String> addedCache = new HashMap<>();

  /** The date_added of a served object, from the manifest of the same partner (cached). */
  private String dateAdded(String key, String c, JsonNode o) {
    String k = c + "|" + key(o);
    String v = addedCache.get(k);
    if (v == null) {
      JsonNode m =
          parse(
              get(
                      "/api/collections/"
                          + c
                          + "/manifest/?match[version]=all&match[id]="
                          + o.get("id").textValue(),
                      key)
                  .body());
      for (JsonNode rec : m.get("objects")) {
        addedCache.put(
            c + "|" + manifestKey(rec.get("id").textValue(), rec.get("version").textValue()),
            rec.get("date_added").textValue());
      }
      v = addedCache.get(k);
      if (v == null) {
        throw new AssertionError("manifest lacks " + k + ": " + m);
      }
    }
    return v;
  }

  private void checkManifest(String key, String c, Set<String> expected, int limit, String ctx) {
    Set<String> got = new HashSet<>();
    Optional<String> after = Optional.empty();
    String previous = "";
    boolean more;
    do {
      HttpResponse<String> r =
          get(
              "/api/collections/"
                  + c
                  + "/manifest/?match[version]=all&limit="
                  + limit
                  + after.map(n -> "&added_after=" + enc(n)).orElse(""),
              key);
      assertThat(r.statusCode()).as(ctx).isEqualTo(200);
      JsonNode m = parse(r.body());
      JsonNode records = m.get("objects");
      more = m.path("more").asBoolean(false);
      if (records != null) {
        for (JsonNode rec : records) {
          String k = manifestKey(rec.get("id").textValue(), rec.get("version").textValue());
          assertThat(got.add(k)).as(ctx + " manifest twice: " + k).isTrue();
          assertThat(rec.get("date_added").textValue()).isGreaterThan(previous);
          previous = rec.get("date_added").textValue();
        }
        assertThat(r.headers().firstValue("X-TAXII-Date-Added-Last")).contains(previous);
      } else {
        assertThat(more).isFalse();
      }
      if (more) {
        assertThat(records.size()).as(ctx + " a manifest page with more is full").isEqualTo(limit);
        after = Optional.of(previous);
      }
    } while (more);
    assertThat(got).as(ctx + " manifest of " + c).isEqualTo(expected);
  }

  private HttpResponse<String> get(String path, String key) {
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(server.url() + path.replace("[", "%5B").replace("]", "%5D")))
            .header("Accept", TAXII)
            .header("Authorization", "Bearer " + key)
            .GET()
            .build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** match[version]=first or last: the first or last version among those released. */
  private void checkSelected(
      String key, String c, String which, Map<String, ObjectNode> expected, String ctx) {
    JsonNode env =
        parse(
            get("/api/collections/" + c + "/objects/?limit=1000&match[version]=" + which, key)
                .body());
    Map<String, JsonNode> got = new HashMap<>();
    if (env.get("objects") != null) {
      env.get("objects").forEach(o -> got.put(key(o), o));
    }
    assertThat(got.keySet())
        .as(ctx + " " + which + " versions in " + c)
        .isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(got.get(k)).as(ctx + " " + k).isEqualTo(v));
  }

  private void checkOneObject(
      String key, String c, String id, Map<String, ObjectNode> expected, String ctx) {
    Map<String, ObjectNode> mine = new HashMap<>();
    expected.forEach(
        (k, v) -> {
          if (k.startsWith(id + "|")) {
            mine.put(k, v);
          }
        });
    HttpResponse<String> r =
        get("/api/collections/" + c + "/objects/" + id + "/?match[version]=all", key);
    HttpResponse<String> v = get("/api/collections/" + c + "/objects/" + id + "/versions/", key);
    if (mine.isEmpty()) {
      assertThat(r.statusCode()).as(ctx + " withheld " + id + " is absent").isEqualTo(404);
      assertThat(v.statusCode()).as(ctx + " withheld " + id + " has no versions").isEqualTo(404);
      assertThat(parse(r.body()).get("title").textValue())
          .isEqualTo(
              parse(get("/api/collections/" + c + "/objects/" + missing(id) + "/", key).body())
                  .get("title")
                  .textValue());
      return;
    }
    assertThat(r.statusCode()).as(ctx + " " + id).isEqualTo(200);
    Map<String, JsonNode> got = new HashMap<>();
    parse(r.body()).get("objects").forEach(o -> got.put(key(o), o));
    assertThat(got).as(ctx + " versions of " + id).isEqualTo(new HashMap<>(mine));
    assertThat(v.statusCode()).as(ctx).isEqualTo(200);
    Set<String> versions = new HashSet<>();
    parse(v.body()).get("versions").forEach(x -> versions.add(manifestKey(id, x.textValue())));
    assertThat(versions).as(ctx + " versions of " + id).isEqualTo(mine.keySet());
  }

  /** An SCO has no version: manifests and versions give its date_added instead. */
  private static String manifestKey(String id, String version) {
    return id + "|" + (id.startsWith("ipv4-addr--") ? "" : version);
  }

  private static String missing(String id) {
    return id.substring(0, id.indexOf("--") + 2) + UUID.randomUUID();
  }

  private void checkExport(
      String partner,
      String c,
      VersionMatch versions,
      Map<String, ObjectNode> expected,
      int stored,
      String ctx)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Withheld> withheld = new ArrayList<>();
    long n =
        exporter.runFor(
            partners.forPartner(partner).orElseThrow(),
            c,
            ObjectFilter.all().withVersions(versions),
            out,
            withheld::add);
    JsonNode bundle = parse(out.toString(StandardCharsets.UTF_8));
    Map<String, JsonNode> got = new HashMap<>();
    bundle.get("objects").forEach(o -> got.put(key(o), o));
    assertThat(n).isEqualTo(got.size());
    assertThat(got).as(ctx + " export of " + c).isEqualTo(new HashMap<>(expected));
    Set<String> reported = new HashSet<>();
    for (Withheld x : withheld) {
      String k = x.id() + "|" + x.version().orElse("");
      assertThat(expected).doesNotContainKey(k);
      assertThat(reported.add(k)).as(ctx + " withheld reported once: " + k).isTrue();
      assertThat(x.reason()).isNotBlank();
    }
    if (versions.all()) {
      assertThat(reported.size() + expected.size())
          .as(ctx + " every version is released or reported withheld")
          .isEqualTo(stored);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String key(JsonNode o) {
    JsonNode v = o.has("modified") ? o.get("modified") : o.get("created");
    return o.get("id").textValue() + "|" + (v == null ? "" : v.textValue());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String toml(ObjectNode a) {
    StringBuilder b = new StringBuilder("# generated\n");
    a.properties()
        .forEach(
            e -> {
              b.append(e.getKey()).append(" = ");
              JsonNode v = e.getValue();
              if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add("\"" + x.textValue() + "\""));
                b.append("[").append(String.join(", ", items)).append("]");
              } else if (v.isTextual()) {
                b.append("\"").append(v.textValue()).append("\"");
              } else {
                b.append(v.toString());
              }
              b.append("\n");
            });
    return b.toString();
  }

  private static final String PUBLIC_KEY;

  static {
    try {
      PUBLIC_KEY =
          org.detente.node.identity.NodeKeys.publicKeyPem(
              java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    } catch (java.security.GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // ------------------------------------------------------------------ the generated world

  /** The objects of one round, as stored, and the agreements drawn for it. */
  static final class World {
    final Random rnd;
    final String c1;
    final String c2;
    final Map<String, List<ObjectNode>> stored = new HashMap<>();
    final Map<String, ObjectNode> byKey = new HashMap<>();
    final Map<String, String> partnerIdentity = new HashMap<>();
    final List<String> identities = new ArrayList<>();
    final List<String> targets = new ArrayList<>();
    final List<String> observed = new ArrayList<>();
    final List<String> all = new ArrayList<>();
    private int clock;

    World(Random rnd, String c1, String c2) {
      this.rnd = rnd;
      this.c1 = c1;
      this.c2 = c2;
      stored.put(c1, new ArrayList<>());
      stored.put(c2, new ArrayList<>());
    }

    Set<String> idsIn(String c) {
      Set<String> ids = new java.util.TreeSet<>();
      stored.get(c).forEach(o -> ids.add(o.get("id").textValue()));
      return ids;
    }

    void generate() {
      for (String p : List.of("own", "A", "B", "C", "X")) {
        String id = "identity--" + uuid();
        identities.add(id);
        if (!p.equals("own") && !p.equals("X")) {
          partnerIdentity.put(p, id);
        }
      }
      for (String id : identities) {
        ObjectNode o = sdo("identity", id);
        o.put("name", "org " + id.substring(10, 14));
        o.put("identity_class", "organization");
        decorate(o);
        place(o);
      }
      String sco = "ipv4-addr--" + uuid();
      ObjectNode ip = JSON.createObjectNode();
      ip.put("type", "ipv4-addr");
      ip.put("spec_version", "2.1");
      ip.put("id", sco);
      ip.put("value", "198.51.100." + rnd.nextInt(256));
      objectMarkings(ip);
      place(ip);
      targets.add(sco);
      for (int i = 0; i < 3; i++) {
        ObjectNode o = sdo("observed-data", "observed-data--" + uuid());
        o.put("first_observed", "2024-03-01T00:00:00Z");
        o.put("last_observed", "2024-03-02T00:00:00Z");
        o.put("number_observed", 1 + rnd.nextInt(5));
        o.putArray("object_refs").add(sco);
        decorate(o);
        place(o);
        observed.add(o.get("id").textValue());
      }
      for (int i = 0; i < 12; i++) {
        ObjectNode o = sdo("indicator", "indicator--" + uuid());
        if (rnd.nextBoolean()) {
          o.put("name", "indicator " + i);
        }
        o.put("pattern", "[ipv4-addr:value = '203.0.113." + i + "']");
        o.put("pattern_type", "stix");
        o.put("valid_from", "2024-01-01T00:00:00Z");
        decorate(o);
        place(o);
        targets.add(o.get("id").textValue());
      }
      for (int i = 0; i < 4; i++) {
        ObjectNode o = sdo("malware", "malware--" + uuid());
        o.put("name", "malware " + i);
        o.put("is_family", false);
        decorate(o);
        place(o);
        targets.add(o.get("id").textValue());
      }
      List<String> ends = new ArrayList<>(targets);
      ends.addAll(identities);
      for (int i = 0; i < 8; i++) {
        ObjectNode o = sdo("relationship", "relationship--" + uuid());
        o.put("relationship_type", "related-to");
        o.put("source_ref", pick(ends));
        o.put("target_ref", rnd.nextInt(10) == 0 ? "malware--" + uuid() : pick(ends));
        decorate(o);
        place(o);
      }
      for (int i = 0; i < 6; i++) {
        ObjectNode o = sdo("sighting", "sighting--" + uuid());
        o.put("sighting_of_ref", pick(targets.subList(1, targets.size())));
        if (rnd.nextBoolean()) {
          o.put("count", rnd.nextInt(100));
        }
        if (rnd.nextBoolean()) {
          o.put("first_seen", "2024-03-01T00:00:00Z");
        }
        ArrayNode where = JSON.createArrayNode();
        for (String id : identities) {
          if (rnd.nextInt(3) == 0) {
            where.add(id);
          }
        }
        if (!where.isEmpty()) {
          o.set("where_sighted_refs", where);
        }
        ArrayNode od = JSON.createArrayNode();
        for (String id : observed) {
          if (rnd.nextInt(2) == 0) {
            od.add(id);
          }
        }
        if (rnd.nextInt(5) == 0) {
          od.add("observed-data--" + uuid());
        }
        if (!od.isEmpty()) {
          o.set("observed_data_refs", od);
        }
        decorate(o);
        place(o);
      }
    }

    private String uuid() {
      long msb = (rnd.nextLong() & ~0xF000L) | 0x4000L;
      long lsb = (rnd.nextLong() & ~0xC000000000000000L) | 0x8000000000000000L;
      return new UUID(msb, lsb).toString();
    }

    private String pick(List<String> from) {
      return from.get(rnd.nextInt(from.size()));
    }

    private ObjectNode sdo(String type, String id) {
      ObjectNode o = JSON.createObjectNode();
      o.put("type", type);
      o.put("spec_version", "2.1");
      o.put("id", id);
      o.put("created", "2024-01-01T00:00:00.000Z");
      o.put("modified", "2024-01-01T00:00:00.000Z");
      return o;
    }

    /** Optional properties, created_by_ref, object and granular markings. */
    private void decorate(ObjectNode o) {
      if (rnd.nextInt(3) > 0) {
        o.put("description", "d" + rnd.nextInt(1000));
      }
      if (rnd.nextInt(3) > 0) {
        ArrayNode labels = o.putArray("labels");
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          labels.add("l" + i);
        }
      }
      if (rnd.nextBoolean()) {
        o.put("x_score", rnd.nextInt(100));
      }
      if (rnd.nextInt(3) == 0) {
        o.putArray("external_references")
            .addObject()
            .put("source_name", "ref")
            .put("url", "https://example.org/" + rnd.nextInt(1000));
      }
      int who = rnd.nextInt(6);
      if (who < identities.size() && !o.get("id").textValue().startsWith("identity--")) {
        o.put("created_by_ref", identities.get(who));
      }
      objectMarkings(o);
      granularMarkings(o);
    }

    private void objectMarkings(ObjectNode o) {
      o.remove("object_marking_refs");
      int n = rnd.nextInt(10) < 2 ? 0 : rnd.nextInt(10) < 8 ? 1 : 2;
      Set<String> refs = new java.util.LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        refs.add(rnd.nextInt(5) == 0 ? pick(MARKINGS) : pick(MARKINGS.subList(0, 9)));
      }
      if (!refs.isEmpty()) {
        ArrayNode a = o.putArray("object_marking_refs");
        refs.forEach(a::add);
      }
    }

    private void granularMarkings(ObjectNode o) {
      o.remove("granular_markings");
      if (rnd.nextInt(10) < 6) {
        return;
      }
      List<String> paths = new ArrayList<>();
      for (String k : List.of("description", "x_score", "external_references", "name", "count")) {
        if (o.has(k)) {
          paths.add(k);
        }
      }
      if (o.has("labels")) {
        paths.add("labels");
        for (int i = 0; i < o.get("labels").size(); i++) {
          paths.add("labels.[" + i + "]");
        }
      }
      if (o.has("pattern") && rnd.nextInt(5) == 0) {
        paths.add("pattern");
      }
      if (paths.isEmpty()) {
        return;
      }
      ArrayNode gm = o.putArray("granular_markings");
      int entries = 1 + rnd.nextInt(2);
      for (int e = 0; e < entries; e++) {
        ObjectNode entry = gm.addObject();
        if (rnd.nextInt(8) == 0) {
          entry.put("lang", "fr");
        } else {
          entry.put("marking_ref", pick(MARKINGS));
        }
        ArrayNode sel = entry.putArray("selectors");
        Set<String> chosen = new java.util.LinkedHashSet<>();
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
          chosen.add(pick(paths));
        }
        chosen.forEach(sel::add);
      }
    }

    /** Stores the object, sometimes in the second collection, sometimes with a later version. */
    private void place(ObjectNode o) {
      String c = rnd.nextInt(7) == 0 ? c2 : c1;
      add(c, o);
      all.add(o.get("id").textValue());
      if (o.has("modified") && rnd.nextInt(10) < 3) {
        ObjectNode v2 = o.deepCopy();
        v2.put("modified", "2024-01-0" + (2 + rnd.nextInt(7)) + "T00:00:00.000Z");
        if (rnd.nextBoolean()) {
          v2.put("description", "second " + rnd.nextInt(1000));
          v2.remove("granular_markings");
          granularMarkings(v2);
        }
        if (rnd.nextBoolean()) {
          objectMarkings(v2);
        }
        add(c, v2);
      }
    }

    private void add(String c, ObjectNode o) {
      stored.get(c).add(o);
      byKey.put(key(o), o);
      clock++;
    }

    /** A random agreement, as the JSON shape of its TOML keys. */
    ObjectNode agreement() {
      ObjectNode a = JSON.createObjectNode();
      a.put("agreement_version", 1 + rnd.nextInt(9));
      ArrayNode cols = a.putArray("collections").add(c1);
      if (rnd.nextInt(3) == 0) {
        cols.add(c2);
      }
      if (rnd.nextInt(3) == 0) {
        ArrayNode types = a.putArray("types");
        for (String t :
            List.of(
                "indicator",
                "malware",
                "identity",
                "relationship",
                "sighting",
                "observed-data",
                "ipv4-addr")) {
          if (rnd.nextInt(4) > 0) {
            types.add(t);
          }
        }
        if (types.isEmpty()) {
          types.add("indicator");
        }
      }
      a.put("max_tlp", LEVEL_NAMES.get(rnd.nextInt(4)));
      if (rnd.nextInt(3) > 0) {
        a.put("unmarked", LEVEL_NAMES.get(rnd.nextInt(5)));
      }
      if (rnd.nextBoolean()) {
        ArrayNode red = a.putArray("red_objects");
        for (String id : all) {
          if (rnd.nextInt(6) == 0) {
            red.add(id);
          }
        }
        if (red.isEmpty()) {
          a.remove("red_objects");
        }
      }
      if (rnd.nextBoolean()) {
        ArrayNode m = a.putArray("markings").add(STATEMENT_A);
        if (rnd.nextBoolean()) {
          m.add(STATEMENT_B);
        }
      }
      if (rnd.nextBoolean()) {
        ArrayNode strip = a.putArray("strip");
        for (String s :
            List.of("created_by_ref", "external_references", "x_*", "labels", "description")) {
          if (rnd.nextInt(3) == 0) {
            strip.add(s);
          }
        }
        if (strip.isEmpty()) {
          a.remove("strip");
        }
      }
      if (rnd.nextInt(4) > 0) {
        a.put("relationships", rnd.nextInt(4) > 0);
      }
      if (rnd.nextInt(5) > 0) {
        a.put("sightings", List.of("full", "anonymised", "count", "none").get(rnd.nextInt(4)));
      }
      if (rnd.nextInt(4) == 0) {
        a.put("reveal_partners", rnd.nextBoolean());
      }
      return a;
    }
  }

  // ------------------------------------------------------------------ the oracle

  /**
   * What an agreement allows, computed directly from the rules of the agreement format (see README,
   * "Sharing agreements"), on the generated objects.
   */
  static final class Oracle {
    final World w;
    final ObjectNode a;
    final Set<String> others = new HashSet<>();

    Oracle(World w, ObjectNode a, String partner) {
      this.w = w;
      this.a = a;
      w.partnerIdentity.forEach(
          (p, id) -> {
            if (!p.equals(partner)) {
              others.add(id);
            }
          });
    }

    private Set<String> list(String key) {
      Set<String> out = new HashSet<>();
      if (a.has(key)) {
        a.get(key).forEach(v -> out.add(v.textValue()));
      }
      return out;
    }

    private int level(String key, int absent) {
      return a.has(key) ? LEVEL_NAMES.indexOf(a.get(key).textValue()) : absent;
    }

    private boolean flag(String key) {
      return a.has(key) && a.get(key).booleanValue();
    }

    private String sightings() {
      return a.has("sightings") ? a.get("sightings").textValue() : "none";
    }

    /** Every released version in collection c, by "id|version". */
    Map<String, ObjectNode> allVersions(String c) {
      Map<String, ObjectNode> out = new HashMap<>();
      for (ObjectNode o : w.stored.get(c)) {
        ObjectNode r = release(o, c, true);
        if (r != null) {
          out.put(key(o), r);
        }
      }
      return out;
    }

    /**
     * For each object of c, its last (or first) released version: first and last are chosen among
     * what the partner may receive.
     */
    Map<String, ObjectNode> extremeVersions(String c, boolean last) {
      Map<String, ObjectNode> pick = new HashMap<>();
      Map<String, ObjectNode> out = new HashMap<>();
      for (ObjectNode o : w.stored.get(c)) {
        ObjectNode r = release(o, c, true);
        if (r == null) {
          continue;
        }
        String id = o.get("id").textValue();
        ObjectNode prev = pick.get(id);
        int cmp = prev == null ? 0 : version(o).compareTo(version(prev));
        if (prev == null || (last ? cmp > 0 : cmp < 0)) {
          pick.put(id, o);
          out.remove(prev == null ? "" : key(prev));
          out.put(key(o), r);
        }
      }
      return out;
    }

    private Map<String, ObjectNode> lasts(String c) {
      Map<String, ObjectNode> last = new HashMap<>();
      for (ObjectNode o : w.stored.get(c)) {
        String id = o.get("id").textValue();
        ObjectNode prev = last.get(id);
        if (prev == null || version(o).compareTo(version(prev)) > 0) {
          last.put(id, o);
        }
      }
      return last;
    }

    private static String version(ObjectNode o) {
      return o.has("modified") ? o.get("modified").textValue() : "";
    }

    /** Whether the partner sees id: an offered collection holds a released last version. */
    private boolean sees(String id) {
      for (String c : list("collections")) {
        ObjectNode last = lasts(c).get(id);
        if (last != null && release(last, c, false) != null) {
          return true;
        }
      }
      return false;
    }

    private boolean markingAllowed(String ref, boolean red) {
      Integer lvl = TLP.get(ref);
      if (lvl != null) {
        return red || lvl <= level("max_tlp", -1);
      }
      return list("markings").contains(ref);
    }

    /** The object as released, or null when withheld. */
    ObjectNode release(ObjectNode o, String c, boolean checkEnds) {
      String type = o.get("type").textValue();
      String id = o.get("id").textValue();
      if (!list("collections").contains(c)) {
        return null;
      }
      if (a.has("types") && !list("types").contains(type)) {
        return null;
      }
      if (!flag("reveal_partners") && others.contains(id)) {
        return null;
      }
      if (type.equals("relationship")
          && (!flag("relationships")
              || (checkEnds
                  && (!sees(o.get("source_ref").textValue())
                      || !sees(o.get("target_ref").textValue()))))) {
        return null;
      }
      if (type.equals("sighting")
          && (sightings().equals("none")
              || (checkEnds && !sees(o.get("sighting_of_ref").textValue())))) {
        return null;
      }
      boolean red = list("red_objects").contains(id);
      boolean anyTlp = false;
      if (o.has("object_marking_refs")) {
        for (JsonNode ref : o.get("object_marking_refs")) {
          if (!markingAllowed(ref.textValue(), red)) {
            return null;
          }
          anyTlp |= TLP.containsKey(ref.textValue());
        }
      }
      if (!anyTlp && !red && level("unmarked", 4) > level("max_tlp", -1)) {
        return null;
      }
      // what goes: top-level keys removed entirely, list elements removed
      Set<String> gone = new HashSet<>();
      Map<String, Set<Integer>> goneItems = new HashMap<>();
      if (o.has("granular_markings")) {
        for (JsonNode g : o.get("granular_markings")) {
          if (g.has("marking_ref") && !markingAllowed(g.get("marking_ref").textValue(), red)) {
            for (JsonNode s : g.get("selectors")) {
              remove(s.textValue(), gone, goneItems);
            }
          }
        }
      }
      Set<String> fixed =
          Set.of(
              "type",
              "id",
              "spec_version",
              "created",
              "modified",
              "object_marking_refs",
              "granular_markings");
      if (gone.stream().anyMatch(fixed::contains)) {
        return null;
      }
      Set<String> countKeeps = new HashSet<>(fixed);
      countKeeps.addAll(Set.of("sighting_of_ref", "count"));
      o.properties()
          .forEach(
              e -> {
                String k = e.getKey();
                if (fixed.contains(k)) {
                  return;
                }
                boolean stripped =
                    list("strip").contains(k)
                        || (list("strip").contains("x_*") && k.startsWith("x_"));
                if (stripped
                    || (type.equals("sighting")
                        && sightings().equals("anonymised")
                        && (k.equals("where_sighted_refs") || k.equals("observed_data_refs")))
                    || (type.equals("sighting")
                        && sightings().equals("count")
                        && !countKeeps.contains(k))) {
                  gone.add(k);
                }
              });
      if (!flag("reveal_partners")) {
        if (o.has("created_by_ref") && others.contains(o.get("created_by_ref").textValue())) {
          gone.add("created_by_ref");
        }
        if (o.has("where_sighted_refs")) {
          JsonNode ws = o.get("where_sighted_refs");
          for (int i = 0; i < ws.size(); i++) {
            if (others.contains(ws.get(i).textValue())) {
              goneItems.computeIfAbsent("where_sighted_refs", k -> new HashSet<>()).add(i);
            }
          }
        }
      }
      if (checkEnds
          && type.equals("sighting")
          && sightings().equals("full")
          && o.has("observed_data_refs")) {
        JsonNode od = o.get("observed_data_refs");
        for (int i = 0; i < od.size(); i++) {
          if (!sees(od.get(i).textValue())) {
            goneItems.computeIfAbsent("observed_data_refs", k -> new HashSet<>()).add(i);
          }
        }
      }
      // build the released copy
      ObjectNode out = JSON.createObjectNode();
      Map<String, Map<Integer, Integer>> moved = new HashMap<>();
      o.properties()
          .forEach(
              e -> {
                String k = e.getKey();
                if (gone.contains(k) || k.equals("granular_markings")) {
                  return;
                }
                JsonNode v = e.getValue();
                Set<Integer> drop = goneItems.get(k);
                if (drop != null && v.isArray()) {
                  ArrayNode kept = JSON.createArrayNode();
                  Map<Integer, Integer> m = new HashMap<>();
                  for (int i = 0; i < v.size(); i++) {
                    if (!drop.contains(i)) {
                      m.put(i, kept.size());
                      kept.add(v.get(i));
                    }
                  }
                  moved.put(k, m);
                  if (kept.isEmpty()) {
                    gone.add(k);
                    return;
                  }
                  out.set(k, kept);
                } else {
                  out.set(k, v.deepCopy());
                }
              });
      if (o.has("granular_markings")) {
        ArrayNode gm = JSON.createArrayNode();
        for (JsonNode g : o.get("granular_markings")) {
          if (g.has("marking_ref") && !markingAllowed(g.get("marking_ref").textValue(), red)) {
            continue;
          }
          ArrayNode sel = JSON.createArrayNode();
          for (JsonNode s : g.get("selectors")) {
            String text = s.textValue();
            int dot = text.indexOf(".[");
            String top = dot < 0 ? text : text.substring(0, dot);
            if (gone.contains(top)) {
              continue;
            }
            if (dot < 0) {
              sel.add(text);
            } else {
              int i = Integer.parseInt(text.substring(dot + 2, text.length() - 1));
              Map<Integer, Integer> m = moved.get(top);
              Integer to = m == null ? Integer.valueOf(i) : m.get(i);
              if (to != null) {
                sel.add(top + ".[" + to + "]");
              }
            }
          }
          if (!sel.isEmpty()) {
            ObjectNode entry = g.deepCopy();
            entry.set("selectors", sel);
            gm.add(entry);
          }
        }
        if (!gm.isEmpty()) {
          out.set("granular_markings", gm);
        }
      }
      for (String required : REQUIRED.get(type)) {
        if (!out.has(required)) {
          return null;
        }
      }
      return out;
    }

    private static void remove(String selector, Set<String> gone, Map<String, Set<Integer>> items) {
      int dot = selector.indexOf(".[");
      if (dot < 0) {
        gone.add(selector);
      } else {
        items
            .computeIfAbsent(selector.substring(0, dot), k -> new HashSet<>())
            .add(Integer.parseInt(selector.substring(dot + 2, selector.length() - 1)));
      }
    }
  }
}
