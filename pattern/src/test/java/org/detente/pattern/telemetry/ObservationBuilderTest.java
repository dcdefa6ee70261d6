package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.detente.pattern.Observation;
import org.detente.stix.ScoIds;
import org.detente.stix.StixObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObservationBuilderTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain.example.com",
        "quote\" and back\\slash",
        "tab\tnew\nline\r\u0001\u001f\b\f",
        "caf\u00e9.example",
        "\u65e5\u672c.example",
        "emoji \ud83d\ude00 here",
        ""
      })
  void add_identifiersAreThoseOfScoIds(String value) {
    ObservationBuilder b = new ObservationBuilder("test.log");
    b.domain(value);
    b.url(value);
    ObjectNode f = ObservationBuilder.sco("file");
    f.put("name", value);
    f.putObject("hashes").put("SHA3-256", "ab").put("SHA-512", "cd").put("Z", value);
    b.add(f);
    ObjectNode g = ObservationBuilder.sco("file");
    g.putObject("hashes").put("TLSH", value).put("SSDEEP", "x");
    g.put("size", 12).put("x_flag", true);
    b.add(g);
    ObjectNode t = ObservationBuilder.sco("network-traffic");
    t.put("start", "2026-01-01T00:00:00Z").put("src_port", 1).put("is_active", false);
    t.putArray("protocols").add("ipv4").add(value);
    t.putObject("extensions")
        .putObject("http-request-ext")
        .put("request_method", "get")
        .put("request_value", value)
        .putObject("request_header")
        .putArray("Host")
        .add(value);
    b.add(t);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Observation o = b.build(1, now, now);
    assertThat(o.objects()).hasSize(5);
    for (StixObject sco : o.objects()) {
      assertThat(ScoIds.deterministicId(sco.json())).as(sco.toJson()).contains(sco.id());
    }
  }
}
