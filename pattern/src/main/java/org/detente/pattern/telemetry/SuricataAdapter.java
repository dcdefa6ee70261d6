package org.detente.pattern.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.detente.pattern.Observation;

/**
 * Suricata EVE JSON events to observations.
 *
 * <p>Every event with {@code src_ip} and {@code dest_ip} gives two address SCOs and a {@code
 * network-traffic} ({@code src_port}, {@code dest_port}, {@code protocols}: IP version, {@code
 * proto} and {@code app_proto} in lower case, {@code start}/{@code end} and byte and packet counts
 * from the {@code flow} object when there is one). The app-layer objects present are mapped
 * whatever the {@code event_type} (an {@code alert} carries the {@code http}, {@code dns} or {@code
 * tls} object of its transaction):
 *
 * <ul>
 *   <li>{@code dns} (EVE versions 1, 2 and 3): a {@code domain-name} per {@code rrname} of the
 *       event, query or answer; A and AAAA answers ({@code rdata}, and {@code grouped}) become
 *       addresses and CNAME answers names in its {@code resolves_to_refs};
 *   <li>{@code http}: {@code url} ({@code url} if absolute, else {@code http://hostname[:port]url},
 *       the port being {@code http_port}, else {@code dest_port} except in {@code fileinfo} events
 *       (whose direction may be server to client), and shown when not 80), {@code domain-name} for
 *       {@code hostname}, the {@code http-request-ext} of the traffic;
 *   <li>{@code tls}: {@code domain-name} for {@code sni}; an {@code x509-certificate} with the
 *       SHA-1 {@code fingerprint} (colons removed), {@code serial}, {@code subject}, {@code
 *       issuerdn} and validity ({@code notbefore}/{@code notafter}, UTC when they carry no offset);
 *   <li>{@code fileinfo}: a {@code file} with {@code name}, {@code size} and {@code hashes} ({@code
 *       md5}, {@code sha1}, {@code sha256} when Suricata computed them);
 *   <li>{@code smtp}: {@code email-addr} for {@code mail_from} and each {@code rcpt_to}.
 * </ul>
 *
 * <p>{@code first_observed} is {@code flow.start}, else {@code timestamp}; {@code last_observed} is
 * {@code flow.end}, else {@code timestamp}. An event without {@code timestamp} is malformed.
 */
final class SuricataAdapter implements TelemetryAdapter {
  private final ObservationBuilder out;

  private String timestamp;
  private String eventType;
  private long httpPort;
  private String srcIp;
  private String destIp;
  private long srcPort;
  private long destPort;
  private String proto;
  private String appProto;
  private String flowStart;
  private String flowEnd;
  private long pktsToServer;
  private long pktsToClient;
  private long bytesToServer;
  private long bytesToClient;
  private final List<String> dnsNames = new ArrayList<>();

  /** Answers as triples: owner name (null: the first query), type, data. */
  private final List<String> dnsAnswers = new ArrayList<>();

  private String hostname;
  private String url;
  private String userAgent;
  private String method;
  private String protocol;
  private String referer;
  private String sni;
  private String subject;
  private String issuer;
  private String serial;
  private String fingerprint;
  private String notBefore;
  private String notAfter;
  private String fileName;
  private long fileSize;
  private String md5;
  private String sha1;
  private String sha256;
  private String mailFrom;
  private final List<String> rcptTo = new ArrayList<>();

  SuricataAdapter(String sourceName) {
    this.out = new ObservationBuilder(sourceName);
  }

  @Override
  public void read(
      byte[] record, int offset, int length, long lineNumber, Consumer<Observation> sink)
      throws MalformedRecordException {
    reset();
    try (JsonParser p = JsonRecord.open(record, offset, length)) {
      top(p);
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

  private void top(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "timestamp" -> timestamp = JsonRecord.string(p, f);
        case "event_type" -> eventType = JsonRecord.string(p, f);
        case "src_ip" -> srcIp = JsonRecord.string(p, f);
        case "dest_ip" -> destIp = JsonRecord.string(p, f);
        case "src_port" -> srcPort = JsonRecord.count(p, f, 65_535);
        case "dest_port" -> destPort = JsonRecord.count(p, f, 65_535);
        case "proto" -> proto = p.currentToken().isScalarValue() ? p.getText() : object(p, f);
        case "app_proto" -> appProto = JsonRecord.string(p, f);
        case "flow" -> {
          if (t == JsonToken.START_OBJECT) {
            flow(p);
          } else {
            object(p, f);
          }
        }
        case "dns" -> {
          if (t == JsonToken.START_OBJECT) {
            dns(p, true);
          } else {
            object(p, f);
          }
        }
        case "http" -> {
          if (t == JsonToken.START_OBJECT) {
            http(p);
          } else {
            object(p, f);
          }
        }
        case "tls" -> {
          if (t == JsonToken.START_OBJECT) {
            tls(p);
          } else {
            object(p, f);
          }
        }
        case "fileinfo" -> {
          if (t == JsonToken.START_OBJECT) {
            fileinfo(p);
          } else {
            object(p, f);
          }
        }
        case "smtp" -> {
          if (t == JsonToken.START_OBJECT) {
            smtp(p);
          } else {
            object(p, f);
          }
        }
        default -> JsonRecord.skip(p);
      }
    }
  }

  private static String object(JsonParser p, String f)
      throws IOException, MalformedRecordException {
    JsonToken t = p.currentToken();
    JsonRecord.skip(p);
    throw new MalformedRecordException(f + " must be an object, found " + JsonRecord.describe(t));
  }

  private void flow(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    while ((f = p.nextFieldName()) != null) {
      p.nextToken();
      switch (f) {
        case "start" -> flowStart = JsonRecord.string(p, "flow.start");
        case "end" -> flowEnd = JsonRecord.string(p, "flow.end");
        case "pkts_toserver" -> pktsToServer = JsonRecord.count(p, "flow." + f, Long.MAX_VALUE);
        case "pkts_toclient" -> pktsToClient = JsonRecord.count(p, "flow." + f, Long.MAX_VALUE);
        case "bytes_toserver" -> bytesToServer = JsonRecord.count(p, "flow." + f, Long.MAX_VALUE);
        case "bytes_toclient" -> bytesToClient = JsonRecord.count(p, "flow." + f, Long.MAX_VALUE);
        default -> JsonRecord.skip(p);
      }
    }
  }

  /** The {@code dns} object, or one query or answer inside it ({@code top} false). */
  private void dns(JsonParser p, boolean top) throws IOException, MalformedRecordException {
    String rrname = null;
    String rrtype = null;
    String rdata = null;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "rrname" -> rrname = JsonRecord.string(p, "dns.rrname");
        case "rrtype" -> rrtype = JsonRecord.string(p, "dns.rrtype");
        case "rdata" -> rdata = t == JsonToken.VALUE_STRING ? p.getText() : skippedNull(p);
        case "queries", "answers", "authorities" -> {
          if (!top) {
            JsonRecord.skip(p);
          } else if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
              if (t == JsonToken.START_OBJECT) {
                dns(p, false);
              } else {
                JsonRecord.skip(p);
              }
            }
          } else {
            JsonRecord.skip(p);
          }
        }
        case "grouped" -> {
          if (top && t == JsonToken.START_OBJECT) {
            grouped(p);
          } else {
            JsonRecord.skip(p);
          }
        }
        default -> JsonRecord.skip(p);
      }
    }
    if (rrname != null && !dnsNames.contains(rrname)) {
      dnsNames.add(rrname);
    }
    if (rdata != null && rrtype != null) {
      dnsAnswers.add(rrname);
      dnsAnswers.add(rrtype);
      dnsAnswers.add(rdata);
    }
  }

  private void grouped(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    List<String> values = new ArrayList<>();
    while ((f = p.nextFieldName()) != null) {
      p.nextToken();
      if (f.equals("A") || f.equals("AAAA") || f.equals("CNAME")) {
        values.clear();
        JsonRecord.strings(p, "dns.grouped." + f, values);
        for (String v : values) {
          dnsAnswers.add(null);
          dnsAnswers.add(f);
          dnsAnswers.add(v);
        }
      } else {
        JsonRecord.skip(p);
      }
    }
  }

  private static String skippedNull(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private void http(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    while ((f = p.nextFieldName()) != null) {
      p.nextToken();
      switch (f) {
        case "hostname" -> hostname = JsonRecord.string(p, "http.hostname");
        case "url" -> url = JsonRecord.string(p, "http.url");
        case "http_port" -> httpPort = JsonRecord.count(p, "http.http_port", 65_535);
        case "http_user_agent" -> userAgent = JsonRecord.string(p, "http.http_user_agent");
        case "http_method" -> method = JsonRecord.string(p, "http.http_method");
        case "protocol" -> protocol = JsonRecord.string(p, "http.protocol");
        case "http_refer" -> referer = JsonRecord.string(p, "http.http_refer");
        default -> JsonRecord.skip(p);
      }
    }
  }

  private void tls(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    while ((f = p.nextFieldName()) != null) {
      p.nextToken();
      switch (f) {
        case "sni" -> sni = JsonRecord.string(p, "tls.sni");
        case "subject" -> subject = JsonRecord.string(p, "tls.subject");
        case "issuerdn" -> issuer = JsonRecord.string(p, "tls.issuerdn");
        case "serial" -> serial = JsonRecord.string(p, "tls.serial");
        case "fingerprint" -> fingerprint = JsonRecord.string(p, "tls.fingerprint");
        case "notbefore" -> notBefore = JsonRecord.string(p, "tls.notbefore");
        case "notafter" -> notAfter = JsonRecord.string(p, "tls.notafter");
        default -> JsonRecord.skip(p);
      }
    }
  }

  private void fileinfo(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    while ((f = p.nextFieldName()) != null) {
      p.nextToken();
      switch (f) {
        case "filename" -> fileName = JsonRecord.string(p, "fileinfo.filename");
        case "size" -> fileSize = JsonRecord.count(p, "fileinfo.size", Long.MAX_VALUE);
        case "md5" -> md5 = JsonRecord.string(p, "fileinfo.md5");
        case "sha1" -> sha1 = JsonRecord.string(p, "fileinfo.sha1");
        case "sha256" -> sha256 = JsonRecord.string(p, "fileinfo.sha256");
        default -> JsonRecord.skip(p);
      }
    }
  }

  private void smtp(JsonParser p) throws IOException, MalformedRecordException {
    String f;
    while ((f = p.nextFieldName()) != null) {
      p.nextToken();
      switch (f) {
        case "mail_from" -> mailFrom = JsonRecord.string(p, "smtp.mail_from");
        case "rcpt_to" -> JsonRecord.strings(p, "smtp.rcpt_to", rcptTo);
        default -> JsonRecord.skip(p);
      }
    }
  }

  private Observation build(long line) throws MalformedRecordException {
    if (timestamp == null) {
      throw new MalformedRecordException("timestamp is missing");
    }
    Instant at = RecordTime.iso(timestamp, "timestamp");
    Instant first = flowStart != null ? RecordTime.iso(flowStart, "flow.start") : at;
    Instant last = flowEnd != null ? RecordTime.iso(flowEnd, "flow.end") : at;
    if (last.isBefore(first)) {
      last = first;
    }
    out.clear();
    ObservationBuilder.Traffic traffic = null;
    if (srcIp != null && destIp != null) {
      String srcType = out.ipType(srcIp, "src_ip");
      String dstType = out.ipType(destIp, "dest_ip");
      List<String> protocols = new ArrayList<>(3);
      protocols.add(srcType.startsWith("ipv6") ? "ipv6" : "ipv4");
      if (proto != null && !proto.isEmpty()) {
        protocols.add(proto.toLowerCase(Locale.ROOT));
      }
      if (appProto != null
          && !appProto.isEmpty()
          && !appProto.equals("failed")
          && !appProto.equals("unknown")) {
        protocols.add(appProto.toLowerCase(Locale.ROOT));
      }
      traffic =
          new ObservationBuilder.Traffic(
              first,
              flowEnd != null && last.isAfter(first) ? last : null,
              srcType,
              srcIp,
              dstType,
              destIp,
              srcPort,
              destPort,
              List.copyOf(protocols),
              new long[] {bytesToServer, bytesToClient, pktsToServer, pktsToClient},
              method != null && url != null
                  ? new String[] {method, url, protocol, hostname, userAgent, referer}
                  : null);
    }
    dns();
    http();
    tls();
    file();
    smtp();
    if (traffic != null) {
      out.traffic(traffic);
    }
    if (out.isEmpty()) {
      return null;
    }
    return out.build(line, first, last);
  }

  /**
   * A {@code domain-name} per owner name and CNAME target, each resolving to the addresses and
   * names its answers give; {@code grouped} answers (which carry no owner) belong to the first
   * name, and are used only when the event has no per-answer records.
   */
  private void dns() throws MalformedRecordException {
    String firstName = null;
    List<String> names = new ArrayList<>();
    for (String name : dnsNames) {
      if (Addresses.isDomainName(name)) {
        firstName = firstName == null ? name : firstName;
        names.add(name);
      }
    }
    if (firstName == null) {
      return;
    }
    boolean detailed = false;
    for (int i = 0; i < dnsAnswers.size(); i += 3) {
      detailed |= dnsAnswers.get(i) != null;
    }
    List<String> targets = new ArrayList<>(dnsAnswers.size() / 3);
    for (int i = 0; i < dnsAnswers.size(); i += 3) {
      String type = dnsAnswers.get(i + 1);
      String data = dnsAnswers.get(i + 2);
      String id = null;
      if (dnsAnswers.get(i) == null && detailed) {
        id = null;
      } else if ((type.equals("A") || type.equals("AAAA")) && Addresses.isIp(data)) {
        id = out.ip(data, "dns rdata");
      } else if (type.equals("CNAME") && Addresses.isDomainName(data)) {
        id = out.valueId("domain-name", data);
        if (!names.contains(data)) {
          names.add(data);
        }
      }
      targets.add(id);
    }
    for (String name : names) {
      ArrayNode resolves = null;
      for (int i = 0; i < dnsAnswers.size(); i += 3) {
        String owner = dnsAnswers.get(i) == null ? firstName : dnsAnswers.get(i);
        String id = targets.get(i / 3);
        if (id != null && name.equals(owner)) {
          if (resolves == null) {
            resolves = ObservationBuilder.array();
          }
          resolves.add(id);
        }
      }
      out.domain(name, resolves);
    }
  }

  private void http() {
    if (url != null && !url.isEmpty()) {
      // the server's port: http_port when given, else dest_port of the events Suricata logs in the
      // client-to-server direction; fileinfo events may run the other way, so no port for them
      long port = httpPort >= 0 ? httpPort : "fileinfo".equals(eventType) ? -1 : destPort;
      String u = ObservationBuilder.httpUrl(hostname, port, url);
      if (u != null) {
        out.url(u);
      }
    }
    if (hostname != null && Addresses.isDomainName(hostname)) {
      out.domain(hostname);
    }
  }

  private void tls() throws MalformedRecordException {
    if (sni != null && Addresses.isDomainName(sni)) {
      out.domain(sni);
    }
    String sha1Hex =
        fingerprint == null ? null : fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
    boolean hash = sha1Hex != null && "SHA-1".equals(JsonRecord.hashAlgorithm(sha1Hex));
    if (!hash && (serial == null || serial.isEmpty())) {
      return;
    }
    ObjectNode c = ObservationBuilder.sco("x509-certificate");
    if (hash) {
      c.putObject("hashes").put("SHA-1", sha1Hex);
    }
    if (serial != null && !serial.isEmpty()) {
      c.put("serial_number", serial);
    }
    if (issuer != null) {
      c.put("issuer", issuer);
    }
    if (notBefore != null) {
      c.put("validity_not_before", RecordTime.format(certTime(notBefore, "tls.notbefore")));
    }
    if (notAfter != null) {
      c.put("validity_not_after", RecordTime.format(certTime(notAfter, "tls.notafter")));
    }
    if (subject != null) {
      c.put("subject", subject);
    }
    out.add(c);
  }

  private static Instant certTime(String s, String field) throws MalformedRecordException {
    boolean zoned = s.endsWith("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
    return RecordTime.iso(zoned ? s : s + "Z", field);
  }

  private void file() {
    out.file(md5, sha1, sha256, fileName, fileSize, null);
  }

  private void smtp() {
    String from = ObservationBuilder.mailbox(mailFrom);
    if (from != null) {
      out.email(from);
    }
    for (String r : rcptTo) {
      String m = ObservationBuilder.mailbox(r);
      if (m != null) {
        out.email(m);
      }
    }
  }

  private void reset() {
    timestamp = null;
    eventType = null;
    httpPort = -1;
    srcIp = null;
    destIp = null;
    srcPort = -1;
    destPort = -1;
    proto = null;
    appProto = null;
    flowStart = null;
    flowEnd = null;
    pktsToServer = -1;
    pktsToClient = -1;
    bytesToServer = -1;
    bytesToClient = -1;
    dnsNames.clear();
    dnsAnswers.clear();
    hostname = null;
    url = null;
    userAgent = null;
    method = null;
    protocol = null;
    referer = null;
    sni = null;
    subject = null;
    issuer = null;
    serial = null;
    fingerprint = null;
    notBefore = null;
    notAfter = null;
    fileName = null;
    fileSize = -1;
    md5 = null;
    sha1 = null;
    sha256 = null;
    mailFrom = null;
    rcptTo.clear();
  }
}
