package org.detente.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.detente.node.audit.AuditLog;
import org.detente.node.audit.Reconciliation;
import org.detente.node.audit.SignedHead;
import org.detente.node.audit.Verification;
import org.detente.node.http.TaxiiServer;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.Decision;
import org.detente.node.policy.EgressPolicy;
import org.detente.node.policy.Partners;
import org.detente.node.policy.Recipient;
import org.detente.node.policy.Released;
import org.detente.node.policy.Withheld;
import org.detente.node.service.Accounts;
import org.detente.node.service.ImportReport;
import org.detente.node.service.Importer;
import org.detente.node.service.ObjectRules;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.Cursor;
import org.detente.node.store.ManifestEntry;
import org.detente.node.store.Mention;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredObject;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.node.store.VersionMatch;
import org.detente.node.sync.Federation;
import org.detente.node.sync.SyncReport;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;
import org.detente.stix.Tlp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code detente demo}: the whole story on loopback, in-process, with embedded stores. Node A
 * imports the bundled sample; every node serves TAXII; nodes B and C pull from A under their
 * agreements (B up to AMBER, C GREEN only), each round ending with an exchange of signed audit
 * heads over the network; B matches what it received against bundled Zeek telemetry and pushes its
 * sightings back to A as its agreement for A allows (anonymised); every node verifies its audit
 * record, and A and each partner reconcile their records, each fetching the other's signed export
 * from its node.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs three nodes in this process, on loopback, each with an embedded SQLite store under"
          + " DIR/a, DIR/b and DIR/c: A holds the bundled sample intelligence (indicators at every"
          + " TLP level, versions, a revocation, relationships, a sighting) and serves it; B (up to"
          + " TLP:AMBER, sightings back anonymised) and C (TLP:GREEN only, no sightings) pull from"
          + " it; the demo shows what each received and what was withheld and why; B matches what"
          + " it received against bundled Zeek telemetry and pushes its sightings back to A; every"
          + " sync round ends with an exchange of signed audit heads; the audit records are"
          + " verified on every node and reconciled between A and each partner over the network.",
      "Each run starts again from empty node directories (a previous demo's a, b and c are"
          + " removed)."
    })
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE = "sample-intel.json";
  static final String TELEMETRY = "demo-zeek.log";
  static final String COLLECTION = "demo-intel";
  static final String RECEIVED = "from-a";
  static final String SIGHTINGS = "sightings";
  static final String INBOX = "from-b";
  private static final java.util.regex.Pattern MARKING_ID =
      java.util.regex.Pattern.compile("marking-definition--[0-9a-f-]{36}");
  private static final List<String> NODES = List.of("a", "b", "c");

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "where the demo's nodes live, one subdirectory each (default: ${DEFAULT-VALUE})",
      defaultValue = "${env:DETENTE_DATA:-" + NodeOptions.DEFAULT_DATA + "}")
  Path data;

  private PrintWriter out;

  @Override
  public Integer call() throws IOException {
    out = spec.commandLine().getOut();
    reset();
    Path a = data.resolve("a");
    Path b = data.resolve("b");
    Path c = data.resolve("c");
    String idA = NodeKeys.in(a).init("Node A (producer)").id();
    String idB = NodeKeys.in(b).init("Node B (up to AMBER)").id();
    String idC = NodeKeys.in(c).init("Node C (GREEN only)").id();
    out.println("Détente demo: three nodes on loopback, embedded SQLite stores under " + data);
    out.println("  A " + idA + "  producer");
    out.println("  B " + idB + "  agreement: up to TLP:AMBER, sightings back anonymised");
    out.println("  C " + idC + "  agreement: TLP:GREEN only, no sightings");
    out.println();
    boolean ok;
    try (Store sa = Stores.open(StoreConfig.sqlite(a));
        Store sb = Stores.open(StoreConfig.sqlite(b));
        Store sc = Stores.open(StoreConfig.sqlite(c))) {
      out.println("1. Node A imports the bundled sample");
      importSample(sa);
      out.println();
      describe(sa, out);
      out.println();
      ok =
          federate(new Node("A", a, sa, idA), new Node("B", b, sb, idB), new Node("C", c, sc, idC));
    }
    out.flush();
    return ok ? 0 : 1;
  }

  /** A node of the demo: its name, directory, store and identity. */
  private record Node(String name, Path dir, Store store, String identity) {
    String partnerName() {
      return name.toLowerCase(java.util.Locale.ROOT);
    }
  }

  private void reset() throws IOException {
    List<Path> previous = new ArrayList<>();
    for (String n : NODES) {
      Path dir = data.resolve(n);
      if (Files.exists(dir)) {
        if (!Files.exists(dir.resolve(NodeKeys.IDENTITY)) && !isEmpty(dir)) {
          throw new UserError(
              dir
                  + " exists and is not a demo node (no "
                  + NodeKeys.IDENTITY
                  + "); choose another"
                  + " --data");
        }
        previous.add(dir);
      }
    }
    for (Path dir : previous) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    if (!previous.isEmpty()) {
      out.println("(starting again: removed the previous demo nodes " + previous + ")");
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private void importSample(Store store) throws IOException {
    collection(store, COLLECTION, "Demo intelligence");
    ImportReport report;
    try (InputStream in = resource(SAMPLE)) {
      Importer importer =
          new Importer(store, ObjectRules.standard(), StixReader.withDefaultLimits());
      report = importer.run(COLLECTION, in, null);
    }
    out.printf(
        "   imported the sample: %d read, %d added, %d unchanged, %d rejected%n",
        report.read(), report.added(), report.unchanged(), report.rejected());
    for (ImportReport.Rejection r : report.rejections()) {
      out.println("     rejected " + r.objectId() + ": " + r.reason());
    }
  }

  private static void collection(Store store, String id, String title) {
    store.putCollection(
        new CollectionInfo(id, title, Optional.empty(), List.of(CollectionInfo.STIX_21)));
  }

  private static InputStream resource(String name) {
    InputStream in = DemoCommand.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the resource " + name + " is missing from the build");
    }
    return in;
  }

  private boolean federate(Node a, Node b, Node c) throws IOException {
    // The accounts each node's partners use on it: on A, B and C read (B also writes its
    // sightings to A's inbox); on B and C, A has an account with no collection right, for the
    // audit exchange only.
    collection(a.store(), INBOX, "Sightings from B");
    Accounts accounts = Accounts.of(a.store().accounts());
    accounts.add("peer-b", Optional.empty(), Set.of(COLLECTION), Set.of(INBOX));
    accounts.add("peer-c", Optional.empty(), Set.of(COLLECTION), Set.of());
    String keyB = accounts.newApiKey("peer-b");
    String keyC = accounts.newApiKey("peer-c");
    Map<Node, String> keyOfA = new HashMap<>();
    for (Node p : List.of(b, c)) {
      Accounts on = Accounts.of(p.store().accounts());
      on.add("peer-a", Optional.empty(), Set.of(), Set.of());
      keyOfA.put(p, on.newApiKey("peer-a"));
    }

    boolean ok = true;
    Map<Node, TaxiiServer> servers = new HashMap<>();
    try {
      for (Node n : List.of(a, b, c)) {
        servers.put(n, serve(n));
      }
      out.println(
          "2. Each node serves TAXII 2.1 on loopback, signing its envelopes: A "
              + servers.get(a).url()
              + ", B "
              + servers.get(b).url()
              + ", C "
              + servers.get(c).url());
      out.println();
      register(
          a,
          b,
          url(servers.get(b)),
          Optional.of("peer-b"),
          Optional.of(keyOfA.get(b)),
          agreement(
              List.of(COLLECTION), "amber", "relationships = true\nsightings = \"anonymised\"\n"));
      register(
          a,
          c,
          url(servers.get(c)),
          Optional.of("peer-c"),
          Optional.of(keyOfA.get(c)),
          agreement(List.of(COLLECTION), "green", ""));
      String urlA = url(servers.get(a));
      // B and C: the agreement each keeps for A (what they pull, and what B sends back). B's
      // agreement for A governs what leaves B: its sightings, anonymised. It offers from-a too,
      // because a sighting leaves only when A sees the indicator it is of; only the sightings
      // collection is pushed. Sightings written by match carry no TLP marking: B treats them as
      // AMBER.
      collection(b.store(), RECEIVED, "Received from A");
      collection(b.store(), SIGHTINGS, "B's sightings");
      collection(c.store(), RECEIVED, "Received from A");
      register(
          b,
          a,
          urlA,
          Optional.of("peer-a"),
          Optional.of(keyB),
          agreement(
              List.of(RECEIVED, SIGHTINGS),
              "amber",
              "types = [\"indicator\", \"sighting\"]\nunmarked = \"amber\"\n"
                  + "sightings = \"anonymised\"\npull = { "
                  + COLLECTION
                  + " = \""
                  + RECEIVED
                  + "\" }\npush = { "
                  + SIGHTINGS
                  + " = \""
                  + INBOX
                  + "\" }\n"));
      register(
          c,
          a,
          urlA,
          Optional.of("peer-a"),
          Optional.of(keyC),
          agreement(
              List.of(RECEIVED),
              "green",
              "pull = { " + COLLECTION + " = \"" + RECEIVED + "\" }\n"));

      out.println("3. What A's egress decision releases to each partner, and what it withholds");
      for (Node p : List.of(b, c)) {
        showDecision(a, p);
      }
      out.println();

      out.println(
          "4. B and C pull from A (signatures checked against A's registered key); each round"
              + " ends with an exchange of signed audit heads");
      for (Node p : List.of(b, c)) {
        SyncReport r = federation(p).sync("a");
        out.println("   " + p.name() + " <- " + SyncCommand.line(r));
        r.problems().forEach(x -> out.println("     " + x));
        ok &= r.complete();
        showReceived(p);
      }
      out.println();

      out.println("5. B matches what it received against its Zeek telemetry (" + TELEMETRY + ")");
      ok &= match(b);
      out.println();

      out.println("6. B pushes its sightings to A, as B's agreement for A allows (anonymised)");
      SyncReport r = federation(b).sync("a");
      out.println("   B -> " + SyncCommand.line(r));
      r.problems().forEach(x -> out.println("     " + x));
      ok &= r.complete();
      showSightings(a);
      out.println();

      out.println("7. The audit records");
      boolean audit = true;
      for (Node n : List.of(a, b, c)) {
        Verification v = new AuditLog(n.store(), Clock.systemUTC()).verify();
        out.printf(
            "   %s verify: %s, %d entries, head %s%n",
            n.name(), v.intact() ? "intact" : "BROKEN " + v.firstBreak(), v.entries(), v.head());
        audit &= v.intact();
      }
      for (Node p : List.of(b, c)) {
        showReceipts(a, p);
        showReceipts(p, a);
      }
      for (Node p : List.of(b, c)) {
        audit &= reconcile(a, p);
        audit &= reconcile(p, a);
      }
      out.println();
      out.println(
          ok && audit
              ? "Done: every partner received exactly what its agreement allows, and the records"
                  + " agree."
              : "Done, with problems (see above).");
      return ok && audit;
    } finally {
      servers.values().forEach(TaxiiServer::close);
    }
  }

  /** The node's TAXII server on a free loopback port, signing what it serves. */
  private static TaxiiServer serve(Node n) throws IOException {
    return serveOnLoopback(n.store(), n.dir(), n.identity());
  }

  /**
   * The TAXII server of the node in {@code dir} (keys from {@code detente init}) on a free loopback
   * port, with default settings, signing what it serves as {@code identity}.
   */
  static TaxiiServer serveOnLoopback(Store store, Path dir, String identity) throws IOException {
    return TaxiiServer.start(
        new TaxiiService(
            store,
            TaxiiService.Settings.defaults(),
            ObjectRules.standard(),
            Clock.systemUTC(),
            Optional.of(new TaxiiService.Signing(NodeKeys.in(dir).privateKey(), identity))),
        Accounts.of(store.accounts()),
        new TaxiiServer.Options(
            new TaxiiServer.Listen("127.0.0.1", 0), Optional.empty(), Optional.empty()));
  }

  private static String url(TaxiiServer server) {
    return server.url() + "/taxii2/";
  }

  /** The signed heads {@code at} holds from {@code of}, received at the end of sync rounds. */
  private void showReceipts(Node at, Node of) {
    List<SignedHead> receipts =
        new AuditLog(at.store(), Clock.systemUTC()).receipts(of.partnerName());
    out.println(
        "   "
            + at.name()
            + " holds "
            + receipts.size()
            + " signed head(s) of "
            + of.name()
            + " as receipts"
            + (receipts.isEmpty()
                ? ""
                : ", the last for its entry " + receipts.get(receipts.size() - 1).sequence()));
  }

  private static String agreement(List<String> collections, String maxTlp, String more) {
    StringBuilder s = new StringBuilder("agreement_version = 1\ncollections = [");
    for (int i = 0; i < collections.size(); i++) {
      s.append(i == 0 ? "" : ", ").append('"').append(collections.get(i)).append('"');
    }
    return s.append("]\nmax_tlp = \"").append(maxTlp).append("\"\n").append(more).toString();
  }

  /** Registers {@code partner} at {@code at}, sealing the credential at {@code at} uses there. */
  private static void register(
      Node at,
      Node partner,
      String taxii,
      Optional<String> account,
      Optional<String> secret,
      String agreement)
      throws IOException {
    Optional<String> sealed = Optional.empty();
    if (secret.isPresent()) {
      byte[] k = NodeKeys.in(at.dir()).credentialKey();
      try {
        sealed =
            Optional.of(
                new CredentialSeal(k).seal(partner.partnerName(), secret.get().toCharArray()));
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    }
    new Partners(at.store().partners())
        .add(
            new StoredPartner(
                partner.partnerName(),
                partner.identity(),
                NodeKeys.in(partner.dir()).publicKeyPem(),
                taxii,
                account,
                Optional.of(agreement),
                Optional.empty(),
                sealed));
  }

  private static Federation federation(Node n) {
    return SyncCommand.federation(n.dir(), n.store(), Federation.Options.defaults());
  }

  private static List<StoredObject> everyVersion(Store store, String collection) {
    List<StoredObject> all = new ArrayList<>();
    ObjectFilter every = ObjectFilter.all().withVersions(VersionMatch.ALL);
    Optional<Cursor> next = Optional.empty();
    do {
      Page<StoredObject> page = store.objects(collection, every, new PageRequest(1_000, next));
      all.addAll(page.items());
      next = page.next();
    } while (next.isPresent());
    return all;
  }

  private void showDecision(Node a, Node p) {
    Recipient to =
        new Partners(a.store().partners())
            .forPartner(p.partnerName())
            .orElseThrow(
                () -> new IllegalStateException("partner " + p.partnerName() + " missing"));
    List<StoredObject> versions = everyVersion(a.store(), COLLECTION);
    Decision d = new EgressPolicy(a.store()).decide(to, COLLECTION, versions);
    Map<String, StoredObject> byId = new HashMap<>();
    versions.forEach(v -> byId.put(v.id(), v));
    long redacted = d.released().stream().filter(Released::redacted).count();
    out.printf(
        "   to %s: %d of %d object versions released (%d redacted), %d withheld:%n",
        p.name(), d.released().size(), versions.size(), redacted, d.withheld().size());
    Map<String, List<String>> byReason = new TreeMap<>();
    for (Withheld w : d.withheld()) {
      byReason
          .computeIfAbsent(named(w.reason()), x -> new ArrayList<>())
          .add(label(byId.get(w.id())));
    }
    byReason.forEach(
        (reason, what) ->
            out.println("     " + what.size() + " x " + reason + ": " + summary(what)));
  }

  /** The reason with each TLP marking id followed by its level, for the reader. */
  private static String named(String reason) {
    return MARKING_ID
        .matcher(reason)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    m.group()
                        + Tlp.ofMarkingId(m.group()).map(t -> " (" + t.label() + ")").orElse("")));
  }

  private static String summary(List<String> what) {
    List<String> distinct = what.stream().distinct().toList();
    return distinct.size() <= 4
        ? String.join(", ", distinct)
        : String.join(", ", distinct.subList(0, 4)) + ", ... (" + (distinct.size() - 4) + " more)";
  }

  private static String label(StoredObject so) {
    StixObject o = so.object();
    return o.string("name").map(n -> so.type() + " '" + n + "'").orElse(so.id());
  }

  private void showReceived(Node p) {
    Map<String, List<String>> byTlp = new TreeMap<>();
    Page<StoredObject> page =
        p.store()
            .objects(RECEIVED, ObjectFilter.all().withTypes("indicator"), PageRequest.first(100));
    for (StoredObject so : page.items()) {
      StixObject o = so.object();
      byTlp
          .computeIfAbsent(tlpOf(o), t -> new ArrayList<>())
          .add(o.string("name").orElse(so.id()) + (o.revoked() ? " (revoked)" : ""));
    }
    out.println("     " + p.name() + " now holds indicators:");
    byTlp.forEach((tlp, names) -> out.println("       " + tlp + ": " + String.join(", ", names)));
  }

  private boolean match(Node b) throws IOException {
    Path work = b.dir().resolve("demo");
    Files.createDirectories(work);
    Path indicators = work.resolve("received-indicators.json");
    StringBuilder bundle =
        new StringBuilder("{\"type\":\"bundle\",\"id\":\"bundle--")
            .append(java.util.UUID.randomUUID())
            .append("\",\"objects\":[");
    Page<StoredObject> page =
        b.store()
            .objects(RECEIVED, ObjectFilter.all().withTypes("indicator"), PageRequest.first(1_000));
    for (int i = 0; i < page.items().size(); i++) {
      bundle.append(i == 0 ? "" : ",").append(page.items().get(i).json());
    }
    Files.writeString(indicators, bundle.append("]}").toString());
    Path telemetry = work.resolve("zeek.log");
    try (InputStream in = resource(TELEMETRY)) {
      Files.copy(in, telemetry);
    }
    Path sightings = work.resolve("sightings.json");
    StringWriter mOut = new StringWriter();
    StringWriter mErr = new StringWriter();
    int code =
        Detente.run(
            new PrintWriter(mOut, true),
            new PrintWriter(mErr, true),
            "match",
            "--indicators",
            indicators.toString(),
            "--zeek",
            telemetry.toString(),
            "--identity",
            b.identity(),
            "--out",
            sightings.toString(),
            "--no-progress");
    (mOut + mErr.toString()).lines().filter(l -> !l.isBlank()).forEach(l -> out.println("   " + l));
    if (code != 0) {
      return false;
    }
    ImportReport report;
    try (InputStream in = Files.newInputStream(sightings)) {
      report =
          new Importer(b.store(), ObjectRules.standard(), StixReader.withDefaultLimits())
              .run(SIGHTINGS, in, null);
    }
    out.printf("   B stores them in its collection %s: %d added%n", SIGHTINGS, report.added());
    out.println(
        "   (the connection to 198.51.100.23 matches nothing: the indicator for it is RED and"
            + " stayed with A)");
    return report.rejected() == 0;
  }

  private void showSightings(Node a) {
    Page<StoredObject> page =
        a.store().objects(INBOX, ObjectFilter.all().withTypes("sighting"), PageRequest.first(100));
    out.println("   A received " + page.items().size() + " sighting(s) from B in " + INBOX + ":");
    for (StoredObject so : page.items()) {
      StixObject o = so.object();
      String of = o.string("sighting_of_ref").orElse("?");
      String name =
          a
              .store()
              .objects(COLLECTION, ObjectFilter.all().withIds(of), PageRequest.first(1))
              .items()
              .stream()
              .findFirst()
              .flatMap(x -> x.object().string("name"))
              .orElse(of);
      out.printf(
          "     %s seen %s time(s)%s%n",
          name,
          o.property("count") == null ? "?" : o.property("count").asText(),
          o.property("where_sighted_refs") == null ? " (where: not disclosed)" : "");
    }
  }

  /**
   * {@code at} reconciles its record for {@code with} against {@code with}'s signed export, fetched
   * from {@code with}'s node over the network.
   */
  private boolean reconcile(Node at, Node with) {
    Reconciliation r = federation(at).reconcile(with.partnerName());
    out.printf(
        "   %s reconciles with %s's signed export (%d entries): %s, %d of ours, %d of theirs"
            + " (fetched from %s's node)%n",
        at.name(),
        with.name(),
        r.theirs(),
        r.agree() ? "agree" : r.differences().size() + " difference(s)",
        r.ours(),
        r.theirs(),
        with.name());
    r.differences().forEach(d -> out.println("     " + d.describe()));
    return r.agree();
  }

  private static void describe(Store store, PrintWriter out) {
    out.println("What the node holds:");
    for (CollectionInfo c : store.collections()) {
      // One walk over every version: versions per type, and distinct ids per type.
      Map<String, int[]> byType = new TreeMap<>();
      Set<String> ids = new HashSet<>();
      long versions = 0;
      Optional<Cursor> next = Optional.empty();
      ObjectFilter all = ObjectFilter.all().withVersions(VersionMatch.ALL);
      do {
        Page<ManifestEntry> page = store.manifest(c.id(), all, new PageRequest(1_000, next));
        for (ManifestEntry e : page.items()) {
          versions++;
          int[] n = byType.computeIfAbsent(type(e.id()), t -> new int[2]);
          n[0]++;
          if (ids.add(e.id())) {
            n[1]++;
          }
        }
        next = page.next();
      } while (next.isPresent());
      long objects = ids.size();
      out.printf(
          "  collection %s (%s): %d objects, %d versions%n", c.id(), c.title(), objects, versions);
      out.printf("    %-22s %8s %9s%n", "type", "objects", "versions");
      byType.forEach((t, n) -> out.printf("    %-22s %8d %9d%n", t, n[1], n[0]));
    }
    out.println();
    out.println("  Indicators (latest version of each):");
    for (CollectionInfo c : store.collections()) {
      Page<StoredObject> page =
          store.objects(c.id(), ObjectFilter.all().withTypes("indicator"), PageRequest.first(100));
      List<String> lines = new ArrayList<>();
      for (StoredObject so : page.items()) {
        StixObject o = so.object();
        String tlp = tlpOf(o);
        String state = o.revoked() ? " (revoked)" : "";
        lines.add(
            String.format(
                "    %-16s %-30s %s%s",
                tlp, o.string("name").orElse("(no name)"), o.string("pattern").orElse(""), state));
      }
      lines.forEach(out::println);
    }
    out.println();
    for (String value : List.of("203.0.113.45", "198.51.100.23", "UPDATE-HarborLight.example.")) {
      List<Mention> mentions = store.mentions(value);
      out.println("  Who mentions " + value + "? " + mentions.size() + " object(s)");
      for (Mention m : mentions) {
        out.println("    " + m.objectId() + " (" + m.type() + ") in " + m.collectionId());
      }
    }
  }

  private static String tlpOf(StixObject o) {
    com.fasterxml.jackson.databind.JsonNode refs = o.property("object_marking_refs");
    Optional<Tlp> strictest = Optional.empty();
    if (refs != null && refs.isArray()) {
      for (com.fasterxml.jackson.databind.JsonNode r : refs) {
        Optional<Tlp> t = Tlp.ofMarkingId(r.asText());
        if (t.isPresent() && (strictest.isEmpty() || t.get().compareTo(strictest.get()) > 0)) {
          strictest = t;
        }
      }
    }
    return strictest.map(Tlp::label).orElse("(no TLP)");
  }

  private static String type(String id) {
    int i = id.indexOf("--");
    return i > 0 ? id.substring(0, i) : id;
  }
}
