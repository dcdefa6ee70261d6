package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.detente.stix.StixJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  private Path sample() throws IOException {
    Path f = tmp.resolve("sample.json");
    try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      Files.copy(in, f);
    }
    return f;
  }

  /** id + version -> object, for comparing sets of objects as JSON values. */
  static Map<String, JsonNode> byVersion(Path bundle) throws IOException {
    JsonNode b = StixJson.mapper().readTree(bundle.toFile());
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode o : b.get("objects")) {
      String v = o.has("modified") ? o.get("modified").asText() : o.path("created").asText("");
      JsonNode previous = m.put(o.get("id").asText() + "@" + v, o);
      assertThat(previous).as("duplicate version " + o.get("id")).isNull();
    }
    return m;
  }

  @Test
  void validate_sampleIsValid() throws IOException {
    CliRun r = CliRun.of("validate", sample().toString());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains("35 object(s), 35 valid, 0 invalid");
  }

  @Test
  void sample_scoIdsAreDeterministic() throws IOException {
    JsonNode bundle = StixJson.mapper().readTree(sample().toFile());
    int scos = 0;
    for (JsonNode o : bundle.get("objects")) {
      if (org.detente.stix.StixKind.of(o.get("type").asText()) == org.detente.stix.StixKind.SCO) {
        scos++;
        assertThat(org.detente.stix.ScoIds.deterministicId(o)).contains(o.get("id").asText());
      }
    }
    assertThat(scos).isEqualTo(5);
  }

  @Test
  void validate_invalidObjectsNamePropertyAndRule() throws IOException {
    Path f = tmp.resolve("bad.json");
    Files.writeString(
        f,
        """
        [{"type":"indicator","spec_version":"2.1",
          "id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
          "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z",
          "pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix",
          "valid_from":"2016-01-01T00:00:00Z","valid_until":"2015-01-01T00:00:00Z"},
         {"type":"indicator","spec_version":"2.1",
          "id":"indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
          "created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z",
          "pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}]
        """,
        StandardCharsets.UTF_8);
    CliRun r = CliRun.of("validate", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f: valid_until:")
        .contains("indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f: pattern:")
        .contains("2 object(s), 0 valid, 2 invalid");
  }

  @Test
  void validate_malformedJsonAndMissingFile() throws IOException {
    Path f = tmp.resolve("broken.json");
    Files.writeString(f, "{\"type\": \"indicator\",", StandardCharsets.UTF_8);
    CliRun r = CliRun.of("validate", f.toString(), tmp.resolve("missing.json").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("malformed JSON").contains("missing.json: no such file");
    assertThat(r.out()).doesNotContain("-1 valid");
  }

  @Test
  void importThenExport_returnsTheSameObjects() throws IOException {
    Path data = tmp.resolve("data");
    Path in = sample();
    CliRun imp =
        CliRun.of("import", in.toString(), "--collection", "c1", "--data", data.toString());
    assertThat(imp.exitCode()).as(imp.out() + imp.err()).isZero();
    assertThat(imp.out()).contains("35 read, 35 added, 0 unchanged, 0 rejected");
    Path exported = tmp.resolve("out.json");
    CliRun exp =
        CliRun.of(
            "export",
            "--collection",
            "c1",
            "--data",
            data.toString(),
            "--out",
            exported.toString());
    assertThat(exp.exitCode()).as(exp.err()).isZero();
    assertThat(byVersion(exported)).isEqualTo(byVersion(in));

    CliRun again =
        CliRun.of("import", in.toString(), "--collection", "c1", "--data", data.toString());
    assertThat(again.out()).contains("35 read, 0 added, 35 unchanged, 0 rejected");
  }

  @Test
  void export_filtersByTypeVersionAndAddedAfter() throws IOException {
    Path data = tmp.resolve("data");
    CliRun.of("import", sample().toString(), "--collection", "c1", "--data", data.toString());
    Path out = tmp.resolve("ind.json");
    CliRun.of(
        "export",
        "-c",
        "c1",
        "--data",
        data.toString(),
        "--type",
        "indicator",
        "--version",
        "last",
        "-o",
        out.toString());
    Map<String, JsonNode> m = byVersion(out);
    assertThat(m).hasSize(7);
    assertThat(m.values()).allMatch(o -> o.get("type").asText().equals("indicator"));
    Path none = tmp.resolve("none.json");
    CliRun.of(
        "export",
        "-c",
        "c1",
        "--data",
        data.toString(),
        "--added-after",
        "2999-01-01T00:00:00Z",
        "-o",
        none.toString());
    assertThat(byVersion(none)).isEmpty();
    CliRun bad =
        CliRun.of("export", "-c", "c1", "--data", data.toString(), "--added-after", "yesterday");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--added-after must be a STIX timestamp");
    CliRun missing = CliRun.of("export", "-c", "nope", "--data", data.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no collection 'nope'");
  }

  @Test
  void import_rejectsInvalidObjectsOnlyAndReportsReasons() throws IOException {
    Path data = tmp.resolve("data");
    Path f = tmp.resolve("mixed.json");
    Files.writeString(
        f,
        """
        {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
         {"type":"identity","spec_version":"2.1","id":"identity--311b2d2d-f010-4473-83ec-1edf84858f4c",
          "created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","name":"Good"},
         {"type":"identity","spec_version":"2.1","id":"identity--411b2d2d-f010-4473-83ec-1edf84858f4c",
          "created":"2015-12-21T19:59:11.000Z","modified":"2014-12-21T19:59:11.000Z","name":"Bad"},
         {"type":"Not A Type","id":"x--1"},
         {"type":"identity","spec_version":"2.1","id":"identity--511b2d2d-f010-4473-83ec-1edf84858f4c",
          "created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","name":"Good too"}
        ]}
        """,
        StandardCharsets.UTF_8);
    CliRun r = CliRun.of("import", f.toString(), "-c", "c1", "--data", data.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out())
        .contains("4 read, 2 added, 0 unchanged, 2 rejected")
        .contains("rejected #1 identity--411b2d2d-f010-4473-83ec-1edf84858f4c: modified")
        .contains("rejected #2 x--1");
    Path out = tmp.resolve("out.json");
    CliRun.of("export", "-c", "c1", "--data", data.toString(), "-o", out.toString());
    assertThat(byVersion(out).keySet())
        .allMatch(k -> k.startsWith("identity--311b") || k.startsWith("identity--511b"))
        .hasSize(2);
  }

  @Test
  void import_directoryAndUnknownStore() throws IOException {
    Path dir = tmp.resolve("in");
    Files.createDirectories(dir.resolve("sub"));
    Files.copy(sample(), dir.resolve("sub").resolve("a.json"));
    Files.writeString(dir.resolve("notes.txt"), "not json", StandardCharsets.UTF_8);
    Path data = tmp.resolve("data");
    CliRun r = CliRun.of("import", dir.toString(), "-c", "c1", "--data", data.toString());
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains("35 added");
    CliRun bad = CliRun.of("import", dir.toString(), "-c", "c1", "--store", "mongo", "--data", "x");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--store must be sqlite or postgres");
  }

  @Test
  void importThenExport_onPostgres() throws Exception {
    String url =
        System.getenv()
            .getOrDefault(
                "DETENTE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    String schema = "cli_test_" + Long.toHexString(System.nanoTime());
    try {
      Path in = sample();
      String[] pg = {"--store", "postgres", "--jdbc-url", url, "--db-schema", schema};
      CliRun imp = CliRun.of(concat(new String[] {"import", in.toString(), "-c", "c1"}, pg));
      assertThat(imp.exitCode()).as(imp.out() + imp.err()).isZero();
      assertThat(imp.out()).contains("35 read, 35 added, 0 unchanged, 0 rejected");
      Path out = tmp.resolve("pg.json");
      CliRun exp = CliRun.of(concat(new String[] {"export", "-c", "c1", "-o", out.toString()}, pg));
      assertThat(exp.exitCode()).as(exp.err()).isZero();
      assertThat(byVersion(out)).isEqualTo(byVersion(in));
    } finally {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
          java.sql.Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void postgres_withoutUrlIsAClearError() {
    CliRun r = CliRun.of("export", "-c", "c1", "--store", "postgres", "--jdbc-url", "");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--store postgres needs --jdbc-url");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @Test
  void demo_threeNodesShareByAgreementAndTheRecordsAgree() {
    Path data = tmp.resolve("demo");
    CliRun first = CliRun.of("demo", "--data", data.toString());
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    String out = first.out();
    assertThat(out)
        .contains("35 read, 35 added, 0 unchanged, 0 rejected")
        .contains("Who mentions 203.0.113.45?")
        .contains("B <- a: pulled 30 new, 0 unchanged, 0 refused")
        .contains("C <- a: pulled 15 new, 0 unchanged, 0 refused")
        .contains("(TLP:RED) is not allowed: indicator 'Glass Harbor staging network'")
        .contains("B -> a: pulled 0 new, 0 unchanged, 0 refused; pushed 2, 0 refused")
        .contains("A received 2 sighting(s) from B in from-b:")
        .contains("HarborLight C2 server seen 2 time(s) (where: not disclosed)")
        .contains("HarborLight update domain seen 1 time(s)")
        .doesNotContain("BROKEN")
        .doesNotContain("difference(s)");
    // what C holds: nothing above GREEN
    String c = section(out, "C now holds indicators:", "5. ");
    assertThat(c).contains("TLP:GREEN").doesNotContain("AMBER").doesNotContain("RED");
    String b = section(out, "B now holds indicators:", "C <- a");
    assertThat(b).contains("TLP:AMBER: HarborLight C2 server").doesNotContain("TLP:RED");
    for (String node : List.of("A", "B", "C")) {
      assertThat(out).containsPattern(node + " verify: intact, [1-9][0-9]* entries");
    }
    for (String pair :
        List.of(
            "A reconciles with B",
            "B reconciles with A",
            "A reconciles with C",
            "C reconciles with A")) {
      assertThat(out)
          .containsPattern(
              pair
                  + "'s signed export \\(([0-9]+) entries\\): agree, \\1 of ours, \\1 of theirs"
                  + " \\(fetched from [ABC]'s node\\)");
    }
    // every sync round ended with an exchange of signed heads: both sides hold receipts
    for (String pair :
        List.of(
            "A holds 2 signed head\\(s\\) of B",
            "B holds 2 signed head\\(s\\) of A",
            "A holds 1 signed head\\(s\\) of C",
            "C holds 1 signed head\\(s\\) of A")) {
      assertThat(out).containsPattern(pair + " as receipts, the last for its entry [1-9]");
    }
    assertThat(out).contains("B <- a: pulled 30 new").contains("; their signed audit head (");
    assertThat(Files.exists(data.resolve("a").resolve("detente.db"))).isTrue();

    CliRun second = CliRun.of("demo", "--data", data.toString());
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.out())
        .contains("starting again: removed the previous demo nodes")
        .contains("35 read, 35 added")
        .contains("A received 2 sighting(s) from B");
  }

  @Test
  void demo_refusesADirectoryThatIsNoDemoNode() throws Exception {
    Path data = tmp.resolve("demo");
    Files.createDirectories(data.resolve("b"));
    Files.writeString(data.resolve("b").resolve("precious.txt"), "keep me");
    CliRun r = CliRun.of("demo", "--data", data.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not a demo node");
    assertThat(data.resolve("b").resolve("precious.txt")).exists();
  }

  private static String section(String text, String from, String to) {
    int i = text.indexOf(from);
    assertThat(i).as("'" + from + "' in the output").isNotNegative();
    int j = text.indexOf(to, i);
    return text.substring(i, j < 0 ? text.length() : j);
  }
}
