package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.detente.pattern.telemetry.Records.matches;
import static org.detente.pattern.telemetry.Records.ofType;
import static org.detente.pattern.telemetry.Records.one;

import java.time.Instant;
import org.detente.pattern.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuricataAdapterTest {
  static final String FLOW =
      """
      {"timestamp":"2024-01-15T10:12:13.123456+0100","flow_id":1431297430536478,\
      "in_iface":"eth0","event_type":"flow","src_ip":"10.1.2.3","src_port":51514,\
      "dest_ip":"93.184.216.34","dest_port":443,"proto":"TCP","app_proto":"tls",\
      "flow":{"pkts_toserver":9,"pkts_toclient":8,"bytes_toserver":893,"bytes_toclient":4744,\
      "start":"2024-01-15T10:12:10.000000+0100","end":"2024-01-15T10:12:12.500000+0100",\
      "age":2,"state":"closed","reason":"timeout","alerted":false},\
      "tcp":{"tcp_flags":"1b","syn":true,"fin":true,"psh":true,"ack":true,"state":"closed"}}""";

  static final String DNS_V2 =
      """
      {"timestamp":"2024-01-15T10:12:14.000000+0000","flow_id":222,"event_type":"dns",\
      "src_ip":"10.0.0.53","src_port":53,"dest_ip":"10.1.2.3","dest_port":53142,"proto":"UDP",\
      "dns":{"version":2,"type":"answer","id":4711,"flags":"8180","qr":true,"rd":true,\
      "ra":true,"rrname":"evil.example.com","rrtype":"A","rcode":"NOERROR",\
      "answers":[{"rrname":"evil.example.com","rrtype":"CNAME","ttl":300,\
      "rdata":"cdn.example.net"},{"rrname":"cdn.example.net","rrtype":"A","ttl":60,\
      "rdata":"203.0.113.7"}],"grouped":{"A":["203.0.113.7"],"CNAME":["cdn.example.net"]}}}""";

  static final String DNS_V1_QUERY =
      """
      {"timestamp":"2024-01-15T10:12:14.000000+0000","event_type":"dns","src_ip":"10.1.2.3",\
      "src_port":53142,"dest_ip":"10.0.0.53","dest_port":53,"proto":"UDP",\
      "dns":{"type":"query","id":4711,"rrname":"evil.example.com","rrtype":"A","tx_id":0}}""";

  static final String HTTP =
      """
      {"timestamp":"2024-01-15T10:12:15.250000+0000","flow_id":333,"event_type":"http",\
      "src_ip":"10.1.2.3","src_port":50012,"dest_ip":"198.51.100.20","dest_port":80,\
      "proto":"TCP","tx_id":0,"http":{"hostname":"updates.example.org",\
      "url":"/dl/payload.exe","http_user_agent":"curl/8.4.0",\
      "http_content_type":"application/octet-stream","http_method":"GET",\
      "protocol":"HTTP/1.1","status":200,"length":73802}}""";

  static final String TLS =
      """
      {"timestamp":"2024-01-15T10:12:16.000000+0000","flow_id":444,"event_type":"tls",\
      "src_ip":"10.1.2.3","src_port":49320,"dest_ip":"93.184.216.34","dest_port":443,\
      "proto":"TCP","tls":{"subject":"CN=login.example.com","issuerdn":"CN=Example CA",\
      "serial":"0A:1B:2C:3D","fingerprint":"aa:f4:c6:1d:dc:c5:e8:a2:da:be:de:0f:3b:48:2c:d9:ae:a9:43:4d",\
      "sni":"login.example.com","version":"TLS 1.2","notbefore":"2023-07-22T04:26:40",\
      "notafter":"2024-07-03T09:46:40","ja3":{"hash":"e7d705a3286e19ea42f587b344ee6865"}}}""";

  static final String FILEINFO =
      """
      {"timestamp":"2024-01-15T10:12:17.000000+0000","flow_id":333,"event_type":"fileinfo",\
      "src_ip":"198.51.100.20","src_port":80,"dest_ip":"10.1.2.3","dest_port":50012,\
      "proto":"TCP","http":{"hostname":"updates.example.org","url":"/dl/payload.exe",\
      "http_method":"GET","protocol":"HTTP/1.1","status":200},"app_proto":"http",\
      "fileinfo":{"filename":"/dl/payload.exe","magic":"PE32 executable",\
      "gaps":false,"state":"CLOSED","md5":"5d41402abc4b2a76b9719d911017c592",\
      "sha256":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",\
      "stored":false,"size":73802,"tx_id":0}}""";

  static final String ALERT =
      """
      {"timestamp":"2024-01-15T10:12:18.000000+0000","flow_id":555,"event_type":"alert",\
      "src_ip":"10.1.2.3","src_port":50013,"dest_ip":"198.51.100.20","dest_port":80,\
      "proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2024897,"rev":3,\
      "signature":"ET USER_AGENTS Suspicious UA","category":"Misc activity","severity":3},\
      "http":{"hostname":"updates.example.org","url":"/beacon","http_user_agent":"Go-http",\
      "http_method":"POST","protocol":"HTTP/1.1"},"app_proto":"http"}""";

  private final TelemetryAdapter eve = TelemetryAdapter.suricata("eve.json");

  @Test
  void read_flowTakesTimesFromTheFlowObject() throws Exception {
    Observation o = one(eve, FLOW);
    assertThat(o.firstObserved()).isEqualTo(Instant.parse("2024-01-15T09:12:10Z"));
    assertThat(o.lastObserved()).isEqualTo(Instant.parse("2024-01-15T09:12:12.5Z"));
    assertThat(ofType(o, "network-traffic").toJson())
        .contains("\"protocols\":[\"ipv4\",\"tcp\",\"tls\"]")
        .contains("\"src_byte_count\":893");
    assertThat(
            matches(
                "[network-traffic:dst_ref.value = '93.184.216.34' AND network-traffic:src_packets"
                    + " = 9]",
                o))
        .isTrue();
  }

  @Test
  void read_dnsAnswersResolveTheirOwners() throws Exception {
    Observation o = one(eve, DNS_V2);
    assertThat(matches("[domain-name:value = 'evil.example.com']", o)).isTrue();
    assertThat(
            matches(
                "[domain-name:value = 'evil.example.com' AND"
                    + " domain-name:resolves_to_refs[*].value = 'cdn.example.net']",
                o))
        .isTrue();
    assertThat(
            matches(
                "[domain-name:value = 'cdn.example.net' AND"
                    + " domain-name:resolves_to_refs[*].value = '203.0.113.7']",
                o))
        .isTrue();
    assertThat(matches("[domain-name:value = 'evil.example.com']", one(eve, DNS_V1_QUERY)))
        .isTrue();
  }

  @Test
  void read_httpGivesUrlAndRequest() throws Exception {
    Observation o = one(eve, HTTP);
    assertThat(matches("[url:value = 'http://updates.example.org/dl/payload.exe']", o)).isTrue();
    assertThat(
            matches(
                "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'[0] ="
                    + " 'curl/8.4.0']",
                o))
        .isTrue();
  }

  @Test
  void read_tlsGivesCertificateAndSni() throws Exception {
    Observation o = one(eve, TLS);
    assertThat(matches("[domain-name:value = 'login.example.com']", o)).isTrue();
    assertThat(
            matches(
                "[x509-certificate:hashes.'SHA-1' = 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d']",
                o))
        .isTrue();
    assertThat(ofType(o, "x509-certificate").toJson())
        .contains("\"validity_not_before\":\"2023-07-22T04:26:40Z\"");
  }

  @Test
  void read_fileinfoGivesFileAndTheUrlOfItsTransaction() throws Exception {
    Observation o = one(eve, FILEINFO);
    assertThat(
            matches(
                "[file:hashes.'SHA-256' ="
                    + " '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824']",
                o))
        .isTrue();
    assertThat(matches("[url:value = 'http://updates.example.org/dl/payload.exe']", o)).isTrue();
    assertThat(matches("[file:size = 73802]", o)).isTrue();
  }

  @Test
  void read_alertCarriesItsAppLayerObjects() throws Exception {
    Observation o = one(eve, ALERT);
    assertThat(matches("[url:value = 'http://updates.example.org/beacon']", o)).isTrue();
    assertThat(matches("[domain-name:value = 'updates.example.org']", o)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"event_type\":\"flow\",\"src_ip\":\"10.1.2.3\",\"dest_ip\":\"10.1.2.4\"}",
        "{\"timestamp\":\"2024-01-15 10:12:13\",\"src_ip\":\"10.1.2.3\",\"dest_ip\":\"10.1.2.4\"}",
        "{\"timestamp\":\"2024-02-30T10:12:13.0+0000\",\"src_ip\":\"10.1.2.3\"}",
        "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"src_ip\":\"10.1.2.3\",\"dest_ip\":\"::g\"}",
        "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"dns\":\"evil.example.com\"}",
        "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"flow\":{\"start\":5}}",
        "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"fileinfo\":{\"size\":-3}}",
        "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"tls\":{\"serial\":\"1\",\"notafter\":\"never\"}}",
        "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"src_ip\":\"10.1.2.3\"",
        "\u0000\u0001garbage"
      })
  void read_malformedEventIsRejected(String line) {
    assertThatThrownBy(() -> Records.read(eve, line)).isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void read_statsEventGivesNothing() throws Exception {
    assertThat(
            Records.read(
                eve,
                "{\"timestamp\":\"2024-01-15T10:12:13.0+0000\",\"event_type\":\"stats\","
                    + "\"stats\":{\"uptime\":10}}"))
        .isEmpty();
  }

  @Test
  void read_objectsMadeLaterOnAnotherThreadAreThoseMadeAtOnce() throws Exception {
    Records.assertMadeLaterAsAtOnce(
        () -> TelemetryAdapter.suricata("eve.json"),
        java.util.List.of(FLOW, DNS_V2, DNS_V1_QUERY, HTTP, TLS, FILEINFO, ALERT));
  }
}
