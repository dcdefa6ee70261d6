package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.detente.pattern.telemetry.Records.matches;
import static org.detente.pattern.telemetry.Records.ofType;
import static org.detente.pattern.telemetry.Records.one;

import java.time.Instant;
import java.util.List;
import org.detente.pattern.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZeekAdapterTest {
  static final String CONN =
      """
      {"_path":"conn","ts":1700000000.123456,"uid":"CHhAvVGS1DHFjwGM9","id.orig_h":"10.1.2.3",\
      "id.orig_p":51514,"id.resp_h":"93.184.216.34","id.resp_p":443,"proto":"tcp",\
      "service":"ssl,http","duration":2.5,"orig_bytes":517,"resp_bytes":4312,"conn_state":"SF",\
      "local_orig":true,"local_resp":false,"missed_bytes":0,"history":"ShADadFf","orig_pkts":9,\
      "orig_ip_bytes":893,"resp_pkts":8,"resp_ip_bytes":4744}""";

  static final String DNS =
      """
      {"_path":"dns","ts":1700000001.5,"uid":"C5bLoe2Mvxqhawzqqd","id.orig_h":"10.1.2.3",\
      "id.orig_p":53142,"id.resp_h":"10.0.0.53","id.resp_p":53,"proto":"udp","trans_id":4711,\
      "rtt":0.0123,"query":"evil.example.com","qclass":1,"qclass_name":"C_INTERNET","qtype":1,\
      "qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,\
      "RA":true,"Z":0,"answers":["cdn.example.net","203.0.113.7"],"TTLs":[300.0,60.0],\
      "rejected":false}""";

  static final String HTTP =
      """
      {"_path":"http","ts":1700000002.25,"uid":"CwFs1P2UcUdlSxD2La","id.orig_h":"10.1.2.3",\
      "id.orig_p":50012,"id.resp_h":"198.51.100.20","id.resp_p":8080,"trans_depth":1,\
      "method":"GET","host":"updates.example.org","uri":"/dl/payload.exe?x=1",\
      "referrer":"http://portal.example.org/","version":"1.1",\
      "user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","request_body_len":0,\
      "response_body_len":73802,"status_code":200,"status_msg":"OK","tags":[],\
      "resp_fuids":["FQa3Wy1xsEhsH6Dyma"],"resp_mime_types":["application/x-dosexec"]}""";

  static final String SSL =
      """
      {"_path":"ssl","ts":1700000003.0,"uid":"CsWz9b3pXQeLS3E7X7","id.orig_h":"2001:db8::10",\
      "id.orig_p":49320,"id.resp_h":"2001:db8:1::443","id.resp_p":443,"version":"TLSv13",\
      "cipher":"TLS_AES_256_GCM_SHA384","curve":"x25519","server_name":"login.example.com",\
      "resumed":false,"established":true,"ssl_history":"CsiI",\
      "cert_chain_fps":["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
      "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"],\
      "subject":"CN=login.example.com","issuer":"CN=Example CA,O=Example"}""";

  static final String FILES =
      """
      {"_path":"files","ts":1700000004.5,"fuid":"FQa3Wy1xsEhsH6Dyma","uid":"CwFs1P2UcUdlSxD2La",\
      "id.orig_h":"198.51.100.20","id.orig_p":8080,"id.resp_h":"10.1.2.3","id.resp_p":50012,\
      "source":"HTTP","depth":0,"analyzers":["MD5","SHA1","SHA256","PE"],\
      "mime_type":"application/x-dosexec","filename":"payload.exe","duration":0.75,\
      "is_orig":false,"seen_bytes":73802,"total_bytes":73802,"missing_bytes":0,\
      "overflow_bytes":0,"timedout":false,"md5":"5D41402ABC4B2A76B9719D911017C592",\
      "sha1":"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",\
      "sha256":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}""";

  static final String X509 =
      """
      {"_path":"x509","ts":1700000005.0,\
      "fingerprint":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",\
      "certificate.version":3,"certificate.serial":"0A1B2C3D4E5F",\
      "certificate.subject":"CN=login.example.com,O=Example Corp,C=US",\
      "certificate.issuer":"CN=Example CA,O=Example,C=US",\
      "certificate.not_valid_before":1690000000.0,"certificate.not_valid_after":1720000000.0,\
      "certificate.key_alg":"rsaEncryption","certificate.sig_alg":"sha256WithRSAEncryption",\
      "certificate.key_type":"rsa","certificate.key_length":2048,"certificate.exponent":"65537",\
      "san.dns":["login.example.com","*.example.com"],"san.email":["admin@example.com"],\
      "san.ip":["192.0.2.44"],"basic_constraints.ca":false,"host_cert":true,\
      "client_cert":false}""";

  static final String SMTP =
      """
      {"_path":"smtp","ts":1700000006.0,"uid":"C1qe8w3QHRF2N5tVV5","id.orig_h":"192.0.2.10",\
      "id.orig_p":43567,"id.resp_h":"10.0.0.25","id.resp_p":25,"trans_depth":1,\
      "helo":"mail.example.net","mailfrom":"<phish@example.net>",\
      "rcptto":["<alice@example.org>","<bob@example.org>"],"from":"Support <phish@example.net>",\
      "subject":"Your invoice","tls":false,"fuids":[],"is_webmail":false}""";

  private final TelemetryAdapter zeek = TelemetryAdapter.zeek("zeek/current");

  @Test
  void read_connGivesAddressesAndTraffic() throws Exception {
    Observation o = one(zeek, CONN);
    assertThat(o.firstObserved()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    assertThat(o.lastObserved()).isEqualTo(Instant.parse("2023-11-14T22:13:22.623456Z"));
    assertThat(o.numberObserved()).isEqualTo(1);
    assertThat(o.id()).startsWith("observed-data--");
    assertThat(Records.types(o)).containsExactly("ipv4-addr", "ipv4-addr", "network-traffic");
    assertThat(ofType(o, "network-traffic").toJson())
        .contains("\"protocols\":[\"ipv4\",\"tcp\",\"ssl\",\"http\"]")
        .contains("\"src_byte_count\":517")
        .contains("\"dst_packets\":8")
        .contains("\"end\":\"2023-11-14T22:13:22.623456Z\"");
    assertThat(
            matches(
                "[network-traffic:dst_ref.value = '93.184.216.34' AND network-traffic:dst_port ="
                    + " 443]",
                o))
        .isTrue();
    assertThat(matches("[network-traffic:protocols[*] = 'http']", o)).isTrue();
    assertThat(matches("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", o)).isTrue();
    assertThat(matches("[ipv4-addr:value = '10.9.9.9']", o)).isFalse();
  }

  @Test
  void read_sameLineGivesSameIdentifiers() throws Exception {
    Observation a = one(zeek, CONN);
    Observation b = one(TelemetryAdapter.zeek("zeek/current"), CONN);
    assertThat(a.id()).isEqualTo(b.id());
    assertThat(a.objects()).isEqualTo(b.objects());
    Observation other = one(TelemetryAdapter.zeek("zeek/other"), CONN);
    assertThat(other.id()).isNotEqualTo(a.id());
  }

  @Test
  void read_dnsResolvesQueryToAnswers() throws Exception {
    Observation o = one(zeek, DNS);
    assertThat(matches("[domain-name:value = 'evil.example.com']", o)).isTrue();
    assertThat(matches("[domain-name:resolves_to_refs[*].value = '203.0.113.7']", o)).isTrue();
    assertThat(matches("[domain-name:value = 'cdn.example.net']", o)).isTrue();
    assertThat(ofType(o, "network-traffic").toJson())
        .contains("\"protocols\":[\"ipv4\",\"udp\",\"dns\"]");
  }

  @Test
  void read_httpGivesUrlDomainAndRequest() throws Exception {
    Observation o = one(zeek, HTTP);
    assertThat(matches("[url:value = 'http://updates.example.org:8080/dl/payload.exe?x=1']", o))
        .isTrue();
    assertThat(matches("[domain-name:value = 'updates.example.org']", o)).isTrue();
    assertThat(
            matches(
                "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'[*]"
                    + " LIKE 'Mozilla/5.0%']",
                o))
        .isTrue();
    assertThat(matches("[network-traffic:extensions.'http-request-ext'.request_method = 'get']", o))
        .isTrue();
  }

  @Test
  void read_sslGivesServerNameAndCertificates() throws Exception {
    Observation o = one(zeek, SSL);
    assertThat(Records.types(o))
        .containsExactly(
            "ipv6-addr",
            "ipv6-addr",
            "domain-name",
            "x509-certificate",
            "x509-certificate",
            "network-traffic");
    assertThat(
            matches(
                "[x509-certificate:hashes.'SHA-256' ="
                    + " '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752']",
                o))
        .isTrue();
    assertThat(matches("[x509-certificate:subject = 'CN=login.example.com']", o)).isTrue();
    assertThat(matches("[ipv6-addr:value ISSUBSET '2001:db8::/32']", o)).isTrue();
  }

  @Test
  void read_filesGivesHashesInLowerCase() throws Exception {
    Observation o = one(zeek, FILES);
    assertThat(matches("[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']", o)).isTrue();
    assertThat(
            matches(
                "[file:hashes.'SHA-256' ="
                    + " '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' AND"
                    + " file:name = 'payload.exe' AND file:size = 73802]",
                o))
        .isTrue();
    assertThat(o.lastObserved()).isEqualTo(Instant.parse("2023-11-14T22:13:25.25Z"));
  }

  @Test
  void read_olderFilesLogTakesTxAndRxHosts() throws Exception {
    String line =
        "{\"ts\":1700000004.5,\"fuid\":\"F1\",\"tx_hosts\":[\"198.51.100.20\"],"
            + "\"rx_hosts\":[\"10.1.2.3\"],\"conn_uids\":[\"C1\"],\"source\":\"HTTP\","
            + "\"sha1\":\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\"}";
    Observation o = one(TelemetryAdapter.zeek("files.log"), line);
    assertThat(matches("[network-traffic:src_ref.value = '198.51.100.20']", o)).isTrue();
    assertThat(matches("[file:hashes.'SHA-1' = 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d']", o))
        .isTrue();
  }

  @Test
  void read_x509GivesCertificateAndSubjectAlternativeNames() throws Exception {
    Observation o = one(zeek, X509);
    assertThat(ofType(o, "x509-certificate").toJson())
        .contains("\"serial_number\":\"0A1B2C3D4E5F\"")
        .contains("\"validity_not_after\":\"2024-07-03T09:46:40Z\"")
        .contains("\"subject_public_key_exponent\":65537")
        .contains("\"version\":\"3\"");
    assertThat(matches("[email-addr:value = 'admin@example.com']", o)).isTrue();
    assertThat(matches("[ipv4-addr:value = '192.0.2.44']", o)).isTrue();
    assertThat(matches("[domain-name:value = 'login.example.com']", o)).isTrue();
    assertThat(o.objects()).noneMatch(s -> s.toJson().contains("*.example.com"));
  }

  @Test
  void read_smtpGivesAddressesAndMessage() throws Exception {
    Observation o = one(zeek, SMTP);
    assertThat(matches("[email-message:from_ref.value = 'phish@example.net']", o)).isTrue();
    assertThat(matches("[email-message:to_refs[*].value = 'bob@example.org']", o)).isTrue();
    assertThat(matches("[email-message:subject = 'Your invoice']", o)).isTrue();
  }

  @Test
  void read_logTypeFromFileNameOrFields() throws Exception {
    String noPath = DNS.replace("\"_path\":\"dns\",", "");
    Observation byName = one(TelemetryAdapter.zeek("logs/dns.2026-01-01.json"), noPath);
    Observation byFields = one(TelemetryAdapter.zeek("stdin"), noPath);
    assertThat(byName.objects()).isEqualTo(byFields.objects());
    assertThat(matches("[domain-name:value = 'evil.example.com']", byFields)).isTrue();
  }

  @Test
  void read_isoTimestampsAndNestedId() throws Exception {
    String line =
        "{\"ts\":\"2023-11-14T22:13:20.123456Z\",\"id\":{\"orig_h\":\"10.1.2.3\","
            + "\"orig_p\":1,\"resp_h\":\"10.1.2.4\",\"resp_p\":2},\"proto\":\"udp\","
            + "\"conn_state\":\"S0\"}";
    Observation o = one(zeek, line);
    assertThat(o.firstObserved()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456Z"));
    assertThat(matches("[network-traffic:dst_port = 2 AND network-traffic:src_port = 1]", o))
        .isTrue();
  }

  @Test
  void read_recordWithoutObservablesGivesNothing() throws Exception {
    assertThat(Records.read(zeek, "{\"_path\":\"weird\",\"ts\":1700000000,\"name\":\"x\"}"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2,3]",
        "\"conn\"",
        "{\"ts\":1700000000.1,\"id.orig_h\":\"10.1.2.3\"",
        "{\"id.orig_h\":\"10.1.2.3\",\"id.resp_h\":\"10.1.2.4\"}",
        "{\"ts\":\"yesterday\",\"id.orig_h\":\"10.1.2.3\",\"id.resp_h\":\"10.1.2.4\"}",
        "{\"ts\":1700000000,\"id.orig_h\":\"10.1.2.999\",\"id.resp_h\":\"10.1.2.4\"}",
        "{\"ts\":1700000000,\"id.orig_h\":\"10.1.2.3\",\"id.resp_h\":\"x\"}",
        "{\"ts\":1700000000,\"id.orig_h\":\"10.1.2.3\",\"id.resp_h\":\"10.1.2.4\",\"id.resp_p\":70000}",
        "{\"ts\":1700000000,\"id.orig_h\":\"10.1.2.3\",\"id.resp_h\":\"10.1.2.4\",\"id.resp_p\":\"80\"}",
        "{\"ts\":1700000000,\"id.orig_h\":[1],\"id.resp_h\":\"10.1.2.4\"}",
        "{\"ts\":1700000000,\"answers\":{\"a\":1},\"query\":\"x.com\"}",
        "{\"ts\":1700000000,\"duration\":-1}",
        "{\"ts\":1e300}",
        "{\"ts\":1700000000} {\"ts\":1}",
        "{\"ts\":1700000000,\"_path\":\"http\",\"host\":\"a.com\",\"uri\":\"/\\ud83d\"}",
        "{\"ts\":1700000000,\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"
      })
  void read_malformedRecordIsRejected(String line) {
    assertThatThrownBy(() -> Records.read(zeek, line)).isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void read_recordOverTheSizeLimitIsRejectedBeforeParsing() {
    byte[] big = new byte[TelemetryAdapter.MAX_RECORD_BYTES + 1];
    assertThatThrownBy(() -> zeek.read(big, 0, big.length, 1, o -> {}))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("over the limit of " + TelemetryAdapter.MAX_RECORD_BYTES);
  }

  @Test
  void read_afterAMalformedRecordTheNextIsReadCleanly() throws Exception {
    assertThatThrownBy(() -> Records.read(zeek, "{\"ts\":1700000000,\"query\":\"a.com\",\"id"))
        .isInstanceOf(MalformedRecordException.class);
    List<Observation> o = Records.read(zeek, CONN);
    assertThat(Records.types(o.get(0))).doesNotContain("domain-name");
  }

  @Test
  void read_objectsMadeLaterOnAnotherThreadAreThoseMadeAtOnce() throws Exception {
    Records.assertMadeLaterAsAtOnce(
        () -> TelemetryAdapter.zeek("zeek/current"),
        List.of(CONN, DNS, HTTP, SSL, FILES, X509, SMTP));
  }

  @Test
  void read_matcherReadsValuesWithoutMakingObjects() throws Exception {
    org.detente.pattern.IndicatorMatcher m = org.detente.pattern.IndicatorMatcher.create();
    String indicator = "indicator--0b5e5d3c-2f1a-4c8e-9d6b-1a2b3c4d5e6f";
    m.add(indicator, "[ipv4-addr:value = '93.184.216.34']", Instant.EPOCH, null);
    byte[] b = CONN.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<Observation> seen = new java.util.ArrayList<>();
    zeek.read(b, 0, b.length, 3, seen::add);
    List<org.detente.pattern.MatchHit> hits = new java.util.ArrayList<>();

    m.match(seen.get(0), hits::add);

    assertThat(hits)
        .extracting(org.detente.pattern.MatchHit::indicatorId)
        .containsExactly(indicator);
    assertThat(hits.get(0).observationIds()).containsExactly(seen.get(0).id());
    assertThat(seen.get(0).objects()).hasSize(3);
  }
}
