package org.detente.pattern.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.detente.pattern.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StixBundleAdapterTest {
  static final String BUNDLE =
      "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
          + "{\"type\":\"observed-data\",\"spec_version\":\"2.1\","
          + "\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\","
          + "\"created\":\"2016-04-06T19:58:16.000Z\",\"modified\":\"2016-04-06T19:58:16.000Z\","
          + "\"first_observed\":\"2015-12-21T19:00:00Z\",\"last_observed\":\"2015-12-21T19:00:00Z\","
          + "\"number_observed\":50,"
          + "\"object_refs\":[\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\"]},"
          + "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\","
          + "\"value\":\"198.51.100.3\"}]}";

  private final TelemetryAdapter stix = TelemetryAdapter.stixBundles("intel.ndjson");

  @Test
  void read_bundleGivesItsObservedData() throws Exception {
    List<Observation> o = Records.read(stix, BUNDLE);
    assertThat(o).hasSize(1);
    assertThat(o.get(0).id()).isEqualTo("observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf");
    assertThat(o.get(0).numberObserved()).isEqualTo(50);
    assertThat(Records.matches("[ipv4-addr:value = '198.51.100.3']", o.get(0))).isTrue();
  }

  @Test
  void read_lineWithoutObservedDataGivesNothing() throws Exception {
    assertThat(
            Records.read(
                stix,
                "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\","
                    + "\"value\":\"198.51.100.3\"}"))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "42",
        "{\"type\":\"bundle\",\"objects\":[1]}",
        "{\"type\":\"observed-data\",\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\"}",
        "[{\"type\":\"x\",\"id\":\"x--1\",\"a\":1,\"a\":2}]"
      })
  void read_malformedLineIsRejected(String line) {
    assertThatThrownBy(() -> Records.read(stix, line)).isInstanceOf(MalformedRecordException.class);
  }
}
