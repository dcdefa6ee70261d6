package org.detente.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded generator of indicators and of Zeek and Suricata telemetry with a known number of
 * planted hits, so that what {@code detente match} finds can be checked at any size.
 *
 * <p>Indicators (about 770 bytes each, as {@link IndicatorCorpus} writes them) cycle through IPv4
 * address, /24 CIDR block, domain name, URL and SHA-256 patterns; every value is unique. Some are
 * there to be left out: every 1,000th is revoked, the next one expired (valid_until before the
 * telemetry), every 5,000th has pattern_type {@code snort} and the next one an invalid pattern.
 *
 * <p>Background telemetry can never hit: its external addresses have a first octet of 100 to 223
 * and its internal ones are in 10/8 (indicator addresses and blocks have 11 to 99), its names have
 * no hyphen (indicator domains have two) and its URLs end in {@code .html} (indicator URLs in
 * {@code .php}), its hashes are random. A planted event carries exactly one indicator's value in
 * the field a real log would: the responder address of a connection, a DNS query, an HTTP request,
 * a file hash. Planted events on the left-out indicators are decoys that must not hit.
 *
 * <p>Timestamps start at 2026-06-01T00:00:00Z, after every indicator's valid_from, and grow by a
 * millisecond per event. A few malformed lines (one per file, plus one per 200,000 events) test
 * that the stream goes on.
 */
public final class TelemetryCorpus {
  static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  static final String EXPIRED_UNTIL = "2026-05-01T00:00:00.000Z";

  /** What a generated corpus holds, to check a run against. */
  public record Planted(
      long indicators,
      long zeekEvents,
      long suricataEvents,
      long hits,
      long decoys,
      long malformedLines,
      Map<String, Long> hitsPerIndicator) {}

  private enum Kind {
    IP,
    CIDR,
    DOMAIN,
    URL,
    SHA256
  }

  private record Target(Kind kind, String value, String indicatorId, boolean leftOut) {}

  private final long seed;
  private final Random random;
  private final IndicatorCorpus words;

  public TelemetryCorpus(long seed) {
    this.seed = seed;
    this.random = new Random(seed ^ 0x5DEECE66DL);
    this.words = new IndicatorCorpus(seed);
  }

  /**
   * Writes {@code dir/indicators.json}, {@code dir/zeek/{conn,dns,http,ssl,files}.log} and {@code
   * dir/suricata/eve.json}.
   *
   * @param indicators how many indicators
   * @param zeekEvents Zeek records in all (the malformed lines not counted)
   * @param suricataEvents EVE events
   * @param planted events carrying the value of an indicator that is loaded, spread over both
   *     formats; one decoy per kind of left-out indicator (revoked, expired, snort, invalid) is
   *     added when there are enough indicators
   */
  public Planted write(
      Path dir, long indicators, long zeekEvents, long suricataEvents, long planted)
      throws IOException {
    if (indicators < 5 || planted > (zeekEvents + suricataEvents) / 2) {
      throw new IllegalArgumentException(
          "need at least 5 indicators and at most one planted event in two, got "
              + indicators
              + " indicators, "
              + planted
              + " planted in "
              + (zeekEvents + suricataEvents)
              + " events");
    }
    Files.createDirectories(dir.resolve("zeek"));
    Files.createDirectories(dir.resolve("suricata"));
    // which indicators get planted events, and how many each
    Random pick = new Random(seed + 1);
    TreeMap<Long, Integer> chosen = new TreeMap<>();
    for (long k = 0; k < planted; k++) {
      long i;
      do {
        i = Math.floorMod(pick.nextLong(), indicators);
      } while (leftOut(i));
      chosen.merge(i, 1, Integer::sum);
    }
    for (long i : new long[] {998, 999, 4996, 4997}) {
      if (i < indicators) {
        chosen.merge(i, 1, Integer::sum); // decoys
      }
    }
    List<Target> targets = new ArrayList<>();
    try (Writer w = writer(dir.resolve("indicators.json"))) {
      w.write("{\"type\":\"bundle\",\"id\":\"bundle--" + words.uuid() + "\",\"objects\":[\n");
      for (long i = 0; i < indicators; i++) {
        if (i > 0) {
          w.write(",\n");
        }
        Target t = indicator(i, w);
        Integer times = chosen.get(i);
        for (int k = 0; times != null && k < times; k++) {
          targets.add(t);
        }
      }
      w.write("\n]}\n");
    }
    java.util.Collections.shuffle(targets, pick);
    Map<String, Long> perIndicator = new HashMap<>();
    long hits = 0;
    long decoys = 0;
    for (Target t : targets) {
      if (t.leftOut()) {
        decoys++;
      } else {
        hits++;
        perIndicator.merge(t.indicatorId(), 1L, Long::sum);
      }
    }
    long total = zeekEvents + suricataEvents;
    long zeekPlanted = total == 0 ? 0 : targets.size() * zeekEvents / total;
    long malformed = 0;
    malformed +=
        new ZeekWriter(dir.resolve("zeek"))
            .write(zeekEvents, targets.subList(0, (int) zeekPlanted));
    malformed +=
        new EveWriter(dir.resolve("suricata/eve.json"))
            .write(suricataEvents, targets.subList((int) zeekPlanted, targets.size()));
    return new Planted(
        indicators, zeekEvents, suricataEvents, hits, decoys, malformed, Map.copyOf(perIndicator));
  }

  private static boolean leftOut(long i) {
    return i % 1000 == 998 || i % 1000 == 999 || i % 5000 == 4996 || i % 5000 == 4997;
  }

  private Target indicator(long i, Writer w) throws IOException {
    long j = i / 5;
    Kind kind = Kind.values()[(int) (i % 5)];
    String value;
    String pattern;
    String what;
    switch (kind) {
      case IP -> {
        long s = (j * 0x9E3779B1L) & ((1L << 29) - 1);
        value =
            (11 + s % 89)
                + "."
                + 2 * ((s / 89) % 128)
                + "."
                + (s / 11_392) % 256
                + "."
                + (s / 2_916_352) % 256;
        pattern = "[ipv4-addr:value = '" + value + "']";
        what = "C2 address " + value;
      }
      case CIDR -> {
        long s = (j * 0x9E3779B1L) & ((1L << 21) - 1);
        value =
            (11 + s % 89) + "." + (2 * ((s / 89) % 128) + 1) + "." + (s / 11_392) % 256 + ".0/24";
        pattern = "[ipv4-addr:value ISSUBSET '" + value + "']";
        what = "staging network " + value;
      }
      case DOMAIN -> {
        value = words.word() + "-" + words.word() + "-" + Long.toString(j, 36) + "." + words.tld();
        pattern = "[domain-name:value = '" + value + "']";
        what = "malicious domain " + value;
      }
      case URL -> {
        value =
            "http://"
                + words.word()
                + "."
                + words.tld()
                + "/"
                + words.word()
                + "/"
                + Long.toString(j, 36)
                + words.hex(8)
                + ".php";
        pattern = "[url:value = '" + value + "']";
        what = "payload URL";
      }
      case SHA256 -> {
        value = words.hex(64);
        pattern = "[file:hashes.'SHA-256' = '" + value + "']";
        what = "loader sample";
      }
      default -> throw new AssertionError(kind);
    }
    String created = words.timestamp(i);
    String type = "stix";
    String extra = "";
    boolean leftOut = true;
    if (i % 1000 == 998) {
      extra = ",\"revoked\":true";
    } else if (i % 1000 == 999) {
      extra = ",\"valid_until\":\"" + EXPIRED_UNTIL + "\"";
    } else if (i % 5000 == 4997) {
      type = "snort";
      pattern = "alert ip any any -> " + value.replace('/', '_') + " any (sid:" + i + ";)";
    } else if (i % 5000 == 4996) {
      pattern = pattern.substring(0, pattern.length() - 1); // no closing bracket
    } else {
      leftOut = false;
    }
    String json = words.indicator(i, created, pattern, type, what, extra);
    w.write(json);
    int at = json.indexOf("\"id\":\"") + 6;
    return new Target(kind, value, json.substring(at, json.indexOf('"', at)), leftOut);
  }

  private static Writer writer(Path f) throws IOException {
    return new BufferedWriter(
        new java.io.OutputStreamWriter(Files.newOutputStream(f), StandardCharsets.UTF_8), 1 << 20);
  }

  /** Background values, shared by both formats. */
  private String internal() {
    return "10."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private String external() {
    int a = 100 + random.nextInt(124);
    if (a == 127) {
      a = 128;
    }
    return a
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private String site() {
    return "www." + words.word() + words.word() + "." + words.tld();
  }

  private String page() {
    return "/" + words.word() + "/" + words.word() + ".html";
  }

  private int ephemeral() {
    return 32_768 + random.nextInt(28_000);
  }

  /** The address a CIDR target plants: a host inside the block. */
  private String host(Target t) {
    return t.kind() == Kind.CIDR
        ? t.value().substring(0, t.value().length() - 4) + (1 + random.nextInt(254))
        : t.value();
  }

  private static String epoch(long millis) {
    return (millis / 1000) + "." + String.format("%03d", millis % 1000) + "000";
  }

  private String uid() {
    return "C" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
  }

  /** Zeek JSON logs, one file per log type. */
  private final class ZeekWriter {
    private final Path dir;

    ZeekWriter(Path dir) {
      this.dir = dir;
    }

    long write(long events, List<Target> planted) throws IOException {
      String[] types = {"conn", "dns", "http", "ssl", "files"};
      Map<String, Writer> out = new HashMap<>();
      for (String t : types) {
        out.put(t, writer(dir.resolve(t + ".log")));
      }
      long malformed = 0;
      try {
        long every = planted.isEmpty() ? Long.MAX_VALUE : Math.max(1, events / planted.size());
        int next = 0;
        long t0 = START.toEpochMilli();
        for (long k = 0; k < events; k++) {
          String ts = epoch(t0 + k);
          if (next < planted.size() && k % every == every / 2) {
            Target t = planted.get(next++);
            String line;
            String file;
            switch (t.kind()) {
              case IP, CIDR -> {
                file = "conn";
                line = conn(ts, internal(), host(t));
              }
              case DOMAIN -> {
                file = "dns";
                line = dns(ts, t.value());
              }
              case URL -> {
                file = "http";
                int slash = t.value().indexOf('/', 7);
                line = http(ts, t.value().substring(7, slash), t.value().substring(slash));
              }
              default -> {
                file = "files";
                line = files(ts, t.value());
              }
            }
            out.get(file).write(line);
            out.get(file).write('\n');
            continue;
          }
          int r = random.nextInt(100);
          String file =
              r < 50 ? "conn" : r < 70 ? "dns" : r < 85 ? "http" : r < 95 ? "ssl" : "files";
          String line =
              switch (file) {
                case "conn" -> conn(ts, internal(), external());
                case "dns" -> dns(ts, site());
                case "http" -> http(ts, site(), page());
                case "ssl" -> ssl(ts);
                default -> files(ts, words.hex(64));
              };
          out.get(file).write(line);
          out.get(file).write('\n');
          if (k % 200_000 == 199_999) {
            out.get(file).write("{\"ts\":" + ts + ",\"truncated\n");
            malformed++;
          }
        }
        if (next != planted.size()) {
          throw new IllegalStateException("planted " + next + " of " + planted.size());
        }
        for (String t : types) {
          out.get(t).write("#fields\tts\tuid\tnot-json\n");
          malformed++;
        }
      } finally {
        for (Writer w : out.values()) {
          w.close();
        }
      }
      return malformed;
    }

    private String conn(String ts, String orig, String resp) {
      boolean udp = random.nextInt(5) == 0;
      return "{\"_path\":\"conn\",\"ts\":"
          + ts
          + ",\"uid\":\""
          + uid()
          + "\",\"id.orig_h\":\""
          + orig
          + "\",\"id.orig_p\":"
          + ephemeral()
          + ",\"id.resp_h\":\""
          + resp
          + "\",\"id.resp_p\":"
          + (udp ? 123 : 443)
          + ",\"proto\":\""
          + (udp ? "udp" : "tcp")
          + "\",\"service\":\""
          + (udp ? "ntp" : "ssl")
          + "\",\"duration\":"
          + random.nextInt(30)
          + "."
          + random.nextInt(1_000_000)
          + ",\"orig_bytes\":"
          + random.nextInt(10_000)
          + ",\"resp_bytes\":"
          + random.nextInt(100_000)
          + ",\"conn_state\":\"SF\",\"local_orig\":true,\"local_resp\":false,\"missed_bytes\":0,"
          + "\"history\":\"ShADadFf\",\"orig_pkts\":"
          + random.nextInt(100)
          + ",\"orig_ip_bytes\":"
          + random.nextInt(12_000)
          + ",\"resp_pkts\":"
          + random.nextInt(200)
          + ",\"resp_ip_bytes\":"
          + random.nextInt(120_000)
          + "}";
    }

    private String dns(String ts, String query) {
      return "{\"_path\":\"dns\",\"ts\":"
          + ts
          + ",\"uid\":\""
          + uid()
          + "\",\"id.orig_h\":\""
          + internal()
          + "\",\"id.orig_p\":"
          + ephemeral()
          + ",\"id.resp_h\":\"10.0.0.53\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":"
          + random.nextInt(65_536)
          + ",\"rtt\":0.0"
          + random.nextInt(1000)
          + ",\"query\":\""
          + query
          + "\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\","
          + "\"rcode\":0,\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,\"RD\":true,"
          + "\"RA\":true,\"Z\":0,\"answers\":[\""
          + external()
          + "\"],\"TTLs\":[300.0],\"rejected\":false}";
    }

    private String http(String ts, String host, String uri) {
      return "{\"_path\":\"http\",\"ts\":"
          + ts
          + ",\"uid\":\""
          + uid()
          + "\",\"id.orig_h\":\""
          + internal()
          + "\",\"id.orig_p\":"
          + ephemeral()
          + ",\"id.resp_h\":\""
          + external()
          + "\",\"id.resp_p\":80,\"trans_depth\":1,\"method\":\"GET\",\"host\":\""
          + host
          + "\",\"uri\":\""
          + uri
          + "\",\"version\":\"1.1\",\"user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
          + " AppleWebKit/537.36\",\"request_body_len\":0,\"response_body_len\":"
          + random.nextInt(100_000)
          + ",\"status_code\":200,\"status_msg\":\"OK\",\"tags\":[],\"resp_fuids\":[\"F"
          + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
          + "\"],\"resp_mime_types\":[\"text/html\"]}";
    }

    private String ssl(String ts) {
      return "{\"_path\":\"ssl\",\"ts\":"
          + ts
          + ",\"uid\":\""
          + uid()
          + "\",\"id.orig_h\":\""
          + internal()
          + "\",\"id.orig_p\":"
          + ephemeral()
          + ",\"id.resp_h\":\""
          + external()
          + "\",\"id.resp_p\":443,\"version\":\"TLSv13\",\"cipher\":\"TLS_AES_128_GCM_SHA256\","
          + "\"curve\":\"x25519\",\"server_name\":\""
          + site()
          + "\",\"resumed\":false,\"established\":true,\"ssl_history\":\"CsiI\","
          + "\"cert_chain_fps\":[\""
          + words.hex(64)
          + "\"],\"client_cert_chain_fps\":[],\"sni_matches_cert\":true}";
    }

    private String files(String ts, String sha256) {
      return "{\"_path\":\"files\",\"ts\":"
          + ts
          + ",\"fuid\":\"F"
          + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
          + "\",\"uid\":\""
          + uid()
          + "\",\"id.orig_h\":\""
          + external()
          + "\",\"id.orig_p\":80,\"id.resp_h\":\""
          + internal()
          + "\",\"id.resp_p\":"
          + ephemeral()
          + ",\"source\":\"HTTP\",\"depth\":0,\"analyzers\":[\"MD5\",\"SHA1\",\"SHA256\"],"
          + "\"mime_type\":\"application/x-dosexec\",\"filename\":\""
          + words.word()
          + ".exe\",\"duration\":0.0"
          + random.nextInt(1000)
          + ",\"is_orig\":false,\"seen_bytes\":"
          + random.nextInt(1_000_000)
          + ",\"missing_bytes\":0,\"overflow_bytes\":0,\"timedout\":false,\"md5\":\""
          + words.hex(32)
          + "\",\"sha1\":\""
          + words.hex(40)
          + "\",\"sha256\":\""
          + sha256
          + "\"}";
    }
  }

  /** Suricata EVE JSON, one file. */
  private final class EveWriter {
    private final Path file;

    EveWriter(Path file) {
      this.file = file;
    }

    long write(long events, List<Target> planted) throws IOException {
      long malformed = 0;
      try (Writer w = writer(file)) {
        long every = planted.isEmpty() ? Long.MAX_VALUE : Math.max(1, events / planted.size());
        int next = 0;
        long t0 = START.toEpochMilli();
        for (long k = 0; k < events; k++) {
          String ts = iso(t0 + k);
          String line;
          if (next < planted.size() && k % every == every / 2) {
            Target t = planted.get(next++);
            line =
                switch (t.kind()) {
                  case IP, CIDR -> flow(ts, internal(), host(t));
                  case DOMAIN -> dns(ts, t.value());
                  case URL -> {
                    int slash = t.value().indexOf('/', 7);
                    yield http(
                        ts, "http", t.value().substring(7, slash), t.value().substring(slash));
                  }
                  case SHA256 -> fileinfo(ts, t.value());
                };
          } else {
            int r = random.nextInt(100);
            line =
                r < 45
                    ? flow(ts, internal(), external())
                    : r < 65
                        ? dns(ts, site())
                        : r < 80
                            ? http(ts, "http", site(), page())
                            : r < 90
                                ? tls(ts)
                                : r < 97
                                    ? fileinfo(ts, words.hex(64))
                                    : http(ts, "alert", site(), page());
          }
          w.write(line);
          w.write('\n');
          if (k % 200_000 == 199_999) {
            w.write("{\"timestamp\":\"" + ts + "\",\"event_type\":\"flow\",\"src_ip\":\n");
            malformed++;
          }
        }
        if (next != planted.size()) {
          throw new IllegalStateException("planted " + next + " of " + planted.size());
        }
        w.write("\u0000\u0000 binary junk\n");
        malformed++;
      }
      return malformed;
    }

    private String iso(long millis) {
      String seconds = Instant.ofEpochSecond(Math.floorDiv(millis, 1000)).toString();
      return seconds.substring(0, seconds.length() - 1)
          + String.format(".%03d000+0000", Math.floorMod(millis, 1000));
    }

    private String head(
        String ts, String type, String src, int sport, String dst, int dport, String proto) {
      return "{\"timestamp\":\""
          + ts
          + "\",\"flow_id\":"
          + (random.nextLong() & 0xFFFFFFFFFFFFFL)
          + ",\"in_iface\":\"eth0\",\"event_type\":\""
          + type
          + "\",\"src_ip\":\""
          + src
          + "\",\"src_port\":"
          + sport
          + ",\"dest_ip\":\""
          + dst
          + "\",\"dest_port\":"
          + dport
          + ",\"proto\":\""
          + proto
          + "\"";
    }

    private String flow(String ts, String src, String dst) {
      return head(ts, "flow", src, ephemeral(), dst, 443, "TCP")
          + ",\"app_proto\":\"tls\",\"flow\":{\"pkts_toserver\":"
          + random.nextInt(100)
          + ",\"pkts_toclient\":"
          + random.nextInt(100)
          + ",\"bytes_toserver\":"
          + random.nextInt(10_000)
          + ",\"bytes_toclient\":"
          + random.nextInt(100_000)
          + ",\"start\":\""
          + ts
          + "\",\"end\":\""
          + ts
          + "\",\"age\":0,\"state\":\"closed\",\"reason\":\"timeout\",\"alerted\":false},"
          + "\"tcp\":{\"tcp_flags\":\"1b\",\"syn\":true,\"fin\":true,\"psh\":true,\"ack\":true,"
          + "\"state\":\"closed\"}}";
    }

    private String dns(String ts, String name) {
      return head(ts, "dns", "10.0.0.53", 53, internal(), ephemeral(), "UDP")
          + ",\"dns\":{\"version\":2,\"type\":\"answer\",\"id\":"
          + random.nextInt(65_536)
          + ",\"flags\":\"8180\",\"qr\":true,\"rd\":true,\"ra\":true,\"rrname\":\""
          + name
          + "\",\"rrtype\":\"A\",\"rcode\":\"NOERROR\",\"answers\":[{\"rrname\":\""
          + name
          + "\",\"rrtype\":\"A\",\"ttl\":300,\"rdata\":\""
          + external()
          + "\"}]}}";
    }

    private String http(String ts, String type, String host, String url) {
      String alert =
          type.equals("alert")
              ? ",\"alert\":{\"action\":\"allowed\",\"gid\":1,\"signature_id\":2013028,\"rev\":7,"
                  + "\"signature\":\"ET POLICY curl User-Agent Outbound\",\"category\":\"Attempted"
                  + " Information Leak\",\"severity\":2}"
              : "";
      return head(ts, type, internal(), ephemeral(), external(), 80, "TCP")
          + ",\"tx_id\":0"
          + alert
          + ",\"http\":{\"hostname\":\""
          + host
          + "\",\"url\":\""
          + url
          + "\",\"http_user_agent\":\"curl/8.4.0\",\"http_content_type\":\"text/html\","
          + "\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200,\"length\":"
          + random.nextInt(100_000)
          + "},\"app_proto\":\"http\"}";
    }

    private String tls(String ts) {
      StringBuilder fp = new StringBuilder();
      String hex = words.hex(40);
      for (int i = 0; i < 40; i += 2) {
        fp.append(i == 0 ? "" : ":").append(hex, i, i + 2);
      }
      return head(ts, "tls", internal(), ephemeral(), external(), 443, "TCP")
          + ",\"tls\":{\"subject\":\"CN="
          + site()
          + "\",\"issuerdn\":\"C=US, O=Let's Encrypt, CN=R3\",\"serial\":\"04:"
          + words.hex(2).toUpperCase(java.util.Locale.ROOT)
          + ":9A\",\"fingerprint\":\""
          + fp
          + "\",\"sni\":\""
          + site()
          + "\",\"version\":\"TLS 1.3\",\"notbefore\":\"2026-03-01T00:00:00\","
          + "\"notafter\":\"2026-05-30T00:00:00\"}}";
    }

    private String fileinfo(String ts, String sha256) {
      return head(ts, "fileinfo", external(), 80, internal(), ephemeral(), "TCP")
          + ",\"http\":{\"hostname\":\""
          + site()
          + "\",\"url\":\""
          + page()
          + "\",\"http_method\":\"GET\",\"protocol\":\"HTTP/1.1\",\"status\":200},"
          + "\"app_proto\":\"http\",\"fileinfo\":{\"filename\":\""
          + page()
          + "\",\"magic\":\"PE32 executable\",\"gaps\":false,\"state\":\"CLOSED\",\"md5\":\""
          + words.hex(32)
          + "\",\"sha256\":\""
          + sha256
          + "\",\"stored\":false,\"size\":"
          + random.nextInt(1_000_000)
          + ",\"tx_id\":0}}";
    }
  }
}
