package org.detente.node.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.detente.node.store.Cursor;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Page;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoredObject;
import org.detente.node.store.UnknownCollectionException;
import org.detente.node.store.VersionMatch;
import org.detente.stix.Markings;
import org.detente.stix.ObjectWithheldException;
import org.detente.stix.StixError;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixTimestamp;
import org.detente.stix.StixValidator;
import org.detente.stix.Tlp;

/**
 * The one egress decision of a node: what of a batch of stored object versions may leave for a
 * partner, and in what form. Every path by which objects leave the node for a partner calls {@link
 * #decide}: TAXII reads by the partner's account, exports made for it, and pushes to it.
 *
 * <p>For each object version, in this order (the first rule that fails withholds it):
 *
 * <ol>
 *   <li>the partner has an agreement, and it offers the collection and the object's type;
 *   <li>without {@code reveal_partners}, the object is not the identity of another partner;
 *   <li>a relationship goes only when the agreement allows relationships, a sighting only when its
 *       sighting form is not {@code none}; and only when the partner may see both ends: {@code
 *       source_ref} and {@code target_ref} of a relationship, {@code sighting_of_ref} of a
 *       sighting. An end is seen when a collection offered to the partner holds a last version of
 *       it that these rules release on its own (rules 1, 2, 4 to 6; the ends of an end are not
 *       followed);
 *   <li>every object-level marking is allowed: an official TLP marking (1.0 counted as its 2.0
 *       level) at or below {@code max_tlp}, any TLP level when the object is in {@code
 *       red_objects}, or a marking listed in {@code markings}; any other marking withholds it. An
 *       object without an object-level TLP marking counts as {@code unmarked} (the nine official
 *       TLP marking definitions themselves count as CLEAR). Malformed markings withhold it;
 *   <li>content removed: content under a granular marking that is not allowed (same test), the
 *       properties of {@code strip}, the sighting properties its form leaves out (see {@link
 *       SharingAgreement.SightingForm}), for a full sighting the {@code observed_data_refs} the
 *       partner does not see, and, without {@code reveal_partners}, every {@code *_ref} naming
 *       another partner and every such element of a {@code *_refs} list, at any depth (a list
 *       emptied so is removed; a reference under a key no selector can name withholds the object);
 *   <li>what remains is still a valid STIX object (removing a required property withholds it).
 * </ol>
 *
 * <p>Cost: one parse per object, the validator only on objects whose content changed, and the ends
 * of a batch are looked up together: one store query per offered collection per 1,000 distinct
 * ends, whatever the size of the batch.
 */
public final class EgressPolicy {
  /** The largest number of ids one end lookup asks the store for. */
  static final int END_CHUNK = 1_000;

  /** A marking id that cannot occur in data: content tagged with it is removed by redaction. */
  private static final String REMOVE =
      "marking-definition--"
          + UUID.nameUUIDFromBytes("detente egress removal".getBytes(StandardCharsets.UTF_8));

  private static final Set<String> COUNT_KEEPS =
      Set.of(
          "type",
          "spec_version",
          "id",
          "created",
          "modified",
          "sighting_of_ref",
          "count",
          "object_marking_refs",
          "granular_markings");

  private final Store store;
  private final StixValidator validator = StixValidator.standard();

  public EgressPolicy(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Decides a batch of object versions read from one collection, for one partner.
   *
   * @throws org.detente.node.store.StoreException when looking up the ends fails
   */
  public Decision decide(Recipient to, String collectionId, List<StoredObject> objects) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(collectionId, "collectionId");
    List<Released> released = new ArrayList<>(objects.size());
    List<Withheld> withheld = new ArrayList<>();
    String refused =
        to.agreement().isEmpty()
            ? "partner '" + to.partner() + "' has no sharing agreement"
            : to.agreement().get().collections().contains(collectionId)
                ? null
                : "collection '" + collectionId + "' is not offered to '" + to.partner() + "'";
    if (refused != null) {
      for (StoredObject s : objects) {
        withheld.add(new Withheld(s.id(), s.version(), refused));
      }
      return new Decision(released, withheld);
    }
    SharingAgreement a = to.agreement().get();
    List<StixObject> parsed = new ArrayList<>(objects.size());
    Set<String> ends = new TreeSet<>();
    for (StoredObject s : objects) {
      StixObject o = s.object();
      parsed.add(o);
      ends.addAll(ends(o, a));
    }
    Set<String> visible = visible(to, ends);
    for (int i = 0; i < objects.size(); i++) {
      StoredObject s = objects.get(i);
      switch (judge(to, collectionId, parsed.get(i), visible)) {
        case Verdict.Out out -> released.add(new Released(s, out.json(), out.redacted()));
        case Verdict.Kept kept -> withheld.add(new Withheld(s.id(), s.version(), kept.reason()));
      }
    }
    return new Decision(released, withheld);
  }

  /**
   * One page of what a partner may receive from a collection, for reads and pushes: store pages are
   * read and decided until {@code request.limit()} objects are released or the collection has no
   * more, and one released object beyond the limit decides {@code more}. The cursor and the
   * first/last {@code date_added} are those of released objects only, so the page betrays nothing
   * of what was withheld. Redacted objects carry their redacted JSON. {@code match[version]} {@code
   * first} and {@code last} select among the versions the partner may receive: the last version a
   * partner sees is the last one released to it, so a withheld newer version leaves no trace (this
   * costs one more query per store page, for every version of the objects on it). Cost: one store
   * query per store page read (each of at most {@code limit + 1} objects), plus the end lookups of
   * {@link #decide}; the more is withheld, the more store pages a page needs.
   *
   * @throws UnknownCollectionException when the collection does not exist
   * @throws org.detente.node.store.StoreException when the database fails
   */
  public Page<StoredObject> page(
      Recipient to, String collectionId, ObjectFilter filter, PageRequest request) {
    return page(to, collectionId, filter, request, w -> {});
  }

  /**
   * {@link #page(Recipient, String, ObjectFilter, PageRequest)}, reporting to {@code withheld} each
   * object version withheld within the page (before its cursor), once across a walk.
   */
  public Page<StoredObject> page(
      Recipient to,
      String collectionId,
      ObjectFilter filter,
      PageRequest request,
      java.util.function.Consumer<Withheld> withheld) {
    VersionMatch vm = filter.versions();
    // first and last are chosen among the versions the partner may receive, so that a withheld
    // later (or earlier) version leaves no gap that would betray it
    boolean amongReleased = !vm.all() && (vm.first() || vm.last());
    ObjectFilter walk =
        amongReleased
            ? new ObjectFilter(
                filter.ids(),
                filter.types(),
                VersionMatch.ALL,
                filter.specVersions(),
                filter.addedAfter())
            : filter;
    Map<String, String[]> extremes = new HashMap<>();
    List<Map.Entry<java.time.Instant, Withheld>> kept = new ArrayList<>();
    Set<String> at = new HashSet<>();
    vm.timestamps().forEach(t -> at.add(StixTimestamp.sortKey(t)));
    int limit = request.limit();
    List<StoredObject> out = new ArrayList<>(Math.min(limit, 1_000));
    Optional<Cursor> next = request.next();
    boolean more = false;
    read:
    while (true) {
      int fetch = Math.min(PageRequest.MAX_LIMIT, limit - out.size() + 1);
      Page<StoredObject> p = store.objects(collectionId, walk, new PageRequest(fetch, next));
      Decision d = decide(to, collectionId, p.items());
      List<Released> released = d.released();
      if (!d.withheld().isEmpty()) {
        Map<String, java.time.Instant> added = new HashMap<>();
        p.items().forEach(x -> added.put(x.id() + "|" + x.version().orElse(""), x.dateAdded()));
        for (Withheld w : d.withheld()) {
          kept.add(Map.entry(added.get(w.id() + "|" + w.version().orElse("")), w));
        }
      }
      if (amongReleased) {
        extremes(to, collectionId, filter, released, extremes);
      }
      for (Released x : released) {
        StoredObject s = x.stored();
        if (amongReleased && !selected(s, vm, at, extremes.get(s.id()))) {
          continue;
        }
        if (out.size() == limit) {
          more = true;
          break read;
        }
        out.add(
            x.redacted()
                ? new StoredObject(
                    s.id(), s.type(), s.version(), s.specVersion(), s.dateAdded(), x.json())
                : s);
      }
      if (!p.more()) {
        break;
      }
      next = p.next();
    }
    for (Map.Entry<java.time.Instant, Withheld> k : kept) {
      if (!more || !k.getKey().isAfter(out.get(out.size() - 1).dateAdded())) {
        withheld.accept(k.getValue());
      }
    }
    return new Page<>(
        out,
        more,
        out.isEmpty() ? Optional.empty() : Optional.of(out.get(0).dateAdded()),
        out.isEmpty() ? Optional.empty() : Optional.of(out.get(out.size() - 1).dateAdded()));
  }

  private static boolean selected(
      StoredObject s, VersionMatch vm, Set<String> at, String[] firstLast) {
    if (s.version().isEmpty()) {
      return true; // an object without versions has one, both first and last
    }
    String key = StixTimestamp.sortKey(s.version().get());
    return at.contains(key)
        || (vm.first() && key.equals(firstLast[0]))
        || (vm.last() && key.equals(firstLast[1]));
  }

  /**
   * Adds to {@code extremes} the sort keys of the first and last released versions of the objects
   * of {@code released} not yet in it: every version of them is read (whatever {@code added_after})
   * and decided.
   */
  private void extremes(
      Recipient to,
      String collectionId,
      ObjectFilter filter,
      List<Released> released,
      Map<String, String[]> extremes) {
    List<String> ids =
        new ArrayList<>(
            new TreeSet<>(
                released.stream()
                    .map(r -> r.stored().id())
                    .filter(id -> !extremes.containsKey(id))
                    .toList()));
    for (int from = 0; from < ids.size(); from += END_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + END_CHUNK));
      ObjectFilter f =
          new ObjectFilter(
              chunk, List.of(), VersionMatch.ALL, filter.specVersions(), Optional.empty());
      Optional<Cursor> next = Optional.empty();
      do {
        Page<StoredObject> p =
            store.objects(collectionId, f, new PageRequest(PageRequest.MAX_LIMIT, next));
        for (Released r : decide(to, collectionId, p.items()).released()) {
          if (r.stored().version().isEmpty()) {
            continue;
          }
          String key = StixTimestamp.sortKey(r.stored().version().get());
          String[] fl = extremes.computeIfAbsent(r.stored().id(), k -> new String[] {key, key});
          if (key.compareTo(fl[0]) < 0) {
            fl[0] = key;
          }
          if (key.compareTo(fl[1]) > 0) {
            fl[1] = key;
          }
        }
        next = p.next();
      } while (next.isPresent());
    }
    for (String id : ids) {
      extremes.putIfAbsent(id, new String[] {"", ""});
    }
  }

  private sealed interface Verdict {
    record Out(String json, boolean redacted) implements Verdict {}

    record Kept(String reason) implements Verdict {}
  }

  /** The ids whose visibility decides whether {@code o} goes. */
  private static List<String> ends(StixObject o, SharingAgreement a) {
    List<String> out = new ArrayList<>();
    switch (o.type()) {
      case "relationship" -> {
        o.string("source_ref").ifPresent(out::add);
        o.string("target_ref").ifPresent(out::add);
      }
      case "sighting" -> {
        o.string("sighting_of_ref").ifPresent(out::add);
        JsonNode od = o.property("observed_data_refs");
        if (a.sightings() == SharingAgreement.SightingForm.FULL && od != null && od.isArray()) {
          od.forEach(n -> out.add(n.asText()));
        }
      }
      default -> {}
    }
    return out;
  }

  /**
   * The ids among {@code ids} that the partner sees: a collection offered to it holds a last
   * version of the object that is released on its own.
   */
  private Set<String> visible(Recipient to, Set<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    if (ids.isEmpty()) {
      return out;
    }
    List<String> all = new ArrayList<>(ids);
    for (String collection : new TreeSet<>(to.agreement().orElseThrow().collections())) {
      for (int from = 0; from < all.size(); from += END_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + END_CHUNK));
        ObjectFilter f =
            new ObjectFilter(chunk, List.of(), VersionMatch.LAST, List.of(), Optional.empty());
        Optional<Cursor> next = Optional.empty();
        do {
          Page<StoredObject> p;
          try {
            p = store.objects(collection, f, new PageRequest(chunk.size(), next));
          } catch (UnknownCollectionException e) {
            break;
          }
          for (StoredObject s : p.items()) {
            if (judge(to, collection, s.object(), null) instanceof Verdict.Out) {
              out.add(s.id());
            }
          }
          next = p.next();
        } while (next.isPresent());
      }
    }
    return out;
  }

  /** The verdict on one object; {@code visible} null means: do not check the ends. */
  private Verdict judge(Recipient to, String collection, StixObject o, Set<String> visible) {
    SharingAgreement a = to.agreement().orElseThrow();
    if (!a.collections().contains(collection)) {
      return kept("collection '" + collection + "' is not offered to '" + to.partner() + "'");
    }
    if (!a.types().isEmpty() && !a.types().contains(o.type())) {
      return kept("type '" + o.type() + "' is not offered");
    }
    if (!a.revealPartners() && to.otherPartners().contains(o.id())) {
      return kept("it is the identity of another partner");
    }
    if (o.type().equals("relationship")) {
      if (!a.relationships()) {
        return kept("relationships are not shared");
      }
      if (visible != null) {
        for (String end : List.of("source_ref", "target_ref")) {
          String ref = o.string(end).orElse("");
          if (!visible.contains(ref)) {
            return kept(end + " " + ref + " is not released to the partner");
          }
        }
      }
    }
    if (o.type().equals("sighting")) {
      if (a.sightings() == SharingAgreement.SightingForm.NONE) {
        return kept("sightings are not shared");
      }
      String ref = o.string("sighting_of_ref").orElse("");
      if (visible != null && !visible.contains(ref)) {
        return kept("sighting_of_ref " + ref + " is not released to the partner");
      }
    }
    Markings.EffectiveTlp tlp = Markings.effectiveTlp(o);
    if (!tlp.problems().isEmpty()) {
      return kept("its markings cannot be read: " + tlp.problems().get(0));
    }
    boolean red = a.redObjects().contains(o.id());
    if (tlp.tlp().isEmpty()
        && !officialTlpDefinition(o)
        && a.unmarked().isStricterThan(a.maxTlp())
        && !red) {
      return kept(
          "it has no TLP marking, which counts as "
              + a.unmarked().label()
              + ", above "
              + a.maxTlp().label());
    }
    ObjectNode tree = o.json();
    ObjectNode out;
    try {
      List<String> remove = removals(to, o, tree, visible);
      if (remove.isEmpty()) {
        out = Markings.redact(o, ref -> allowed(a, ref, red));
      } else {
        JsonNode gm = tree.get("granular_markings");
        ArrayNode entries =
            gm == null ? tree.putArray("granular_markings") : gm.isArray() ? (ArrayNode) gm : null;
        if (entries == null) {
          return kept("its markings cannot be read: granular_markings is not a list");
        }
        ObjectNode removal = entries.addObject();
        removal.put("marking_ref", REMOVE);
        ArrayNode selectors = removal.putArray("selectors");
        remove.forEach(selectors::add);
        out =
            Markings.redact(
                StixObject.adopt(tree), ref -> !REMOVE.equals(ref) && allowed(a, ref, red));
      }
    } catch (ObjectWithheldException e) {
      return kept(e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
    ObjectNode original = o.json();
    if (out.equals(original)) {
      return new Verdict.Out(o.toJson(), false);
    }
    StixObject copy = StixObject.adopt(out);
    List<StixError> errors = validator.validate(copy);
    if (!errors.isEmpty()) {
      return kept("what may be released is not a valid object: " + errors.get(0));
    }
    return new Verdict.Out(StixJson.write(out), true);
  }

  private static Verdict kept(String reason) {
    return new Verdict.Kept(reason);
  }

  /** Whether a marking may accompany content to the partner. */
  private static boolean allowed(SharingAgreement a, String ref, boolean red) {
    Optional<Tlp> t = Tlp.ofMarkingId(ref);
    if (t.isPresent()) {
      return red || !t.get().isStricterThan(a.maxTlp());
    }
    return a.markings().contains(ref);
  }

  private static boolean officialTlpDefinition(StixObject o) {
    return o.type().equals("marking-definition") && Tlp.isOfficial(o);
  }

  /**
   * Selectors of the content the agreement removes besides markings.
   *
   * @throws ObjectWithheldException when a reference to another partner sits under a key that no
   *     selector can name (a key with {@code .} or {@code [})
   */
  private static List<String> removals(
      Recipient to, StixObject o, ObjectNode tree, Set<String> visible) {
    SharingAgreement a = to.agreement().orElseThrow();
    boolean sighting = o.type().equals("sighting");
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (Markings.UNREMOVABLE.contains(k)) {
        continue;
      }
      if (a.strips(k)
          || (sighting
              && a.sightings() == SharingAgreement.SightingForm.ANONYMISED
              && (k.equals("where_sighted_refs") || k.equals("observed_data_refs")))
          || (sighting
              && a.sightings() == SharingAgreement.SightingForm.COUNT
              && !COUNT_KEEPS.contains(k))) {
        out.add(k);
        continue;
      }
      if (sighting
          && visible != null
          && k.equals("observed_data_refs")
          && a.sightings() == SharingAgreement.SightingForm.FULL
          && v.isArray()) {
        for (int i = 0; i < v.size(); i++) {
          if (!visible.contains(v.get(i).asText())) {
            out.add(k + ".[" + i + "]");
          }
        }
      }
      if (!a.revealPartners()) {
        partnerRefs(o, to.otherPartners(), k, k, v, out);
      }
    }
    return out;
  }

  /**
   * Adds the selectors of references to other partners at or below {@code node}: the value of any
   * key ending in {@code _ref}, and the elements of any list under a key ending in {@code _refs},
   * at any depth (extensions and dictionaries included).
   */
  private static void partnerRefs(
      StixObject o, Set<String> others, String key, String path, JsonNode node, List<String> out) {
    if (key.endsWith("_ref") && node.isTextual() && others.contains(node.textValue())) {
      out.add(path);
    } else if (key.endsWith("_refs") && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isTextual() && others.contains(node.get(i).textValue())) {
          out.add(path + ".[" + i + "]");
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String k = e.getKey();
        if (k.contains(".") || k.contains("[")) {
          if (mentions(e.getValue(), others)) {
            throw new ObjectWithheldException(
                o.id(), "another partner is named under '" + path + "." + k + "'");
          }
          continue;
        }
        partnerRefs(o, others, k, path + "." + k, e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        partnerRefs(o, others, "", path + ".[" + i + "]", node.get(i), out);
      }
    }
  }

  private static boolean mentions(JsonNode node, Set<String> others) {
    if (node.isTextual()) {
      return others.contains(node.textValue());
    }
    for (JsonNode c : node) {
      if (mentions(c, others)) {
        return true;
      }
    }
    return false;
  }
}
