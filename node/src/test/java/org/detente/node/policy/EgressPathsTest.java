package org.detente.node.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.detente.node.identity.NodeKeys;
import org.detente.node.service.Account;
import org.detente.node.service.Exporter;
import org.detente.node.service.Listing;
import org.detente.node.service.ObjectQuery;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.RequestException;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixObject;
import org.detente.stix.Tlp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enumerates the egress paths in the compiled code and checks that each goes through the egress
 * decision, so that a new path without the check fails the build.
 *
 * <p>A path out of the node starts where code reads stored objects: a call to {@link Store}'s
 * {@code objects}, {@code manifest}, {@code versions} or {@code mentions}. The test reads the
 * constant pool of every class compiled from the node module and lists the classes that make such
 * calls; each must be one of the known readers below. For each known reader, every public method
 * that hands stored objects out (a TAXII listing, or a stream written with them) must be in the
 * table of paths, and each path of the table is run for a partner whose agreement withholds one of
 * two objects: the withheld object must be absent, the other present.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EgressPathsTest {
  /** The classes that may read stored objects, and why. */
  private static final Map<String, String> READERS =
      Map.of(
          "org.detente.node.policy.EgressPolicy", "the egress decision itself (looks up ends)",
          "org.detente.node.service.TaxiiService", "TAXII reads: partner reads pass the policy",
          "org.detente.node.service.Exporter", "exports: runFor passes the policy");

  private static final Set<String> STORE_READS =
      Set.of("objects", "manifest", "versions", "mentions");

  @TempDir static Path dir;
  Store store;
  TaxiiService taxii;
  Exporter exporter;
  Recipient partner;
  Account partnerAccount;
  String partnerKey;
  final String collection = "intel";
  final String withheld = "indicator--00000000-0000-4000-8000-000000000001";
  final String released = "indicator--00000000-0000-4000-8000-000000000002";

  @BeforeAll
  void setUp() throws Exception {
    store = Stores.open(new StoreConfig.Sqlite(dir));
    store.putCollection(CollectionInfo.of(collection, "Intel"));
    store.add(collection, List.of(indicator(withheld, Tlp.RED), indicator(released, Tlp.GREEN)));
    partnerKey =
        NodeKeys.publicKeyPem(
            java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    String key = partnerKey;
    Partners partners = new Partners(store.partners());
    partners.add(
        new StoredPartner(
            "b",
            "identity--00000000-0000-4000-8000-0000000000bb",
            key,
            "https://b.example.org/taxii2/",
            Optional.of("b-reader"),
            Optional.of("agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"amber\"\n"),
            Optional.empty(),
            Optional.empty()));
    partner = partners.forPartner("b").orElseThrow();
    partnerAccount = new Account("b-reader", Set.of(collection), Set.of());
    taxii =
        new TaxiiService(
            store, TaxiiService.Settings.defaults(), ObjectRules.standard(), Clock.systemUTC());
    exporter = new Exporter(store, java.time.Clock.systemUTC());
  }

  @AfterAll
  void tearDown() {
    store.close();
  }

  private static StixObject indicator(String id, Tlp tlp) {
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
            + "\"pattern\":\"[ipv4-addr:value = '203.0.113.1']\",\"pattern_type\":\"stix\","
            + "\"valid_from\":\"2024-01-01T00:00:00Z\",\"object_marking_refs\":[\""
            + tlp.markingId()
            + "\"]}");
  }

  // ------------------------------------------------------------------ the table of paths

  /** One egress path, run for the partner. */
  private interface EgressPath {
    /** The ids of the objects handed out. */
    Set<String> out() throws IOException;
  }

  private ObjectQuery query() {
    return new ObjectQuery(
        new ObjectFilter(List.of(), List.of(), VersionMatch.ALL, List.of(), Optional.empty()),
        OptionalInt.empty(),
        Optional.empty());
  }

  private Set<String> ids(Stream<String> s) {
    return new TreeSet<>(s.toList());
  }

  private Map<String, EgressPath> paths() {
    Map<String, EgressPath> m = new TreeMap<>();
    m.put(
        "TaxiiService.objects",
        () ->
            ids(
                taxii.objects(partnerAccount, "api", collection, query()).body().objects().stream()
                    .map(o -> o.id())));
    m.put(
        "TaxiiService.object",
        () -> {
          assertThatThrownBy(
                  () -> taxii.object(partnerAccount, "api", collection, withheld, query()))
              .isInstanceOf(RequestException.NotFound.class);
          return ids(
              taxii
                  .object(partnerAccount, "api", collection, released, query())
                  .body()
                  .objects()
                  .stream()
                  .map(o -> o.id()));
        });
    m.put(
        "TaxiiService.manifest",
        () ->
            ids(
                taxii.manifest(partnerAccount, "api", collection, query()).body().objects().stream()
                    .map(r -> r.id())));
    m.put(
        "TaxiiService.versions",
        () -> {
          assertThatThrownBy(
                  () -> taxii.versions(partnerAccount, "api", collection, withheld, query()))
              .isInstanceOf(RequestException.NotFound.class);
          assertThat(
                  taxii
                      .versions(partnerAccount, "api", collection, released, query())
                      .body()
                      .versions())
              .hasSize(1);
          return Set.of(released);
        });
    m.put(
        "Exporter.runFor",
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          List<Withheld> kept = new ArrayList<>();
          exporter.runFor(
              partner,
              collection,
              ObjectFilter.all().withVersions(VersionMatch.ALL),
              out,
              kept::add);
          assertThat(kept).extracting(Withheld::id).containsExactly(withheld);
          String text = out.toString(StandardCharsets.UTF_8);
          return ids(Stream.of(withheld, released).filter(text::contains));
        });
    return m;
  }

  /** Paths that never serve a partner, with the reason; kept short on purpose. */
  private static final Map<String, String> OPERATOR_ONLY =
      Map.of("Exporter.run", "the node's own operator exports everything (detente export)");

  // ------------------------------------------------------------------ tests

  @Test
  void storeReads_onlyInKnownReaders() throws IOException {
    Path classes = Paths.get("target", "classes");
    Map<String, Set<String>> readers = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        Set<String> reads = storeReads(f);
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        String outer = name.replaceAll("\\$.*$", "");
        if (!reads.isEmpty() && !outer.startsWith("org.detente.node.store.")) {
          readers.computeIfAbsent(outer, k -> new TreeSet<>()).addAll(reads);
        }
      }
    }
    assertThat(readers.keySet())
        .as(
            "classes that read stored objects (%s); a new one is an egress path: route it through"
                + " EgressPolicy and add it to READERS and to the table of paths",
            readers)
        .isEqualTo(READERS.keySet());
  }

  @Test
  void publicMethodsHandingOutObjects_allInTheTableAndWithholding() throws Exception {
    Set<String> found = new TreeSet<>();
    for (Class<?> c : List.of(TaxiiService.class, Exporter.class)) {
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && handsOut(m)) {
          found.add(c.getSimpleName() + "." + m.getName());
        }
      }
    }
    Map<String, EgressPath> table = paths();
    Set<String> covered = new TreeSet<>(table.keySet());
    covered.addAll(OPERATOR_ONLY.keySet());
    assertThat(found)
        .as("public methods that hand stored objects out; each needs a row in paths()")
        .isEqualTo(covered);
    for (Map.Entry<String, EgressPath> e : table.entrySet()) {
      assertThat(e.getValue().out())
          .as(e.getKey() + " hands out the released object and never the withheld one")
          .containsExactly(released);
    }
  }

  @Test
  void localAccount_readsUnfiltered() {
    Account analyst = new Account("analyst", Set.of(collection), Set.of());
    assertThat(
            taxii.objects(analyst, "api", collection, query()).body().objects().stream()
                .map(o -> o.id())
                .toList())
        .containsExactlyInAnyOrder(withheld, released);
  }

  @Test
  void partnerRead_statementsPerPageFixedWhateverThePageSize() {
    store.putCollection(CollectionInfo.of("bulk", "Bulk"));
    List<StixObject> many = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      many.add(indicator("indicator--00000000-0000-4000-8001-%012d".formatted(i), Tlp.GREEN));
    }
    store.add("bulk", many);
    new Partners(store.partners())
        .add(
            new StoredPartner(
                "bulk-reader",
                "identity--00000000-0000-4000-8000-0000000000b2",
                partnerKey,
                "https://b2.example.org/taxii2/",
                Optional.of("bulk-account"),
                Optional.of(
                    "agreement_version = 1\ncollections = [\"bulk\"]\nmax_tlp = \"green\"\n"),
                Optional.empty(),
                Optional.empty()));
    Account reader = new Account("bulk-account", Set.of("bulk"), Set.of());
    List<Long> counts = new ArrayList<>();
    for (int size : List.of(1, 10, 200)) {
      for (VersionMatch vm : List.of(VersionMatch.ALL, VersionMatch.LAST)) {
        ObjectQuery q =
            new ObjectQuery(
                new ObjectFilter(List.of(), List.of(), vm, List.of(), Optional.empty()),
                OptionalInt.of(size),
                Optional.empty());
        long before = store.statements();
        assertThat(taxii.objects(reader, "api", "bulk", q).body().objects()).hasSize(size);
        counts.add(store.statements() - before - (vm.all() ? 0 : 1));
      }
    }
    // the partner registry, one store page, the audit append (lock the head, insert the entries,
    // move the head); last/first add one query for the versions of the page
    assertThat(counts).containsOnly(5L);
  }

  private static boolean handsOut(Method m) {
    return Listing.class.isAssignableFrom(m.getReturnType())
        || Arrays.stream(m.getParameterTypes()).anyMatch(OutputStream.class::isAssignableFrom)
        || Arrays.stream(m.getParameterTypes()).anyMatch(Consumer.class::isAssignableFrom);
  }

  /** The names of the {@link Store} read methods a class file refers to. */
  static Set<String> storeReads(Path classFile) throws IOException {
    try (InputStream raw = Files.newInputStream(classFile);
        DataInputStream in = new DataInputStream(raw)) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException(classFile + " is not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      int[][] natOf = new int[count][];
      List<int[]> methodRefs = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7 -> classNames[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 9 -> in.readInt();
          case 10, 11 -> methodRefs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
          case 12 -> natOf[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          case 17, 18 -> in.readInt();
          default -> throw new IOException(classFile + ": constant pool tag " + tag);
        }
      }
      Set<String> out = new TreeSet<>();
      for (int[] ref : methodRefs) {
        String owner = utf8[classNames[ref[0]]];
        String name = utf8[natOf[ref[1]][0]];
        if ("org/detente/node/store/Store".equals(owner) && STORE_READS.contains(name)) {
          out.add(name);
        }
      }
      return out;
    }
  }
}
