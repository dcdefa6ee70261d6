package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One pass over one STIX object, collecting every rule it breaks.
 *
 * <p>Design: the walk is driven by the tables of {@link StixSchemas}. Each property of the object
 * is looked up once: a common property is checked against its family's use of it ({@link Family})
 * and its kind, a property of the type's table against its kind, anything else is a custom property
 * whose name must follow section 11.1. Nested values (lists, dictionaries, embedded types,
 * extensions) are walked by the same {@link #check} switch, so every value kind has one check.
 * Cross-property rules run after the properties. Paths are built as small linked nodes and only
 * rendered when an error is reported; nothing is copied from the tree.
 *
 * <p>Not thread-safe and single-use: {@link StixValidator} makes one per object.
 */
final class ObjectInspection {
  private static final long MAX_INTEGER = (1L << 53) - 1;

  /** Sections 3.2 and 3.6.1: modified is not earlier than created. */
  private static final Constraint CREATED_MODIFIED =
      Constraint.notBefore("modified-before-created", "created", "modified");

  private final ObjectNode root;
  private final String objectId;
  private final List<StixError> errors = new ArrayList<>(2);
  private String type;
  private Family family;
  private boolean predefinedType;
  private boolean defanged;

  ObjectInspection(ObjectNode root, String objectId) {
    this.root = root;
    this.objectId = objectId;
  }

  ObjectNode root() {
    return root;
  }

  String objectId() {
    return objectId;
  }

  /** True when the object is an SCO that says its values are defanged (value formats relax). */
  boolean defanged() {
    return defanged;
  }

  List<StixError> errors() {
    return errors;
  }

  void report(PropertyPath path, String rule, String message) {
    errors.add(new StixError(objectId, path.render(), rule, message));
  }

  // ---------------------------------------------------------------- the object

  void inspect() {
    PropertyPath typePath = PropertyPath.ROOT.child("type");
    JsonNode typeNode = root.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      if (typeNode == null) {
        report(typePath, "required", "type is required");
      } else {
        typeError(typePath, "a string", typeNode);
      }
      checkIdSyntaxOnly();
      return;
    }
    type = typeNode.textValue();
    StixSchemas.ObjectSchema schema = StixSchemas.object(type);
    TypeSchema body;
    if (schema != null) {
      predefinedType = true;
      family = schema.family();
      body = schema.body();
    } else if ("bundle".equals(type)) {
      report(typePath, "object-type", "a bundle is not a STIX object; validate its objects");
      return;
    } else {
      if (!Syntax.isTypeName(type)) {
        report(
            typePath,
            "custom-object-type",
            "custom object type "
                + quote(type)
                + " must be 3 to 250 characters of a-z, 0-9 and '-', start with a letter and"
                + " have no '--'");
      }
      family = customFamily();
      body = null;
    }
    JsonNode defangedNode = root.path("defanged");
    defanged = family == Family.SCO && defangedNode.isBoolean() && defangedNode.booleanValue();
    checkId();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String name = e.getKey();
      if (name.equals("type") || name.equals("id")) {
        continue;
      }
      inspectProperty(name, e.getValue(), body);
    }
    for (String common : Family.COMMON) {
      if (family.use(common) == Family.Use.REQUIRED && !root.has(common)) {
        report(PropertyPath.ROOT.child(common), "required", common + " is required on " + what());
      }
    }
    apply(CREATED_MODIFIED, root, PropertyPath.ROOT, null);
    if (body != null) {
      requireAndConstrain(body, root, PropertyPath.ROOT);
    }
  }

  private void inspectProperty(String name, JsonNode value, TypeSchema body) {
    PropertyPath p = PropertyPath.ROOT.child(name);
    if (name.endsWith("_enc")) {
      String base = name.substring(0, name.length() - 4);
      if (!root.has(base)) {
        report(
            p,
            "encoding-without-property",
            name + " is present but " + base + " is not (section 3.1)");
      }
    }
    Family.Use use = family.use(name);
    if (use != null) {
      if (use == Family.Use.NOT_APPLICABLE) {
        report(p, "not-applicable", name + " is not a property of " + what());
      } else if (name.equals("spec_version")) {
        if (!value.isTextual()) {
          typeError(p, "a string", value);
        } else if (!"2.1".equals(value.textValue())) {
          report(
              p, "spec-version", "spec_version must be \"2.1\", found " + quote(value.textValue()));
        }
      } else {
        check(StixSchemas.commonKind(name), value, p);
      }
      return;
    }
    Prop prop = body == null ? null : body.prop(name);
    if (prop != null) {
      check(prop.kind(), value, p);
    } else if (Vocabularies.RESERVED_PROPERTIES.contains(name)) {
      report(p, "reserved-property", name + " is reserved for future use (section 3.8)");
    } else {
      customProperty(name, value, p);
    }
  }

  /**
   * The family whose common properties a custom type uses: an extension definition declaring it a
   * new SCO or SRO says so; otherwise it is taken as an SDO-like object (section 11.2 asks custom
   * objects to support the common properties).
   */
  private Family customFamily() {
    JsonNode exts = root.get("extensions");
    if (exts instanceof ObjectNode obj) {
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        String kind = e.getValue().path("extension_type").asText("");
        if (kind.equals("new-sco")) {
          return Family.SCO;
        }
        if (kind.equals("new-sro")) {
          return Family.SRO;
        }
      }
    }
    return Family.SDO;
  }

  private String what() {
    return switch (family) {
      case SDO -> predefinedType ? "an SDO (" + type + ")" : "a custom object (" + type + ")";
      case SRO -> predefinedType ? "an SRO (" + type + ")" : "a custom SRO (" + type + ")";
      case SCO -> predefinedType ? "an SCO (" + type + ")" : "a custom SCO (" + type + ")";
      case LANGUAGE_CONTENT, MARKING_DEFINITION, EXTENSION_DEFINITION -> "a " + type;
    };
  }

  private void checkId() {
    PropertyPath p = PropertyPath.ROOT.child("id");
    JsonNode idNode = root.get("id");
    if (idNode == null) {
      return; // reported with the other required common properties
    }
    if (!idNode.isTextual()) {
      typeError(p, "an identifier string", idNode);
      return;
    }
    String id = idNode.textValue();
    String idType = Syntax.identifierType(id);
    if (idType == null) {
      report(p, "identifier", "not an identifier of the form type--UUID (RFC 4122): " + quote(id));
    } else if (!idType.equals(type)) {
      report(
          p,
          "id-type",
          "id has type " + quote(idType) + " but the object's type is " + quote(type));
    }
  }

  private void checkIdSyntaxOnly() {
    JsonNode idNode = root.get("id");
    if (idNode == null) {
      report(PropertyPath.ROOT.child("id"), "required", "id is required");
    } else if (!idNode.isTextual() || Syntax.identifierType(idNode.textValue()) == null) {
      report(
          PropertyPath.ROOT.child("id"),
          "identifier",
          "not an identifier of the form type--UUID (RFC 4122): " + describe(idNode));
    }
  }

  // ---------------------------------------------------------------- values

  /** Checks one value against its kind. */
  void check(ValueKind kind, JsonNode v, PropertyPath p) {
    switch (kind) {
      case ValueKind.Text t -> requireText(v, p);
      case ValueKind.OpenVocab o -> requireText(v, p);
      case ValueKind.PropertyName n -> {
        if (requireText(v, p) && !Syntax.isPropertyName(v.textValue())) {
          report(p, "custom-property-name", propertyNameMessage(v.textValue()));
        }
      }
      case ValueKind.Bool b -> {
        if (!v.isBoolean()) {
          typeError(p, "a boolean", v);
        }
      }
      case ValueKind.Int(long min, long max, String rule) -> checkInteger(v, p, min, max, rule);
      case ValueKind.Real(double min, double max, String rule) -> {
        if (!v.isNumber()) {
          typeError(p, "a number", v);
        } else if (v.doubleValue() < min || v.doubleValue() > max) {
          report(p, rule, "must be between " + min + " and " + max + ", found " + v.asText());
        }
      }
      case ValueKind.Timestamp(boolean millis) -> checkTimestamp(v, p, millis);
      case ValueKind.Ref(RefTargets targets) -> checkRef(v, p, targets);
      case ValueKind.Hex h -> {
        if (requireText(v, p) && !Syntax.isHex(v.textValue())) {
          report(
              p,
              "hex",
              "must be an even number of lowercase hexadecimal digits, found "
                  + quote(v.textValue()));
        }
      }
      case ValueKind.Binary b -> {
        if (requireText(v, p) && !Syntax.isBase64(v.textValue())) {
          report(p, "binary", "must be base64 (RFC 4648), found " + quote(v.textValue()));
        }
      }
      case ValueKind.Hashes h -> checkHashes(v, p);
      case ValueKind.Dict(ValueKind values) -> {
        if (requireDictionary(v, p)) {
          for (Map.Entry<String, JsonNode> e : v.properties()) {
            PropertyPath kp = p.child(e.getKey());
            checkDictionaryKey(e.getKey(), kp);
            check(values, e.getValue(), kp);
          }
        }
      }
      case ValueKind.Closed(String name, Set<String> values) -> {
        if (requireText(v, p) && !values.contains(v.textValue())) {
          report(
              p,
              "closed-vocabulary",
              quote(v.textValue()) + " is not in " + name + " " + new TreeSet<>(values));
        }
      }
      case ValueKind.ListOf(ValueKind element) -> {
        if (!v.isArray()) {
          typeError(p, "a list", v);
        } else if (v.isEmpty()) {
          report(p, "empty-list", "lists must not be empty (section 2.12)");
        } else {
          for (int i = 0; i < v.size(); i++) {
            check(element, v.get(i), p.item(i));
          }
        }
      }
      case ValueKind.Embedded(TypeSchema schema) -> {
        if (v instanceof ObjectNode obj) {
          inspectEmbedded(schema, obj, p);
        } else {
          typeError(p, "an object (" + schema.name() + ")", v);
        }
      }
      case ValueKind.LanguageTag l -> {
        if (requireText(v, p) && !Syntax.isLanguageTag(v.textValue())) {
          report(p, "language-tag", "not an RFC 5646 language tag: " + quote(v.textValue()));
        }
      }
      case ValueKind.AnyValue a -> {
        if (v.isNull()) {
          typeError(p, "a STIX value", v);
        }
      }
      case ValueKind.IntOrText i -> {
        if (!v.isIntegralNumber() && !v.isTextual()) {
          typeError(p, "an integer or a string", v);
        } else if (v.isIntegralNumber()) {
          checkInteger(v, p, Long.MIN_VALUE, Long.MAX_VALUE, "integer-range");
        }
      }
      case ValueKind.Extensions x -> inspectExtensions(v, p);
      case ValueKind.LanguageContents c -> checkContents(v, p);
      case ValueKind.ObservableContainer c -> checkObservableContainer(v, p);
    }
  }

  private boolean requireText(JsonNode v, PropertyPath p) {
    if (v.isTextual()) {
      return true;
    }
    typeError(p, "a string", v);
    return false;
  }

  private boolean requireDictionary(JsonNode v, PropertyPath p) {
    if (!v.isObject()) {
      typeError(p, "a dictionary", v);
      return false;
    }
    if (v.isEmpty()) {
      report(p, "empty-dictionary", "dictionaries must not be empty (section 2.3)");
      return false;
    }
    return true;
  }

  private void checkDictionaryKey(String key, PropertyPath p) {
    if (!Syntax.isDictionaryKey(key)) {
      report(
          p,
          "dictionary-key",
          "dictionary key "
              + quote(key)
              + " must be 1 to 250 characters of a-z, A-Z, 0-9, '-' and '_'");
    }
  }

  private void checkInteger(JsonNode v, PropertyPath p, long min, long max, String rule) {
    if (!v.isIntegralNumber()) {
      typeError(p, "an integer", v);
      return;
    }
    if (!v.canConvertToLong() || v.longValue() > MAX_INTEGER || v.longValue() < -MAX_INTEGER) {
      report(
          p, "integer-range", "integers must fit in 54 bits (section 2.10), found " + v.asText());
      return;
    }
    long x = v.longValue();
    if (x < min || x > max) {
      String bounds = max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
      report(p, rule, "must be " + bounds + ", found " + x);
    }
  }

  private void checkTimestamp(JsonNode v, PropertyPath p, boolean millis) {
    if (!requireText(v, p)) {
      return;
    }
    String s = v.textValue();
    if (!StixTimestamp.isValid(s)) {
      report(p, "timestamp", "not a STIX timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z: " + quote(s));
    } else if (millis && s.length() < 24) {
      report(
          p,
          "timestamp-precision",
          "must be precise to at least the millisecond (section 3.2), found " + quote(s));
    }
  }

  private void checkRef(JsonNode v, PropertyPath p, RefTargets targets) {
    if (!requireText(v, p)) {
      return;
    }
    String id = v.textValue();
    String refType = Syntax.identifierType(id);
    if (refType == null) {
      report(p, "identifier", "not an identifier of the form type--UUID (RFC 4122): " + quote(id));
    } else if (!targets.accepts(refType)) {
      report(
          p,
          "reference-type",
          "must refer to " + targets.describe() + ", found a reference to " + quote(refType));
    }
  }

  private void checkHashes(JsonNode v, PropertyPath p) {
    if (!requireDictionary(v, p)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String algorithm = e.getKey();
      PropertyPath kp = p.child(algorithm);
      JsonNode value = e.getValue();
      if (!Syntax.isHashKey(algorithm)) {
        report(
            kp,
            "hash-key",
            "hash name "
                + quote(algorithm)
                + " must be 3 to 250 characters of a-z, A-Z, 0-9, '-' and '_'");
      } else if (!Vocabularies.HASH_ALGORITHM.contains(algorithm)) {
        report(
            kp,
            "hash-algorithm",
            "hash name "
                + quote(algorithm)
                + " is not in hash-algorithm-ov "
                + new TreeSet<>(Vocabularies.HASH_ALGORITHM));
      }
      if (requireText(value, kp)
          && Vocabularies.HASH_ALGORITHM.contains(algorithm)
          && !Syntax.isHashValue(algorithm, value.textValue())) {
        report(
            kp, "hash-value", "not a valid " + algorithm + " value: " + quote(value.textValue()));
      }
    }
  }

  private void checkContents(JsonNode v, PropertyPath p) {
    if (!requireDictionary(v, p)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      PropertyPath kp = p.child(e.getKey());
      if (!Syntax.isLanguageTag(e.getKey())) {
        report(
            kp,
            "language-tag",
            "contents keys must be RFC 5646 language tags: " + quote(e.getKey()));
      }
      if (requireDictionary(e.getValue(), kp)) {
        for (Map.Entry<String, JsonNode> t : e.getValue().properties()) {
          check(ValueKind.ANY, t.getValue(), kp.child(t.getKey()));
        }
      }
    }
  }

  private void checkObservableContainer(JsonNode v, PropertyPath p) {
    if (!requireDictionary(v, p)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      PropertyPath kp = p.child(e.getKey());
      checkDictionaryKey(e.getKey(), kp);
      JsonNode sco = e.getValue();
      if (!sco.isObject()) {
        typeError(kp, "a cyber-observable object", sco);
      } else if (!sco.path("type").isTextual()) {
        report(kp.child("type"), "required", "a cyber-observable object needs a string type");
      }
    }
  }

  /** Walks an embedded value (or extension) of a type the specification defines. */
  void inspectEmbedded(TypeSchema schema, ObjectNode node, PropertyPath p) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      Prop prop = schema.prop(name);
      if (prop != null) {
        check(prop.kind(), e.getValue(), p.child(name));
      } else {
        customProperty(name, e.getValue(), p.child(name));
      }
    }
    requireAndConstrain(schema, node, p);
  }

  private void customProperty(String name, JsonNode value, PropertyPath p) {
    if (!Syntax.isPropertyName(name)) {
      report(p, "custom-property-name", propertyNameMessage(name));
    }
    if (value.isArray() && value.isEmpty()) {
      report(p, "empty-list", "lists must not be empty (section 2.12)");
    }
  }

  private static String propertyNameMessage(String name) {
    return "property name "
        + quote(name)
        + " must be 3 to 250 characters of a-z, 0-9 and '_', starting with a letter"
        + " (sections 3.1, 11.1)";
  }

  // ---------------------------------------------------------------- rules between properties

  private void requireAndConstrain(TypeSchema schema, ObjectNode node, PropertyPath p) {
    for (Prop prop : schema.required()) {
      if (!node.has(prop.name())) {
        report(p.child(prop.name()), "required", prop.name() + " is required in " + schema.name());
      }
    }
    for (Constraint c : schema.constraints()) {
      apply(c, node, p, schema);
    }
  }

  private void apply(Constraint c, ObjectNode node, PropertyPath p, TypeSchema schema) {
    switch (c) {
      case Constraint.AtLeastOne(String rule, List<String> names) -> {
        for (String n : names) {
          if (node.has(n)) {
            return;
          }
        }
        report(p, rule, "at least one of " + String.join(", ", names) + " must be present");
      }
      case Constraint.NotBoth(String rule, String first, String second) -> {
        if (node.has(first) && node.has(second)) {
          report(p.child(second), rule, second + " must not be present together with " + first);
        }
      }
      case Constraint.Requires(String rule, String trigger, String needed) -> {
        if (node.has(trigger) && !node.has(needed)) {
          report(p.child(needed), rule, needed + " is required when " + trigger + " is present");
        }
      }
      case Constraint.RequiredUnless(String rule, String needed, String unless) -> {
        if (!node.has(needed) && !node.has(unless)) {
          report(p.child(needed), rule, needed + " is required when " + unless + " is absent");
        }
      }
      case Constraint.NotBefore(String rule, String earlier, String later, boolean strict) -> {
        Optional<Instant> from = timestamp(node.get(earlier));
        Optional<Instant> to = timestamp(node.get(later));
        if (from.isPresent() && to.isPresent()) {
          int cmp = to.get().compareTo(from.get());
          if (cmp < 0 || (strict && cmp == 0)) {
            report(
                p.child(later),
                rule,
                later
                    + " "
                    + node.get(later).textValue()
                    + (strict ? " must be later than " : " must not be earlier than ")
                    + earlier
                    + " "
                    + node.get(earlier).textValue());
          }
        }
      }
      case Constraint.ForbiddenWhen(String rule, String flag, boolean value, String forbidden) -> {
        JsonNode f = node.get(flag);
        if (f != null && f.isBoolean() && f.booleanValue() == value && node.has(forbidden)) {
          report(
              p.child(forbidden),
              rule,
              forbidden + " must not be present when " + flag + " is " + value);
        }
      }
      case Constraint.AnyProperty(String rule, Set<String> except, boolean countExt) -> {
        if (countExt && node.has("extensions")) {
          return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          String n = it.next();
          if (schema.prop(n) != null && !except.contains(n)) {
            return;
          }
        }
        report(
            p,
            rule,
            "at least one property of "
                + schema.name()
                + (except.isEmpty() ? "" : " other than " + String.join(", ", except))
                + " must be present");
      }
      case Constraint.Special(String rule, Constraint.Check check) ->
          check.apply(this, node, p, rule);
    }
  }

  private static Optional<Instant> timestamp(JsonNode v) {
    return v != null && v.isTextual() ? StixTimestamp.parse(v.textValue()) : Optional.empty();
  }

  // ---------------------------------------------------------------- extensions

  private void inspectExtensions(JsonNode v, PropertyPath p) {
    if (!requireDictionary(v, p)) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String key = e.getKey();
      PropertyPath kp = p.child(key);
      JsonNode value = e.getValue();
      if (!(value instanceof ObjectNode ext)) {
        typeError(kp, "an extension object", value);
        continue;
      }
      StixSchemas.ExtensionSchema predefined = StixSchemas.extension(key);
      if (predefined != null) {
        if (!predefined.owner().equals(type)) {
          report(
              kp,
              "extension-not-applicable",
              key + " is an extension of " + predefined.owner() + ", not of " + type);
        } else {
          inspectEmbedded(predefined.body(), ext, kp);
        }
      } else if (key.startsWith("extension-definition--")) {
        inspectDefinedExtension(key, ext, kp);
      } else if (family == Family.SCO && Syntax.isCustomExtensionName(key)) {
        if (ext.isEmpty()) {
          report(kp, "extension-empty", "a custom extension must have at least one property");
        }
        for (Map.Entry<String, JsonNode> prop : ext.properties()) {
          customProperty(prop.getKey(), prop.getValue(), kp.child(prop.getKey()));
        }
      } else {
        report(
            kp,
            "extension-name",
            quote(key)
                + " is neither an extension-definition id"
                + (family == Family.SCO
                    ? ", a predefined extension of " + type + " nor a custom name ending in -ext"
                    : " nor a predefined extension (custom extensions are only for SCOs)"));
      }
    }
  }

  private void inspectDefinedExtension(String key, ObjectNode ext, PropertyPath p) {
    String refType = Syntax.identifierType(key);
    if (!"extension-definition".equals(refType)) {
      report(
          p,
          "identifier",
          "not an extension-definition identifier (type--UUID, RFC 4122): " + quote(key));
    }
    JsonNode kindNode = ext.get("extension_type");
    String kind = null;
    PropertyPath kindPath = p.child("extension_type");
    if (kindNode == null) {
      report(
          kindPath,
          "required",
          "extension_type is required in an extension defined by an extension-definition");
    } else if (!kindNode.isTextual()) {
      typeError(kindPath, "a string", kindNode);
    } else if (!Vocabularies.EXTENSION_TYPE.contains(kindNode.textValue())) {
      report(
          kindPath,
          "closed-vocabulary",
          quote(kindNode.textValue())
              + " is not in extension-type-enum "
              + new TreeSet<>(Vocabularies.EXTENSION_TYPE));
    } else {
      kind = kindNode.textValue();
    }
    int own = ext.size() - (kindNode == null ? 0 : 1);
    if (kind != null) {
      switch (kind) {
        case "property-extension" -> {
          if (own == 0) {
            report(p, "extension-shape", "a property-extension carries its properties inside it");
          }
        }
        case "toplevel-property-extension" -> {
          if (own > 0) {
            report(
                p,
                "extension-shape",
                "a toplevel-property-extension adds properties at the top level; found "
                    + own
                    + " inside it");
          }
        }
        default -> {
          if (predefinedType) {
            report(
                p,
                "extension-shape",
                kind + " defines a new object type; it must not be used on " + type);
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : ext.properties()) {
      if (!e.getKey().equals("extension_type")) {
        customProperty(e.getKey(), e.getValue(), p.child(e.getKey()));
      }
    }
  }

  // ---------------------------------------------------------------- messages

  void typeError(PropertyPath p, String expected, JsonNode found) {
    report(p, "type", "expected " + expected + ", found " + describe(found));
  }

  /** A short description of a value for messages: its JSON kind and an excerpt. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    return switch (v.getNodeType()) {
      case STRING -> "a string " + quote(v.textValue());
      case NUMBER -> "a number " + v.asText();
      case BOOLEAN -> "a boolean " + v.asText();
      case NULL -> "null";
      case ARRAY -> "a list of " + v.size();
      case OBJECT -> "an object";
      case BINARY, MISSING, POJO -> "an unsupported value";
    };
  }

  /** A string in double quotes, cut to 80 characters. */
  static String quote(String s) {
    String cut = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    return "\"" + cut + "\"";
  }
}
