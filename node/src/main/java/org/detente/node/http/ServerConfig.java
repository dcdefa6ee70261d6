package org.detente.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.detente.node.service.TaxiiService;
import org.detente.node.store.StoreConfig;

/**
 * The configuration of {@code detente serve}, from one TOML file. Every key is optional; an unknown
 * key, a value of the wrong type or out of range, or a TOML syntax error stops the server before it
 * starts, with a message naming the key (and the line, for syntax errors). Relative paths are read
 * from the directory of the file.
 *
 * <pre>
 * listen = "127.0.0.1:9000"              # HOST:PORT
 * public_url = "https://taxii.example.org" # for discovery; default: from each request
 *
 * [discovery]
 * title = "Détente node"
 * description = "..."
 * contact = "soc@example.org"
 * default_api_root = "api"
 *
 * [[api_roots]]                          # default: one root "api" serving every collection
 * path = "api"
 * title = "Intelligence"
 * description = "..."
 * collections = ["intel", "inbox"]       # default: every collection of the store
 *
 * [store]                                # default: the store of the command-line options
 * kind = "sqlite"                        # or "postgres"
 * data = "data"                          # sqlite: the data directory
 * jdbc_url = "jdbc:postgresql://127.0.0.1:5432/detente"   # postgres
 * user = "detente"                       # postgres; the password only from $DETENTE_DB_PASSWORD
 * schema = "detente"
 * pool_size = 10
 *
 * [tls]                                  # HTTPS when present
 * certificate = "cert.pem"               # PEM chain, leaf first
 * key = "key.pem"                        # PEM, unencrypted PKCS#8
 *
 * [limits]
 * max_content_length = 10485760          # bytes of one request body
 * max_objects_per_envelope = 10000
 * default_page_size = 1000
 * max_page_size = 10000
 * requests_per_second = 100              # per account
 * burst = 200
 * status_retention = "24h"               # s, m, h or d
 * </pre>
 *
 * @param listen where to listen
 * @param publicUrl the URL clients use, for discovery
 * @param tls the TLS material
 * @param store the store, when the file names one
 * @param service the TAXII settings
 * @param requestsPerSecond the request rate allowed per account
 * @param burst the burst allowed per account
 */
public record ServerConfig(
    TaxiiServer.Listen listen,
    Optional<String> publicUrl,
    Optional<TaxiiServer.Tls> tls,
    Optional<StoreConfig> store,
    TaxiiService.Settings service,
    double requestsPerSecond,
    int burst) {
  /** The default listen address. */
  public static final String DEFAULT_LISTEN = "127.0.0.1:9000";

  public ServerConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(service, "service");
    if (!(requestsPerSecond > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "limits.requests_per_second must be > 0 and limits.burst >= 1, got "
              + requestsPerSecond
              + " and "
              + burst);
    }
  }

  /** Every default: {@value #DEFAULT_LISTEN}, one API root {@code api}, no TLS. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        TaxiiServer.Listen.parse(DEFAULT_LISTEN),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        TaxiiService.Settings.defaults(),
        100,
        200);
  }

  /** The same configuration listening elsewhere. */
  public ServerConfig withListen(TaxiiServer.Listen value) {
    return new ServerConfig(value, publicUrl, tls, store, service, requestsPerSecond, burst);
  }

  /** The options of {@link TaxiiServer#start}. */
  public TaxiiServer.Options options() {
    return new TaxiiServer.Options(listen, publicUrl, tls);
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException naming the file, the key and the problem
   */
  public static ServerConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the configuration " + file + ": " + e, e);
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      return parse(text, dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a configuration from TOML text; relative paths are resolved against {@code dir}.
   *
   * @throws IllegalArgumentException naming the key and the problem
   */
  public static ServerConfig parse(String toml, Path dir) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
      throw new IllegalArgumentException(where + "not valid TOML: " + e.getOriginalMessage(), e);
    }
    Section top = new Section("", root);
    top.allow("listen", "public_url", "discovery", "api_roots", "store", "tls", "limits");
    ServerConfig d = defaults();
    TaxiiService.Settings ds = d.service();

    TaxiiServer.Listen listen =
        top.string("listen")
            .map(v -> top.convert("listen", () -> TaxiiServer.Listen.parse(v)))
            .orElse(d.listen());
    Optional<String> publicUrl = top.string("public_url").map(u -> u.replaceAll("/+$", ""));
    publicUrl.ifPresent(
        u -> {
          if (!u.matches("https?://[^\\s/]+(/[^\\s]*)?")) {
            throw new IllegalArgumentException(
                "public_url must be an http(s) URL, got '" + u + "'");
          }
        });

    Section disc = top.section("discovery");
    disc.allow("title", "description", "contact", "default_api_root");

    List<TaxiiService.Root> roots = new ArrayList<>();
    JsonNode rootsNode = root.get("api_roots");
    if (rootsNode != null) {
      if (!rootsNode.isArray()) {
        throw new IllegalArgumentException("api_roots must be an array of tables ([[api_roots]])");
      }
      for (int i = 0; i < rootsNode.size(); i++) {
        Section r = new Section("api_roots[" + i + "].", rootsNode.get(i));
        r.allow("path", "title", "description", "collections");
        String path = r.string("path").orElseThrow(() -> r.missing("path"));
        roots.add(
            r.convert(
                "path",
                () ->
                    new TaxiiService.Root(
                        path,
                        r.string("title").orElse(path),
                        r.string("description"),
                        new LinkedHashSet<>(r.strings("collections")))));
      }
    } else {
      roots.addAll(ds.roots());
    }
    Optional<String> defaultRoot =
        disc.string("default_api_root")
            .or(() -> rootsNode == null ? ds.defaultRoot() : Optional.of(roots.get(0).path()));

    Section limits = top.section("limits");
    limits.allow(
        "max_content_length",
        "max_objects_per_envelope",
        "default_page_size",
        "max_page_size",
        "requests_per_second",
        "burst",
        "status_retention");
    Duration retention =
        limits
            .string("status_retention")
            .map(v -> limits.convert("status_retention", () -> duration(v)))
            .orElse(ds.statusRetention());
    TaxiiService.Settings settings =
        top.convert(
            "limits",
            () ->
                new TaxiiService.Settings(
                    disc.string("title").orElse(ds.title()),
                    disc.string("description"),
                    disc.string("contact"),
                    roots,
                    defaultRoot,
                    limits.integer("max_content_length").orElse(ds.maxContentLength()),
                    limits.integer("max_objects_per_envelope", ds.maxObjectsPerEnvelope()),
                    limits.integer("default_page_size", ds.defaultPageSize()),
                    limits.integer("max_page_size", ds.maxPageSize()),
                    retention));

    Optional<TaxiiServer.Tls> tlsFiles = Optional.empty();
    if (root.has("tls")) {
      Section t = top.section("tls");
      t.allow("certificate", "key");
      Path cert = dir.resolve(t.string("certificate").orElseThrow(() -> t.missing("certificate")));
      Path key = dir.resolve(t.string("key").orElseThrow(() -> t.missing("key")));
      for (Path p : List.of(cert, key)) {
        if (!Files.isReadable(p)) {
          throw new IllegalArgumentException("tls: cannot read " + p);
        }
      }
      tlsFiles = Optional.of(new TaxiiServer.Tls(cert, key));
    }

    Optional<StoreConfig> store =
        root.has("store") ? Optional.of(store(top.section("store"), dir)) : Optional.empty();
    Optional<TaxiiServer.Tls> tls = tlsFiles;
    double rate = limits.number("requests_per_second").orElse(d.requestsPerSecond());
    int burst = limits.integer("burst", d.burst());
    return top.convert(
        "limits", () -> new ServerConfig(listen, publicUrl, tls, store, settings, rate, burst));
  }

  private static StoreConfig store(Section s, Path dir) {
    s.allow("kind", "data", "jdbc_url", "user", "schema", "pool_size");
    String kind = s.string("kind").orElse("sqlite");
    return switch (kind) {
      case "sqlite" -> new StoreConfig.Sqlite(dir.resolve(s.string("data").orElse("data")));
      case "postgres" ->
          s.convert(
              "jdbc_url",
              () ->
                  new StoreConfig.Postgres(
                      s.string("jdbc_url").orElseThrow(() -> s.missing("jdbc_url")),
                      s.string("user"),
                      Optional.ofNullable(System.getenv("DETENTE_DB_PASSWORD")),
                      s.string("schema"),
                      s.integer("pool_size", 10)));
      default ->
          throw new IllegalArgumentException(
              "store.kind must be sqlite or postgres, got '" + kind + "'");
    };
  }

  /** Reads {@code 90s}, {@code 30m}, {@code 24h} or {@code 7d}. */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (!t.matches("[0-9]{1,9}[smhd]")) {
      throw new IllegalArgumentException(
          "a duration is a number and s, m, h or d (like 24h), got '" + text + "'");
    }
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** One table of the file, with typed reads that name the key on error. */
  private static final class Section {
    private final String prefix;
    private final JsonNode node;

    Section(String prefix, JsonNode node) {
      this.prefix = prefix;
      if (node != null && !node.isObject()) {
        throw new IllegalArgumentException(
            prefix.replaceAll("\\.$", "") + " must be a table, got " + node.getNodeType());
      }
      this.node = node;
    }

    Section section(String name) {
      return new Section(prefix + name + ".", node == null ? null : node.get(name));
    }

    void allow(String... names) {
      if (node == null) {
        return;
      }
      Set<String> known = new HashSet<>(List.of(names));
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
          it.hasNext(); ) {
        String k = it.next().getKey();
        if (!known.contains(k)) {
          throw new IllegalArgumentException(
              "unknown key '" + prefix + k + "'; known here: " + String.join(", ", names));
        }
      }
    }

    IllegalArgumentException missing(String name) {
      return new IllegalArgumentException("missing key '" + prefix + name + "'");
    }

    private JsonNode get(String name) {
      return node == null ? null : node.get(name);
    }

    private IllegalArgumentException wrong(String name, String expected, JsonNode v) {
      return new IllegalArgumentException(
          "'" + prefix + name + "' must be " + expected + ", got " + v);
    }

    Optional<String> string(String name) {
      JsonNode v = get(name);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isTextual()) {
        throw wrong(name, "a string", v);
      }
      return Optional.of(v.textValue());
    }

    Optional<Long> integer(String name) {
      JsonNode v = get(name);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw wrong(name, "an integer", v);
      }
      return Optional.of(v.longValue());
    }

    int integer(String name, int absent) {
      Optional<Long> v = integer(name);
      if (v.isPresent() && (v.get() < Integer.MIN_VALUE || v.get() > Integer.MAX_VALUE)) {
        throw wrong(name, "a 32-bit integer", get(name));
      }
      return v.map(Long::intValue).orElse(absent);
    }

    Optional<Double> number(String name) {
      JsonNode v = get(name);
      if (v == null) {
        return Optional.empty();
      }
      if (!v.isNumber()) {
        throw wrong(name, "a number", v);
      }
      return Optional.of(v.doubleValue());
    }

    List<String> strings(String name) {
      JsonNode v = get(name);
      if (v == null) {
        return List.of();
      }
      if (!v.isArray()) {
        throw wrong(name, "an array of strings", v);
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw wrong(name, "an array of strings", v);
        }
        out.add(e.textValue());
      }
      return out;
    }

    /** Runs a constructor, prefixing its complaint with the key it concerns. */
    <T> T convert(String name, java.util.function.Supplier<T> make) {
      try {
        return make.get();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(prefix + name + ": " + e.getMessage(), e);
      }
    }
  }
}
