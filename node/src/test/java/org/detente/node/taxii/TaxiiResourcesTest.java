package org.detente.node.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.Test;

class TaxiiResourcesTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");

  private static <T> T roundTrip(
      T value,
      java.util.function.Function<T, com.fasterxml.jackson.databind.JsonNode> write,
      java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, T> read) {
    return read.apply(TaxiiJson.parse(TaxiiJson.write(write.apply(value))));
  }

  @Test
  void fromJson_everyResource_readsWhatToJsonWrote() {
    Discovery d =
        new Discovery(
            "t", Optional.of("d"), Optional.of("c"), Optional.of("https://x/a/"), List.of("a"));
    assertThat(roundTrip(d, Discovery::toJson, Discovery::fromJson)).isEqualTo(d);
    ApiRoot r = new ApiRoot("t", Optional.empty(), List.of(MediaTypes.TAXII_21), 1024);
    assertThat(roundTrip(r, ApiRoot::toJson, ApiRoot::fromJson)).isEqualTo(r);
    Collection c =
        new Collection(
            "c1",
            "t",
            Optional.of("d"),
            Optional.of("al"),
            true,
            false,
            List.of(MediaTypes.STIX_21));
    Collections cs = new Collections(List.of(c));
    assertThat(roundTrip(cs, Collections::toJson, Collections::fromJson)).isEqualTo(cs);
    Manifest m =
        new Manifest(true, List.of(new ManifestRecord("x--1", T, "v", MediaTypes.STIX_21)));
    assertThat(roundTrip(m, Manifest::toJson, Manifest::fromJson)).isEqualTo(m);
    Versions v = new Versions(false, List.of("2020-01-01T00:00:00.000Z"));
    assertThat(roundTrip(v, Versions::toJson, Versions::fromJson)).isEqualTo(v);
    Status s =
        Status.complete(
            "s1",
            T,
            List.of(new StatusDetail("x--1", "v", Optional.empty())),
            List.of(new StatusDetail("x--2", "v", Optional.of("bad"))));
    assertThat(roundTrip(s, Status::toJson, Status::fromJson)).isEqualTo(s);
    TaxiiError e =
        new TaxiiError(
            "t",
            Optional.of("d"),
            Optional.of("i"),
            Optional.of("c"),
            Optional.of("400"),
            Optional.empty(),
            Map.of("k", "v"));
    assertThat(roundTrip(e, TaxiiError::toJson, TaxiiError::fromJson)).isEqualTo(e);
    Envelope env =
        new Envelope(
            true,
            Optional.of("n"),
            List.of(StixObject.parse("{\"type\":\"x-a\",\"id\":\"x-a--1\",\"n\":1.50}")));
    Envelope back = roundTrip(env, Envelope::toJson, Envelope::fromJson);
    assertThat(back.objects().get(0).toJson()).isEqualTo(env.objects().get(0).toJson());
    assertThat(back.more()).isTrue();
    assertThat(back.next()).contains("n");
  }

  @Test
  void toJson_timestamps_haveMicroseconds() {
    assertThat(new ManifestRecord("x--1", T, "v", "m").toJson().get("date_added").textValue())
        .isEqualTo("2026-01-02T03:04:05.123456Z");
    assertThat(TaxiiJson.timestamp(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("2026-01-02T03:04:05.000000Z");
  }

  @Test
  void toJson_emptyLists_areLeftOut() {
    assertThat(new Envelope(false, Optional.empty(), List.of()).toJson().toString())
        .isEqualTo("{\"more\":false}");
    assertThat(new Collections(List.of()).toJson().toString()).isEqualTo("{}");
  }

  @Test
  void fromJson_wrongTypes_areRejectedNamingTheProperty() {
    assertThatThrownBy(() -> ApiRoot.fromJson(TaxiiJson.parse("{\"title\":1}")))
        .isInstanceOf(TaxiiFormatException.class)
        .hasMessage("api-root: property 'title' must be a string, found a number");
    assertThatThrownBy(
            () ->
                ApiRoot.fromJson(
                    TaxiiJson.parse(
                        "{\"title\":\"t\",\"versions\":[\"v\"],\"max_content_length\":\"9\"}")))
        .hasMessage(
            "api-root: property 'max_content_length' must be a non-negative integer, found a string");
    assertThatThrownBy(() -> Discovery.fromJson(TaxiiJson.parse("{}")))
        .hasMessage("discovery: required property 'title' is missing");
    assertThatThrownBy(() -> Envelope.fromJson(TaxiiJson.parse("{\"objects\":{}}")))
        .hasMessage("envelope: property 'objects' must be a list, found a JSON object");
    assertThatThrownBy(() -> Envelope.fromJson(TaxiiJson.parse("{\"objects\":[{\"id\":\"a\"}]}")))
        .hasMessageStartingWith("envelope: objects[0]: ");
    assertThatThrownBy(() -> Envelope.fromJson(TaxiiJson.parse("[]")))
        .hasMessage("envelope: expected a JSON object, found a list");
    assertThatThrownBy(
            () ->
                Collection.fromJson(
                    TaxiiJson.parse(
                        "{\"id\":\"a\",\"title\":\"t\","
                            + "\"can_read\":\"yes\",\"can_write\":true}")))
        .hasMessage("collection: property 'can_read' must be true or false, found a string");
    assertThatThrownBy(
            () ->
                ManifestRecord.fromJson(
                    TaxiiJson.parse(
                        "{\"id\":\"a\",\"date_added\":\"yesterday\",\"version\":\"v\","
                            + "\"media_type\":\"m\"}")))
        .hasMessageContaining("'date_added' must be a timestamp");
    assertThatThrownBy(() -> TaxiiJson.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(TaxiiFormatException.class)
        .hasMessageStartingWith("malformed JSON");
  }

  @Test
  void status_countsThatDoNotAddUp_areRejected() {
    assertThatThrownBy(
            () ->
                Status.fromJson(
                    TaxiiJson.parse(
                        "{\"id\":\"s\",\"status\":\"complete\",\"total_count\":2,"
                            + "\"success_count\":1,\"failure_count\":0,\"pending_count\":0}")))
        .isInstanceOf(TaxiiFormatException.class)
        .hasMessageContaining("!= total_count 2");
    assertThatThrownBy(
            () ->
                Status.fromJson(
                    TaxiiJson.parse(
                        "{\"id\":\"s\",\"status\":\"done\",\"total_count\":0,"
                            + "\"success_count\":0,\"failure_count\":0,\"pending_count\":0}")))
        .hasMessage("status: property 'status' must be complete or pending, got 'done'");
  }
}
