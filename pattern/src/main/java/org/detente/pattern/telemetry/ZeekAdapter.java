package org.detente.pattern.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.detente.pattern.Observation;

/**
 * Zeek JSON logs to observations.
 *
 * <p>Mapping (Zeek field → STIX):
 *
 * <ul>
 *   <li>every log with {@code id.orig_h} and {@code id.resp_h} (also as a nested {@code id}
 *       object): two {@code ipv4-addr}/{@code ipv6-addr} and a {@code network-traffic} with {@code
 *       src_ref}, {@code dst_ref}, {@code src_port}, {@code dst_port}, {@code start} ({@code ts})
 *       and {@code protocols}: the IP version, the transport ({@code proto}, else {@code tcp} for
 *       http, ssl, smtp and files) and the application protocols, with Zeek's service names as Zeek
 *       writes them ({@code conn}'s comma-separated {@code service}, else the log's own: {@code
 *       dns}, {@code http}, {@code ssl}, {@code smtp});
 *   <li>conn: {@code end} ({@code ts + duration}), {@code src_byte_count}/{@code dst_byte_count}
 *       ({@code orig_bytes}/{@code resp_bytes}), {@code src_packets}/{@code dst_packets};
 *   <li>dns: {@code domain-name} for {@code query}; for A, AAAA and CNAME queries the {@code
 *       answers} that are addresses or host names become SCOs in its {@code resolves_to_refs};
 *   <li>http: {@code url} {@code http://host[:port]uri} (the port when it is not 80; {@code uri}
 *       alone when it is already absolute), {@code domain-name} for {@code host} when it is a name,
 *       and the {@code http-request-ext} extension of the traffic (method, {@code uri}, version,
 *       {@code Host}, {@code User-Agent} and {@code Referer} headers);
 *   <li>ssl: {@code domain-name} for {@code server_name}; an {@code x509-certificate} per entry of
 *       {@code cert_chain_fps} (the hash algorithm by the digest's length), the first with {@code
 *       subject} and {@code issuer} when the log has them;
 *   <li>files: a {@code file} with {@code hashes} ({@code md5}, {@code sha1}, {@code sha256}),
 *       {@code name} ({@code filename}), {@code size} ({@code total_bytes}, else {@code
 *       seen_bytes}) and {@code mime_type}; addresses from {@code id.*} or the first of {@code
 *       tx_hosts}/{@code rx_hosts}; {@code last_observed} is {@code ts + duration};
 *   <li>x509: an {@code x509-certificate} with {@code hashes} from {@code fingerprint}, {@code
 *       serial_number}, {@code subject}, {@code issuer}, validity, {@code version}, {@code
 *       signature_algorithm}, {@code subject_public_key_algorithm}, {@code
 *       subject_public_key_exponent}; {@code san.dns}, {@code san.email} and {@code san.ip} become
 *       {@code domain-name} (wildcard names skipped), {@code email-addr} and address SCOs;
 *   <li>smtp: {@code email-addr} for {@code mailfrom} and each {@code rcptto} (angle brackets
 *       removed), and an {@code email-message} with {@code from_ref}, {@code to_refs} and {@code
 *       subject}.
 * </ul>
 *
 * <p>{@code ts} may be epoch seconds (Zeek's default) or an ISO 8601 string ({@code
 * JSON::TS_ISO8601}); a record without {@code ts} is malformed. Unknown fields are skipped.
 */
final class ZeekAdapter implements TelemetryAdapter {
  private static final long MAX_DURATION_SECONDS = 366L * 86_400;

  private final String hint;
  private final ObservationBuilder out;

  private String path;
  private String ts;
  private String origH;
  private String respH;
  private long origP;
  private long respP;
  private String proto;
  private String service;
  private String duration;
  private long origBytes;
  private long respBytes;
  private long origPkts;
  private long respPkts;
  private boolean connFields;
  private String query;
  private String qtype;
  private final List<String> answers = new ArrayList<>();
  private String method;
  private String host;
  private String uri;
  private String referrer;
  private String version;
  private String userAgent;
  private boolean statusCode;
  private String serverName;
  private boolean cipher;
  private String subject;
  private String issuer;
  private final List<String> certFps = new ArrayList<>();
  private String fuid;
  private String filename;
  private String mimeType;
  private String md5;
  private String sha1;
  private String sha256;
  private long totalBytes;
  private long seenBytes;
  private final List<String> txHosts = new ArrayList<>();
  private final List<String> rxHosts = new ArrayList<>();
  private String fingerprint;
  private long certVersion;
  private String serial;
  private String certSubject;
  private String certIssuer;
  private String notBefore;
  private String notAfter;
  private String keyAlg;
  private String sigAlg;
  private String exponent;
  private final List<String> sanDns = new ArrayList<>();
  private final List<String> sanEmail = new ArrayList<>();
  private final List<String> sanIp = new ArrayList<>();
  private String mailfrom;
  private final List<String> rcptto = new ArrayList<>();

  ZeekAdapter(String sourceName) {
    this.out = new ObservationBuilder(sourceName);
    String file = sourceName.substring(sourceName.lastIndexOf('/') + 1);
    int dot = file.indexOf('.');
    this.hint = dot > 0 ? file.substring(0, dot) : file;
  }

  @Override
  public void read(
      byte[] record, int offset, int length, long lineNumber, Consumer<Observation> sink)
      throws MalformedRecordException {
    reset();
    try (JsonParser p = JsonRecord.open(record, offset, length)) {
      fields(p, null);
      JsonRecord.end(p);
    } catch (IOException e) {
      throw JsonRecord.malformed(e);
    }
    Observation o;
    try {
      o = build(lineNumber);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("a value has no STIX form: " + e.getMessage());
    }
    if (o != null) {
      sink.accept(o);
    }
  }

  private void fields(JsonParser p, String prefix) throws IOException, MalformedRecordException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      String f = prefix == null ? name : prefix + name;
      switch (f) {
        case "_path" -> path = JsonRecord.string(p, f);
        case "ts" -> ts = JsonRecord.numberOrString(p, f);
        case "id" -> {
          if (p.currentToken() == JsonToken.START_OBJECT) {
            fields(p, "id.");
          } else {
            JsonRecord.skip(p);
          }
        }
        case "id.orig_h" -> origH = JsonRecord.string(p, f);
        case "id.resp_h" -> respH = JsonRecord.string(p, f);
        case "id.orig_p" -> origP = JsonRecord.count(p, f, 65_535);
        case "id.resp_p" -> respP = JsonRecord.count(p, f, 65_535);
        case "proto" -> proto = JsonRecord.string(p, f);
        case "service" -> service = JsonRecord.string(p, f);
        case "duration" -> duration = JsonRecord.numberOrString(p, f);
        case "orig_bytes" -> origBytes = JsonRecord.count(p, f, Long.MAX_VALUE);
        case "resp_bytes" -> respBytes = JsonRecord.count(p, f, Long.MAX_VALUE);
        case "orig_pkts" -> origPkts = JsonRecord.count(p, f, Long.MAX_VALUE);
        case "resp_pkts" -> respPkts = JsonRecord.count(p, f, Long.MAX_VALUE);
        case "conn_state", "history" -> {
          connFields = true;
          JsonRecord.skip(p);
        }
        case "query" -> query = JsonRecord.string(p, f);
        case "qtype_name" -> qtype = JsonRecord.string(p, f);
        case "answers" -> JsonRecord.strings(p, f, answers);
        case "method" -> method = JsonRecord.string(p, f);
        case "host" -> host = JsonRecord.string(p, f);
        case "uri" -> uri = JsonRecord.string(p, f);
        case "referrer" -> referrer = JsonRecord.string(p, f);
        case "version" -> version = p.currentToken().isScalarValue() ? p.getText() : skipped(p);
        case "user_agent" -> userAgent = JsonRecord.string(p, f);
        case "status_code" -> {
          statusCode = true;
          JsonRecord.skip(p);
        }
        case "server_name" -> serverName = JsonRecord.string(p, f);
        case "cipher" -> {
          cipher = true;
          JsonRecord.skip(p);
        }
        case "subject" -> subject = JsonRecord.string(p, f);
        case "issuer" -> issuer = JsonRecord.string(p, f);
        case "cert_chain_fps" -> JsonRecord.strings(p, f, certFps);
        case "fuid" -> fuid = JsonRecord.string(p, f);
        case "filename" -> filename = JsonRecord.string(p, f);
        case "mime_type" -> mimeType = JsonRecord.string(p, f);
        case "md5" -> md5 = JsonRecord.string(p, f);
        case "sha1" -> sha1 = JsonRecord.string(p, f);
        case "sha256" -> sha256 = JsonRecord.string(p, f);
        case "total_bytes" -> totalBytes = JsonRecord.count(p, f, Long.MAX_VALUE);
        case "seen_bytes" -> seenBytes = JsonRecord.count(p, f, Long.MAX_VALUE);
        case "tx_hosts" -> JsonRecord.strings(p, f, txHosts);
        case "rx_hosts" -> JsonRecord.strings(p, f, rxHosts);
        case "fingerprint" -> fingerprint = JsonRecord.string(p, f);
        case "certificate.version" -> certVersion = JsonRecord.count(p, f, 1_000);
        case "certificate.serial" -> serial = JsonRecord.string(p, f);
        case "certificate.subject" -> certSubject = JsonRecord.string(p, f);
        case "certificate.issuer" -> certIssuer = JsonRecord.string(p, f);
        case "certificate.not_valid_before" -> notBefore = JsonRecord.numberOrString(p, f);
        case "certificate.not_valid_after" -> notAfter = JsonRecord.numberOrString(p, f);
        case "certificate.key_alg" -> keyAlg = JsonRecord.string(p, f);
        case "certificate.sig_alg" -> sigAlg = JsonRecord.string(p, f);
        case "certificate.exponent" -> exponent = JsonRecord.string(p, f);
        case "san.dns" -> JsonRecord.strings(p, f, sanDns);
        case "san.email" -> JsonRecord.strings(p, f, sanEmail);
        case "san.ip" -> JsonRecord.strings(p, f, sanIp);
        case "mailfrom" -> mailfrom = JsonRecord.string(p, f);
        case "rcptto" -> JsonRecord.strings(p, f, rcptto);
        default -> JsonRecord.skip(p);
      }
    }
  }

  private static String skipped(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  /** The log type: {@code _path}, else the file name's, else guessed from the fields present. */
  private String logType() {
    if (path != null) {
      return path;
    }
    switch (hint) {
      case "conn", "dns", "http", "ssl", "files", "x509", "smtp" -> {
        return hint;
      }
      default -> {}
    }
    if (query != null) {
      return "dns";
    }
    if (method != null || uri != null || statusCode) {
      return "http";
    }
    if (serverName != null || cipher || !certFps.isEmpty()) {
      return "ssl";
    }
    if (serial != null || fingerprint != null) {
      return "x509";
    }
    if (fuid != null || md5 != null || sha1 != null || sha256 != null) {
      return "files";
    }
    if (mailfrom != null || !rcptto.isEmpty()) {
      return "smtp";
    }
    if (connFields) {
      return "conn";
    }
    return "other";
  }

  private Observation build(long line) throws MalformedRecordException {
    if (ts == null) {
      throw new MalformedRecordException("ts is missing");
    }
    Instant first = time(ts, "ts");
    Instant last = first;
    if (duration != null) {
      last = first.plus(duration(duration));
    }
    String type = logType();
    out.clear();
    String srcIp = null;
    String dstIp = null;
    String srcType = null;
    String dstType = null;
    if (origH != null && respH != null) {
      srcIp = origH;
      dstIp = respH;
      srcType = out.ipType(origH, "id.orig_h");
      dstType = out.ipType(respH, "id.resp_h");
    } else if (type.equals("files") && !txHosts.isEmpty() && !rxHosts.isEmpty()) {
      srcIp = txHosts.get(0);
      dstIp = rxHosts.get(0);
      srcType = out.ipType(srcIp, "tx_hosts");
      dstType = out.ipType(dstIp, "rx_hosts");
    }
    ObservationBuilder.Traffic traffic = null;
    if (srcIp != null) {
      boolean conn = type.equals("conn");
      boolean request = type.equals("http") && method != null && uri != null;
      traffic =
          new ObservationBuilder.Traffic(
              first,
              conn && last.isAfter(first) ? last : null,
              srcType,
              srcIp,
              dstType,
              dstIp,
              origP,
              respP,
              protocols(type, srcType),
              conn ? new long[] {origBytes, respBytes, origPkts, respPkts} : null,
              request
                  ? new String[] {
                    method,
                    uri,
                    version == null ? null : "http/" + version,
                    host,
                    userAgent,
                    referrer
                  }
                  : null);
    }
    switch (type) {
      case "dns" -> dns();
      case "http" -> http();
      case "ssl" -> ssl();
      case "files" -> file();
      case "x509" -> x509();
      case "smtp" -> smtp();
      default -> {}
    }
    if (traffic != null) {
      out.traffic(traffic);
    }
    if (out.isEmpty()) {
      return null;
    }
    return out.build(line, first, last);
  }

  private List<String> protocols(String type, String srcType) {
    List<String> a = new ArrayList<>(4);
    a.add(srcType.startsWith("ipv6") ? "ipv6" : "ipv4");
    String transport = proto;
    if (transport == null
        && (type.equals("http")
            || type.equals("ssl")
            || type.equals("smtp")
            || type.equals("files"))) {
      transport = "tcp";
    }
    if (transport != null) {
      a.add(transport.toLowerCase(Locale.ROOT));
    }
    if (type.equals("conn")) {
      if (service != null && !service.isEmpty()) {
        if (service.indexOf(',') < 0) {
          a.add(service.trim().toLowerCase(Locale.ROOT));
        } else {
          for (String s : service.split(",")) {
            if (!s.isBlank()) {
              a.add(s.trim().toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    } else if (!type.equals("other") && !type.equals("files") && !type.equals("x509")) {
      a.add(type);
    }
    return List.copyOf(a);
  }

  private void dns() throws MalformedRecordException {
    if (query == null || query.isEmpty()) {
      return;
    }
    if (!Addresses.isDomainName(query)) {
      return; // reverse lookups of odd names, NetBIOS names: nothing STIX can name
    }
    ArrayNode resolves = null;
    if ("A".equals(qtype) || "AAAA".equals(qtype) || "CNAME".equals(qtype)) {
      for (String a : answers) {
        String id = null;
        if (Addresses.isIp(a)) {
          id = out.ip(a, "answers");
        } else if (Addresses.isDomainName(a)) {
          id = out.domainId(a);
        }
        if (id != null) {
          if (resolves == null) {
            resolves = ObservationBuilder.array();
          }
          resolves.add(id);
        }
      }
    }
    out.domain(query, resolves);
  }

  private void http() {
    if (uri != null) {
      String url = ObservationBuilder.httpUrl(host, respP, uri);
      if (url != null) {
        out.url(url);
      }
    }
    if (host != null && Addresses.isDomainName(host)) {
      out.domain(host);
    }
  }

  private void ssl() {
    if (serverName != null && Addresses.isDomainName(serverName)) {
      out.domain(serverName);
    }
    boolean first = true;
    for (String fp : certFps) {
      String alg = JsonRecord.hashAlgorithm(fp);
      if (alg == null) {
        continue;
      }
      ObjectNode c = ObservationBuilder.sco("x509-certificate");
      c.putObject("hashes").put(alg, fp.toLowerCase(Locale.ROOT));
      if (first) {
        if (subject != null) {
          c.put("subject", subject);
        }
        if (issuer != null) {
          c.put("issuer", issuer);
        }
        first = false;
      }
      out.add(c);
    }
  }

  private void file() {
    out.file(md5, sha1, sha256, filename, totalBytes >= 0 ? totalBytes : seenBytes, mimeType);
  }

  private void x509() throws MalformedRecordException {
    ObjectNode c = ObservationBuilder.sco("x509-certificate");
    if (fingerprint != null) {
      String alg = JsonRecord.hashAlgorithm(fingerprint);
      if (alg != null) {
        c.putObject("hashes").put(alg, fingerprint.toLowerCase(Locale.ROOT));
      }
    }
    if (certVersion >= 0) {
      c.put("version", Long.toString(certVersion));
    }
    putText(c, "serial_number", serial);
    putText(c, "signature_algorithm", sigAlg);
    putText(c, "issuer", certIssuer);
    if (notBefore != null) {
      c.put("validity_not_before", RecordTime.format(time(notBefore, "not_valid_before")));
    }
    if (notAfter != null) {
      c.put("validity_not_after", RecordTime.format(time(notAfter, "not_valid_after")));
    }
    putText(c, "subject", certSubject);
    putText(c, "subject_public_key_algorithm", keyAlg);
    if (exponent != null && !exponent.isEmpty() && exponent.length() < 18) {
      boolean digits = exponent.chars().allMatch(ch -> ch >= '0' && ch <= '9');
      if (digits) {
        c.put("subject_public_key_exponent", Long.parseLong(exponent));
      }
    }
    if (c.has("hashes") || c.has("serial_number")) {
      out.add(c);
    }
    for (String d : sanDns) {
      if (Addresses.isDomainName(d)) {
        out.domain(d);
      }
    }
    for (String e : sanEmail) {
      if (e.indexOf('@') > 0) {
        out.email(e);
      }
    }
    for (String ip : sanIp) {
      out.ip(ip, "san.ip");
    }
  }

  private void smtp() {
    String from = ObservationBuilder.mailbox(mailfrom);
    String fromId = from == null ? null : out.emailId(from);
    ArrayNode to = null;
    for (String r : rcptto) {
      String m = ObservationBuilder.mailbox(r);
      if (m != null) {
        if (to == null) {
          to = ObservationBuilder.array();
        }
        to.add(out.emailId(m));
      }
    }
    if (fromId != null || to != null || subject != null) {
      ObjectNode msg = ObservationBuilder.sco("email-message");
      msg.put("is_multipart", false);
      if (fromId != null) {
        msg.put("from_ref", fromId);
      }
      if (to != null) {
        msg.set("to_refs", to);
      }
      if (subject != null) {
        msg.put("subject", subject);
      }
      out.add(msg);
    }
  }

  private static void putText(ObjectNode n, String name, String v) {
    if (v != null && !v.isEmpty()) {
      n.put(name, v);
    }
  }

  private static Instant time(String text, String field) throws MalformedRecordException {
    if (!text.isEmpty()
        && text.charAt(0) >= '0'
        && text.charAt(0) <= '9'
        && text.indexOf('-') < 0) {
      return RecordTime.epoch(text, field);
    }
    return RecordTime.iso(text, field);
  }

  private static Duration duration(String text) throws MalformedRecordException {
    Instant d = RecordTime.epoch(text, "duration");
    if (d.getEpochSecond() > MAX_DURATION_SECONDS) {
      throw new MalformedRecordException("duration is over a year: " + text);
    }
    return Duration.ofSeconds(d.getEpochSecond(), d.getNano());
  }

  private void reset() {
    path = null;
    ts = null;
    origH = null;
    respH = null;
    origP = -1;
    respP = -1;
    proto = null;
    service = null;
    duration = null;
    origBytes = -1;
    respBytes = -1;
    origPkts = -1;
    respPkts = -1;
    connFields = false;
    query = null;
    qtype = null;
    answers.clear();
    method = null;
    host = null;
    uri = null;
    referrer = null;
    version = null;
    userAgent = null;
    statusCode = false;
    serverName = null;
    cipher = false;
    subject = null;
    issuer = null;
    certFps.clear();
    fuid = null;
    filename = null;
    mimeType = null;
    md5 = null;
    sha1 = null;
    sha256 = null;
    totalBytes = -1;
    seenBytes = -1;
    txHosts.clear();
    rxHosts.clear();
    fingerprint = null;
    certVersion = -1;
    serial = null;
    certSubject = null;
    certIssuer = null;
    notBefore = null;
    notAfter = null;
    keyAlg = null;
    sigAlg = null;
    exponent = null;
    sanDns.clear();
    sanEmail.clear();
    sanIp.clear();
    mailfrom = null;
    rcptto.clear();
  }
}
