package org.detente.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.detente.cli.Detente;
import org.detente.stix.StixJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryCorpusTest {
  @TempDir Path tmp;

  @Test
  void match_findsExactlyThePlantedHits() throws Exception {
    TelemetryCorpus.Planted planted =
        new TelemetryCorpus(7).write(tmp, 10_000, 30_000, 15_000, 400);
    assertThat(planted.decoys()).isEqualTo(4);
    assertThat(planted.hits()).isEqualTo(400);
    Path out = tmp.resolve("sightings.json");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int code;
    try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(p);
      code =
          Detente.run(
              "match",
              "--indicators",
              tmp.resolve("indicators.json").toString(),
              "--zeek",
              tmp.resolve("zeek").toString(),
              "--suricata",
              tmp.resolve("suricata/eve.json").toString(),
              "--out",
              out.toString(),
              "--no-progress");
    } finally {
      System.setOut(saved);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed)
        .contains("indicators: 10,000 read, 9,986 loaded")
        .contains("10 revoked, 10 past valid_until, 2 invalid, 2 not stix (snort: 2)")
        .contains(
            String.format("matched %,d events", planted.zeekEvents() + planted.suricataEvents()))
        .contains(
            String.format(
                "%,d hits, %,d sightings written",
                planted.hits(), planted.hitsPerIndicator().size()))
        .contains(String.format("%,d malformed lines skipped", planted.malformedLines()));
    Map<String, Long> sighted = new HashMap<>();
    JsonNode bundle = StixJson.mapper().readTree(out.toFile());
    for (JsonNode o : bundle.get("objects")) {
      if (o.get("type").asText().equals("sighting")) {
        sighted.merge(o.get("sighting_of_ref").asText(), o.get("count").asLong(), Long::sum);
      }
    }
    assertThat(sighted).isEqualTo(planted.hitsPerIndicator());
  }

  @Test
  void write_sameSeedGivesSameFiles() throws Exception {
    new TelemetryCorpus(3).write(tmp.resolve("a"), 50, 300, 100, 20);
    new TelemetryCorpus(3).write(tmp.resolve("b"), 50, 300, 100, 20);
    for (String f : new String[] {"indicators.json", "zeek/conn.log", "suricata/eve.json"}) {
      assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f)))
          .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
    }
  }
}
