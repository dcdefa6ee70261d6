package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The data markings of one STIX object (STIX 2.1 section 7.2): object-level marking refs, granular
 * markings, and what follows from them.
 *
 * <p>Inheritance: object markings apply to the whole object; a granular marking applies to the
 * content its selector denotes and to everything below it. So the markings of a property are the
 * object markings plus the granular data markings whose selector is that property or one of its
 * ancestors. When several TLP levels apply, the strictest governs (the specification leaves the
 * combination of markings to the user; this is the conservative reading).
 *
 * <p>Redaction ({@link #redact}): content denoted by a granular marking that is not kept is
 * removed, all at once and against the original object, so removing list elements never shifts what
 * another selector denotes. Index selectors of the markings that remain are then rewritten to the
 * positions their content has in the redacted copy (a selector {@code labels.[2]} becomes {@code
 * labels.[1]} when {@code labels.[0]} was removed), selectors whose content is gone are dropped,
 * and entries left without selectors are dropped. A list or dictionary emptied by removal is
 * removed too, because STIX forbids empty lists and dictionaries. List elements are removed rather
 * than replaced by placeholders because STIX lists admit no null or blank stand-in.
 */
public final class Markings {
  /** Properties that no redaction may remove: without them there is no object or no markings. */
  public static final Set<String> UNREMOVABLE =
      Set.of(
          "type",
          "id",
          "spec_version",
          "created",
          "modified",
          "object_marking_refs",
          "granular_markings");

  private final List<String> objectMarkingRefs;
  private final List<GranularMarking> granularMarkings;
  private final List<StixError> problems;

  private Markings(
      List<String> objectMarkingRefs,
      List<GranularMarking> granularMarkings,
      List<StixError> problems) {
    this.objectMarkingRefs = List.copyOf(objectMarkingRefs);
    this.granularMarkings = List.copyOf(granularMarkings);
    this.problems = List.copyOf(problems);
  }

  /**
   * The strictest TLP level among an object's object-level markings.
   *
   * @param tlp the strictest level among the object-level refs that are official TLP ids, or empty
   *     when there is none
   * @param unknownRefs object-level refs that are not one of the nine official TLP ids (statement
   *     markings, extension-based markings, anything else): a policy that cannot resolve them
   *     should deny
   * @param problems malformed marking properties; when not empty the markings cannot be read with
   *     certainty and a policy should deny
   */
  public record EffectiveTlp(
      Optional<Tlp> tlp, List<String> unknownRefs, List<StixError> problems) {
    public EffectiveTlp {
      Objects.requireNonNull(tlp, "tlp");
      unknownRefs = List.copyOf(unknownRefs);
      problems = List.copyOf(problems);
    }
  }

  /** Reads the {@code object_marking_refs} and {@code granular_markings} of an object. */
  public static Markings of(StixObject o) {
    Objects.requireNonNull(o, "o");
    ObjectNode tree = o.tree();
    List<String> refs = new ArrayList<>();
    List<GranularMarking> granular = new ArrayList<>();
    List<StixError> problems = new ArrayList<>();
    JsonNode omr = tree.get("object_marking_refs");
    if (omr != null) {
      if (!omr.isArray()) {
        problems.add(problem(o, "object_marking_refs", "a list", omr));
      } else {
        for (int i = 0; i < omr.size(); i++) {
          if (omr.get(i).isTextual()) {
            refs.add(omr.get(i).textValue());
          } else {
            problems.add(problem(o, "object_marking_refs[" + i + "]", "a string", omr.get(i)));
          }
        }
      }
    }
    JsonNode gm = tree.get("granular_markings");
    if (gm != null) {
      if (!gm.isArray()) {
        problems.add(problem(o, "granular_markings", "a list", gm));
      } else {
        for (int i = 0; i < gm.size(); i++) {
          readGranular(o, "granular_markings[" + i + "]", gm.get(i), granular, problems);
        }
      }
    }
    return new Markings(refs, granular, problems);
  }

  private static void readGranular(
      StixObject o,
      String where,
      JsonNode entry,
      List<GranularMarking> out,
      List<StixError> problems) {
    if (!entry.isObject()) {
      problems.add(problem(o, where, "an object", entry));
      return;
    }
    int before = problems.size();
    JsonNode ref = entry.get("marking_ref");
    JsonNode lang = entry.get("lang");
    JsonNode sel = entry.get("selectors");
    if (ref != null && lang != null) {
      problems.add(
          new StixError(
              o.id(),
              where,
              "granular-marking-ref-xor-lang",
              "has both marking_ref and lang; exactly one is allowed"));
    } else if (ref == null && lang == null) {
      problems.add(
          new StixError(
              o.id(),
              where,
              "granular-marking-ref-xor-lang",
              "has neither marking_ref nor lang; exactly one is required"));
    }
    if (ref != null && !ref.isTextual()) {
      problems.add(problem(o, where + ".marking_ref", "a string", ref));
    }
    if (lang != null && !lang.isTextual()) {
      problems.add(problem(o, where + ".lang", "a string", lang));
    }
    List<String> selectors = new ArrayList<>();
    if (sel == null || !sel.isArray() || sel.isEmpty()) {
      problems.add(problem(o, where + ".selectors", "a non-empty list", sel));
    } else {
      for (int j = 0; j < sel.size(); j++) {
        if (sel.get(j).isTextual()) {
          selectors.add(sel.get(j).textValue());
        } else {
          problems.add(problem(o, where + ".selectors[" + j + "]", "a string", sel.get(j)));
        }
      }
    }
    if (problems.size() > before) {
      return;
    }
    out.add(
        ref != null
            ? new GranularMarking.Data(ref.textValue(), selectors)
            : new GranularMarking.Language(lang.textValue(), selectors));
  }

  private static StixError problem(StixObject o, String where, String expected, JsonNode found) {
    return new StixError(
        o.id(),
        where,
        "marking-property-shape",
        "expected " + expected + ", found " + StixObject.kind(found));
  }

  /** The refs of {@code object_marking_refs}, in order. */
  public List<String> objectMarkingRefs() {
    return objectMarkingRefs;
  }

  /** The well-formed entries of {@code granular_markings}, in order. */
  public List<GranularMarking> granularMarkings() {
    return granularMarkings;
  }

  /** Malformed marking properties; entries with a problem are not in {@link #granularMarkings}. */
  public List<StixError> problems() {
    return problems;
  }

  /** Every marking-definition id this object refers to, object-level first, without repeats. */
  public Set<String> allMarkingRefs() {
    Set<String> all = new LinkedHashSet<>(objectMarkingRefs);
    for (GranularMarking g : granularMarkings) {
      if (g instanceof GranularMarking.Data d) {
        all.add(d.markingRef());
      }
    }
    return Collections.unmodifiableSet(all);
  }

  /**
   * The marking refs that apply to the content at {@code selectorPath}: the object-level refs, then
   * the refs of granular data markings with a selector equal to the path or to one of its
   * ancestors, without repeats. Markings on content below the path are not included.
   *
   * @throws IllegalArgumentException when {@code selectorPath} does not follow the selector syntax
   */
  public List<String> markingRefsAt(String selectorPath) {
    Selector path =
        Selector.parse(selectorPath)
            .orElseThrow(
                () -> new IllegalArgumentException("not a selector: '" + selectorPath + "'"));
    Set<String> refs = new LinkedHashSet<>(objectMarkingRefs);
    for (GranularMarking g : granularMarkings) {
      if (g instanceof GranularMarking.Data d) {
        for (String s : d.selectors()) {
          if (Selector.parse(s).map(sel -> sel.covers(path)).orElse(false)) {
            refs.add(d.markingRef());
            break;
          }
        }
      }
    }
    return List.copyOf(refs);
  }

  /** The strictest TLP among the object-level markings of {@code o}; see {@link EffectiveTlp}. */
  public static EffectiveTlp effectiveTlp(StixObject o) {
    Markings m = of(o);
    Tlp strictest = null;
    List<String> unknown = new ArrayList<>();
    for (String ref : m.objectMarkingRefs) {
      Optional<Tlp> t = Tlp.ofMarkingId(ref);
      if (t.isEmpty()) {
        unknown.add(ref);
      } else if (strictest == null || t.get().isStricterThan(strictest)) {
        strictest = t.get();
      }
    }
    return new EffectiveTlp(Optional.ofNullable(strictest), unknown, m.problems);
  }

  /**
   * The marking refs that apply to the content at {@code selectorPath} of {@code o}; see {@link
   * #markingRefsAt}.
   *
   * @throws IllegalArgumentException when {@code selectorPath} does not follow the selector syntax
   */
  public static List<String> markingsOf(StixObject o, String selectorPath) {
    return of(o).markingRefsAt(selectorPath);
  }

  /** True when {@code selector} follows the selector syntax of STIX 2.1 section 7.2.3. */
  public static boolean isValidSelector(String selector) {
    return Selector.parse(selector).isPresent();
  }

  /**
   * True when {@code selector} is valid and denotes content present in {@code object}, as section
   * 7.2.3 requires of every selector.
   */
  public static boolean selectorResolves(JsonNode object, String selector) {
    return resolve(object, selector).isPresent();
  }

  /**
   * The content a selector denotes in {@code object}, for reading only; empty when the selector is
   * invalid or the content is not present.
   */
  public static Optional<JsonNode> resolve(JsonNode object, String selector) {
    Objects.requireNonNull(object, "object");
    return Selector.parse(selector).flatMap(s -> s.resolve(object));
  }

  /**
   * A copy of {@code o} without the content covered by granular data markings whose ref {@code
   * keepMarkingRef} rejects, and without the {@code granular_markings} entries of those markings or
   * of removed content. Index selectors of the remaining entries are renumbered (see the class
   * comment). Language markings never cause removal.
   *
   * <p>The copy may lack a property its type requires (for example an indicator's {@code pattern});
   * the caller validates it and withholds it when it is no longer a valid object.
   *
   * @throws ObjectWithheldException when an object-level marking is rejected, when the marking
   *     properties are malformed, when a rejected granular marking has a selector that does not
   *     follow the syntax (what it protects cannot be known), or when a rejected granular marking
   *     covers {@code type}, {@code id}, {@code spec_version}, {@code created}, {@code modified},
   *     {@code object_marking_refs} or {@code granular_markings}
   */
  public static ObjectNode redact(StixObject o, Predicate<String> keepMarkingRef) {
    Objects.requireNonNull(keepMarkingRef, "keepMarkingRef");
    Markings m = of(o);
    if (!m.problems.isEmpty()) {
      throw new ObjectWithheldException(
          o.id(), "its markings cannot be read: " + m.problems.get(0));
    }
    for (String ref : m.objectMarkingRefs) {
      if (!keepMarkingRef.test(ref)) {
        throw new ObjectWithheldException(
            o.id(), "object-level marking " + ref + " is not allowed");
      }
    }
    ObjectNode root = o.tree();
    Set<Selector> removed = new HashSet<>();
    for (GranularMarking g : m.granularMarkings) {
      if (!(g instanceof GranularMarking.Data d) || keepMarkingRef.test(d.markingRef())) {
        continue;
      }
      for (String text : d.selectors()) {
        Selector s =
            Selector.parse(text)
                .orElseThrow(
                    () ->
                        new ObjectWithheldException(
                            o.id(),
                            "marking "
                                + d.markingRef()
                                + " has the invalid selector '"
                                + text
                                + "'"));
        if (s.resolve(root).isEmpty()) {
          continue;
        }
        String top = ((Selector.Key) s.steps().get(0)).name();
        if (UNREMOVABLE.contains(top)) {
          throw new ObjectWithheldException(
              o.id(),
              "marking " + d.markingRef() + " covers '" + text + "', which cannot be removed");
        }
        removed.add(s);
      }
    }
    Copy copy = new Copy(removed);
    ObjectNode out = (ObjectNode) copy.of(root, new Selector(List.of()));
    JsonNode gm = root.get("granular_markings");
    if (gm != null) {
      ArrayNode kept = out.arrayNode();
      for (JsonNode entry : gm) {
        JsonNode ref = entry.get("marking_ref");
        if (ref != null && !keepMarkingRef.test(ref.textValue())) {
          continue;
        }
        ArrayNode selectors = out.arrayNode();
        for (JsonNode sel : entry.get("selectors")) {
          copy.remap(sel.textValue(), root).ifPresent(selectors::add);
        }
        if (!selectors.isEmpty()) {
          ObjectNode e = entry.deepCopy();
          e.set("selectors", selectors);
          kept.add(e);
        }
      }
      if (kept.isEmpty()) {
        out.remove("granular_markings");
      } else {
        out.set("granular_markings", kept);
      }
    }
    return out;
  }

  /** One redacting copy: which paths went, and where surviving list elements moved. */
  private static final class Copy {
    private final Set<Selector> removed;
    private final Set<Selector> gone = new HashSet<>();
    private final Map<Selector, Integer> newIndex = new HashMap<>();

    Copy(Set<Selector> removed) {
      this.removed = removed;
      this.gone.addAll(removed);
    }

    /** The copy of {@code node} at {@code path}, or null when removal emptied it. */
    JsonNode of(JsonNode node, Selector path) {
      if (node.isObject()) {
        ObjectNode out = StixJson.newObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          Selector p = path.child(new Selector.Key(e.getKey()));
          JsonNode c = removed.contains(p) ? null : of(e.getValue(), p);
          if (c == null) {
            gone.add(p);
          } else {
            out.set(e.getKey(), c);
          }
        }
        return out.isEmpty() && !node.isEmpty() && !path.steps().isEmpty() ? null : out;
      }
      if (node.isArray()) {
        ArrayNode out = StixJson.mapper().createArrayNode();
        for (int i = 0; i < node.size(); i++) {
          Selector p = path.child(new Selector.Index(i));
          JsonNode c = removed.contains(p) ? null : of(node.get(i), p);
          if (c == null) {
            gone.add(p);
          } else {
            newIndex.put(p, out.size());
            out.add(c);
          }
        }
        return out.isEmpty() && !node.isEmpty() ? null : out;
      }
      return node.deepCopy();
    }

    /**
     * The selector rewritten for the copy; the text unchanged when it is invalid or denotes nothing
     * in the original (redaction does not repair selectors); empty when its content went.
     */
    Optional<String> remap(String text, JsonNode original) {
      Optional<Selector> parsed = Selector.parse(text);
      if (parsed.isEmpty() || parsed.get().resolve(original).isEmpty()) {
        return Optional.of(text);
      }
      Selector s = parsed.get();
      List<Selector.Step> steps = new ArrayList<>();
      for (int i = 0; i < s.steps().size(); i++) {
        Selector prefix = s.prefix(i + 1);
        if (gone.contains(prefix)) {
          return Optional.empty();
        }
        steps.add(
            s.steps().get(i) instanceof Selector.Index
                ? new Selector.Index(newIndex.get(prefix))
                : s.steps().get(i));
      }
      return Optional.of(new Selector(steps).toString());
    }
  }
}
