package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.detente.stix.StixJson;
import org.detente.stix.StixValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchCommandTest {
  @TempDir Path tmp;

  private static String indicator(String id, String modified, String pattern, String extra) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\""
        + modified
        + "\",\"pattern\":\""
        + pattern
        + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\""
        + extra
        + "}";
  }

  private Path indicators() throws IOException {
    List<String> objects = new ArrayList<>();
    objects.add(
        indicator(
            "00000000-0000-4000-8000-000000000001",
            "2026-01-02T00:00:00.000Z",
            "[ipv4-addr:value = '198.51.100.20']",
            ""));
    // an earlier version after the later one: ignored
    objects.add(
        indicator(
            "00000000-0000-4000-8000-000000000001",
            "2026-01-01T00:00:00.000Z",
            "[ipv4-addr:value = '203.0.113.7']",
            ""));
    objects.add(
        indicator(
            "00000000-0000-4000-8000-000000000002",
            "2026-01-01T00:00:00.000Z",
            "[domain-name:value = 'evil.example.com']",
            ""));
    objects.add(
        indicator(
            "00000000-0000-4000-8000-000000000003",
            "2026-01-01T00:00:00.000Z",
            "[domain-name:value = 'login.example.com']",
            ",\"revoked\":true"));
    objects.add(
        indicator(
            "00000000-0000-4000-8000-000000000004",
            "2026-01-01T00:00:00.000Z",
            "[url:value = 'http://updates.example.org/dl/payload.exe']",
            ",\"valid_until\":\"2026-02-01T00:00:00Z\""));
    objects.add(
        indicator(
                "00000000-0000-4000-8000-000000000005",
                "2026-01-01T00:00:00.000Z",
                "alert tcp any any -> any any (sid:1;)",
                "")
            .replace("\"pattern_type\":\"stix\"", "\"pattern_type\":\"snort\""));
    objects.add(
        indicator(
            "00000000-0000-4000-8000-000000000006",
            "2026-01-01T00:00:00.000Z",
            "[ipv4-addr:value = ",
            ""));
    Path f = tmp.resolve("indicators.json");
    Files.writeString(
        f,
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
            + String.join(",\n", objects)
            + "]}");
    return f;
  }

  private static String conn(double ts, String resp) {
    return "{\"_path\":\"conn\",\"ts\":"
        + String.format(java.util.Locale.ROOT, "%.6f", ts)
        + ",\"uid\":\"C1\",\"id.orig_h\":\"10.1.2.3\",\"id.orig_p\":50000,\"id.resp_h\":\""
        + resp
        + "\",\"id.resp_p\":80,\"proto\":\"tcp\",\"duration\":1.5,\"conn_state\":\"SF\"}";
  }

  private static String dns(double ts, String query) {
    return "{\"_path\":\"dns\",\"ts\":"
        + String.format(java.util.Locale.ROOT, "%.6f", ts)
        + ",\"uid\":\"C2\",\"id.orig_h\":\"10.1.2.3\",\"id.orig_p\":50001,"
        + "\"id.resp_h\":\"10.0.0.53\",\"id.resp_p\":53,\"proto\":\"udp\",\"query\":\""
        + query
        + "\",\"qtype_name\":\"A\",\"answers\":[\"192.0.2.1\"]}";
  }

  private CliRun match(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("match", "--indicators", indicators().toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** Runs match on {@code inputs} into {@code out}, without a progress bar. */
  private CliRun matchInto(Path out, String... inputs) throws IOException {
    List<String> args = new ArrayList<>(List.of(inputs));
    args.addAll(List.of("--out", out.toString(), "--no-progress"));
    return match(args.toArray(String[]::new));
  }

  @Test
  void match_zeekGivesValidSightingsAndReportsWhatItSkipped() throws IOException {
    double t = 1_780_000_000; // 2026-05-28, after every valid_from
    Path zeek = tmp.resolve("zeek");
    Files.createDirectories(zeek);
    Files.write(
        zeek.resolve("conn.log"),
        List.of(
            conn(t, "198.51.100.20"),
            conn(t + 10, "198.51.100.20"),
            conn(t + 20, "203.0.113.7"),
            "{\"ts\":broken",
            "",
            conn(t + 7200, "198.51.100.20")),
        StandardCharsets.UTF_8);
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(zeek.resolve("dns.log.gz")))) {
      out.write(
          String.join(
                  "\n",
                  dns(t, "evil.example.com"),
                  dns(t + 1, "login.example.com"),
                  "not json at all")
              .getBytes(StandardCharsets.UTF_8));
    }
    Path out = tmp.resolve("sightings.json");
    CliRun r = matchInto(out, "--zeek", zeek.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("indicators: 7 read, 3 loaded")
        .contains("1 revoked, 1 past valid_until, 1 invalid, 1 not stix (snort: 1)")
        .contains("1 older versions")
        .contains("skipped indicator--00000000-0000-4000-8000-000000000006: pattern at offset")
        .contains("malformed " + zeek.resolve("conn.log") + ":4: malformed JSON")
        .contains("malformed " + zeek.resolve("dns.log.gz") + ":3: malformed JSON")
        .contains("matched 6 events")
        .contains("4 hits, 3 sightings written")
        .contains("2 malformed lines skipped");
    JsonNode bundle = StixJson.mapper().readTree(out.toFile());
    StixValidator v = StixValidator.standard();
    List<JsonNode> sightings = new ArrayList<>();
    for (JsonNode o : bundle.get("objects")) {
      assertThat(v.validate(o)).as(o.toString()).isEmpty();
      if (o.get("type").asText().equals("sighting")) {
        sightings.add(o);
      }
    }
    assertThat(sightings).hasSize(3);
    JsonNode first = sightings.stream().filter(s -> s.get("count").asInt() == 2).findFirst().get();
    assertThat(first.get("sighting_of_ref").asText())
        .isEqualTo("indicator--00000000-0000-4000-8000-000000000001");
    assertThat(first.get("observed_data_refs")).hasSize(2);
    for (JsonNode ref : first.get("observed_data_refs")) {
      assertThat(bundle.get("objects").toString()).contains("\"id\":\"" + ref.asText() + "\"");
    }

    Path again = tmp.resolve("again.json");
    CliRun second = matchInto(again, "--zeek", zeek.toString());
    assertThat(second.exitCode()).isZero();
    List<String> ids = new ArrayList<>();
    for (JsonNode o : StixJson.mapper().readTree(again.toFile()).get("objects")) {
      ids.add(o.get("id").asText());
    }
    assertThat(ids).containsAll(sightings.stream().map(s -> s.get("id").asText()).toList());
  }

  @Test
  void match_bucketAndEvidenceOptions() throws IOException {
    double t = 1_780_000_000;
    Path log = tmp.resolve("conn.log");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add(conn(t + i * 60, "198.51.100.20"));
    }
    Files.write(log, lines, StandardCharsets.UTF_8);
    Path out = tmp.resolve("s.json");
    CliRun r =
        matchInto(
            out,
            "--zeek",
            log.toString(),
            "--bucket",
            "10m",
            "--evidence",
            "1",
            "--identity",
            "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("30 hits");
    JsonNode objects = StixJson.mapper().readTree(out.toFile()).get("objects");
    long sightings = 0;
    long observed = 0;
    for (JsonNode o : objects) {
      String type = o.get("type").asText();
      assertThat(type).isNotEqualTo("identity");
      if (type.equals("sighting")) {
        sightings++;
        assertThat(o.get("observed_data_refs")).hasSize(1);
        assertThat(o.get("where_sighted_refs").get(0).asText())
            .isEqualTo("identity--f431f809-377b-45e0-aa1c-6a4751cae5ff");
      }
      observed += type.equals("observed-data") ? 1 : 0;
    }
    assertThat(sightings).isBetween(3L, 4L); // 30 minutes in 10-minute buckets
    assertThat(observed).isEqualTo(sightings);
  }

  @Test
  void match_badArgumentsAreClearErrors() throws IOException {
    Path log = tmp.resolve("conn.log");
    Files.writeString(log, conn(1_780_000_000, "198.51.100.20") + "\n");
    String out = tmp.resolve("o.json").toString();
    CliRun noInput = match("--out", out);
    assertThat(noInput.exitCode()).isEqualTo(2);
    assertThat(noInput.err()).contains("nothing to match");
    CliRun missing = match("--zeek", tmp.resolve("nope.log").toString(), "--out", out);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    CliRun bucket = match("--zeek", log.toString(), "--out", out, "--bucket", "soon");
    assertThat(bucket.exitCode()).isEqualTo(2);
    assertThat(bucket.err()).contains("--bucket: not a duration");
    CliRun identity = match("--zeek", log.toString(), "--out", out, "--identity", "me");
    assertThat(identity.exitCode()).isEqualTo(2);
    assertThat(identity.err()).contains("identity--UUID");
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"type\":\"bundle\",\"objects\":[{\"type\":");
    CliRun bad =
        CliRun.of(
            "match", "--indicators", broken.toString(), "--zeek", log.toString(), "--out", out);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("malformed JSON");
    assertThat(Files.exists(Path.of(out))).isFalse();
    CliRun noDir =
        match("--zeek", log.toString(), "--out", tmp.resolve("no/such/dir/o.json").toString());
    assertThat(noDir.exitCode()).isEqualTo(2);
    assertThat(noDir.err()).contains("input or output failed: NoSuchFileException");
  }

  @Test
  void match_suricataAndStixInputs() throws IOException {
    Path eve = tmp.resolve("eve.json");
    Files.writeString(
        eve,
        "{\"timestamp\":\"2026-05-28T20:26:40.000000+0000\",\"event_type\":\"dns\","
            + "\"src_ip\":\"10.1.2.3\",\"src_port\":5353,\"dest_ip\":\"10.0.0.53\",\"dest_port\":53,"
            + "\"proto\":\"UDP\",\"dns\":{\"type\":\"query\",\"rrname\":\"evil.example.com\","
            + "\"rrtype\":\"A\"}}\n\u0000garbage\n");
    Path stix = tmp.resolve("obs.ndjson");
    Files.writeString(
        stix,
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
            + "{\"type\":\"observed-data\",\"spec_version\":\"2.1\","
            + "\"id\":\"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf\","
            + "\"created\":\"2026-05-28T00:00:00.000Z\",\"modified\":\"2026-05-28T00:00:00.000Z\","
            + "\"first_observed\":\"2026-05-28T00:00:00Z\",\"last_observed\":\"2026-05-28T00:00:00Z\","
            + "\"number_observed\":1,"
            + "\"object_refs\":[\"ipv4-addr--b0b1e8e4-7b5a-5c77-9c38-0e5ed0b6b3a4\"]},"
            + "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--b0b1e8e4-7b5a-5c77-9c38-0e5ed0b6b3a4\","
            + "\"value\":\"198.51.100.20\"}]}\n");
    Path out = tmp.resolve("s.json");
    CliRun r = matchInto(out, "--suricata", eve.toString(), "--stix", stix.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("matched 2 events")
        .contains("2 hits, 2 sightings written")
        .contains("1 malformed lines skipped");
  }
}
