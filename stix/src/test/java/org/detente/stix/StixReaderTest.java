package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StixReaderTest {
  private static final String IND =
      "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
          + "\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
          + "\"created\":\"2016-04-06T20:03:48.000Z\",\"modified\":\"2016-04-06T20:03:48.000Z\","
          + "\"pattern\":\"[ipv4-addr:value = '198.51.100.1']\",\"pattern_type\":\"stix\","
          + "\"valid_from\":\"2016-01-01T00:00:00Z\"}";

  private static List<StixReader.Item> read(StixReader r, String json) throws IOException {
    List<StixReader.Item> items = new ArrayList<>();
    r.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), items::add);
    return items;
  }

  private static List<StixReader.Item> read(String json) throws IOException {
    return read(StixReader.withDefaultLimits(), json);
  }

  private static StixError error(StixReader.Item i) {
    assertThat(i).isInstanceOf(StixReader.Rejected.class);
    return ((StixReader.Rejected) i).error();
  }

  @Test
  void read_singleObject() throws IOException {
    List<StixReader.Item> items = read(IND);
    assertThat(items).hasSize(1);
    StixObject o = ((StixReader.Parsed) items.get(0)).object();
    assertThat(o.type()).isEqualTo("indicator");
    assertThat(o.toJson()).isEqualTo(IND);
  }

  @Test
  void read_bundleStreamsObjectsInOrder() throws IOException {
    String bundle =
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\","
            + "\"objects\":["
            + IND
            + ","
            + IND.replace("8e2e2d2b", "9e2e2d2b")
            + "]}";
    List<StixReader.Item> items = new ArrayList<>();
    StixReader.Summary s =
        StixReader.withDefaultLimits()
            .read(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), items::add);
    assertThat(items).hasSize(2).allMatch(i -> i instanceof StixReader.Parsed);
    assertThat(((StixReader.Parsed) items.get(1)).object().id()).startsWith("indicator--9e2e");
    assertThat(s.bundleId()).isEqualTo("bundle--5d0092c5-5f74-4287-9642-33f4c354e56d");
    assertThat(s.complete()).isTrue();
    assertThat(s.elements()).isEqualTo(2);
  }

  @Test
  void read_bundleWithObjectsBeforeType() throws IOException {
    String bundle =
        "{\"objects\":["
            + IND
            + "],\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"type\":\"bundle\"}";
    assertThat(read(bundle)).singleElement().isInstanceOf(StixReader.Parsed.class);
  }

  @Test
  void read_bundleWithBadIdIsReported() throws IOException {
    String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--nope\",\"objects\":[" + IND + "]}";
    List<StixReader.Item> items = read(bundle);
    assertThat(items).hasSize(2);
    assertThat(error(items.get(1)).rule()).isEqualTo("identifier");
  }

  @Test
  void read_jsonArray() throws IOException {
    assertThat(read("[" + IND + "," + IND + "]")).hasSize(2);
  }

  @Test
  void read_preservesExactNumbersAndCustomProperties() throws IOException {
    String json =
        IND.replace(
            "}",
            ",\"x_acme_score\":0.1000000000000000055511151231257827,"
                + "\"x_big\":123456789012345678901234567890,"
                + "\"extensions\":{\"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e\":"
                + "{\"extension_type\":\"property-extension\",\"rank\":5,\"list\":[1.50,true,null]}}}");
    StixObject o = ((StixReader.Parsed) read(json).get(0)).object();
    JsonNode reparsed = StixJson.mapper().readTree(o.toJson());
    assertThat(reparsed).isEqualTo(StixJson.mapper().readTree(json));
    assertThat(o.toJson()).contains("0.1000000000000000055511151231257827");
    assertThat(o.toJson()).contains("123456789012345678901234567890");
    assertThat(o.toJson()).contains("1.50");
  }

  @Test
  void read_oversizedObjectIsRejectedAndReadingGoesOn() throws IOException {
    StixReader r = StixReader.withLimits(new StixReader.Limits(1024, 64));
    String big =
        "{\"type\":\"note\",\"id\":\"note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\",\"content\":\""
            + "a".repeat(5000)
            + "\",\"nested\":{\"a\":[1,2,{\"b\":3}]}}";
    List<StixReader.Item> items = read(r, "[" + IND + "," + big + "," + IND + "]");
    assertThat(items).hasSize(3);
    assertThat(items.get(0)).isInstanceOf(StixReader.Parsed.class);
    StixError e = error(items.get(1));
    assertThat(e.rule()).isEqualTo("max-size");
    assertThat(e.objectId()).isEqualTo("note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061");
    assertThat(e.message()).contains("1024");
    assertThat(items.get(2)).isInstanceOf(StixReader.Parsed.class);
  }

  @Test
  void read_tooDeepIsRejectedAndReadingGoesOn() throws IOException {
    StixReader r = StixReader.withLimits(new StixReader.Limits(1 << 20, 8));
    String deep =
        "{\"type\":\"x-deep\",\"id\":\"x-deep--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\",\"v\":"
            + "[".repeat(20)
            + "1"
            + "]".repeat(20)
            + ",\"after\":{\"k\":1}}";
    List<StixReader.Item> items = read(r, "[" + deep + "," + IND + "]");
    assertThat(items).hasSize(2);
    assertThat(error(items.get(0)).rule()).isEqualTo("max-depth");
    assertThat(items.get(1)).isInstanceOf(StixReader.Parsed.class);
  }

  @Test
  void read_depthExactlyAtLimitIsAccepted() throws IOException {
    StixReader r = StixReader.withLimits(new StixReader.Limits(1 << 20, 4));
    // object (1) -> a (2) -> [ (3) -> { (4)
    String ok =
        "{\"type\":\"x-a\",\"id\":\"x-a--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\",\"a\":{\"b\":[{}]}}";
    assertThat(read(r, ok)).singleElement().isInstanceOf(StixReader.Parsed.class);
    String tooDeep =
        "{\"type\":\"x-a\",\"id\":\"x-a--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\",\"a\":{\"b\":[{\"c\":[]}]}}";
    assertThat(error(read(r, tooDeep).get(0)).rule()).isEqualTo("max-depth");
  }

  @Test
  void read_duplicatePropertyRejectsThatObjectOnly() throws IOException {
    String dup =
        "{\"type\":\"note\",\"id\":\"note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\",\"x\":{\"a\":1,\"a\":2}}";
    List<StixReader.Item> items = read("[" + dup + "," + IND + "]");
    StixError e = error(items.get(0));
    assertThat(e.rule()).isEqualTo("duplicate-property");
    assertThat(e.property()).isEqualTo("a");
    assertThat(items.get(1)).isInstanceOf(StixReader.Parsed.class);
  }

  @Test
  void read_malformedJsonStopsWithLocation() throws IOException {
    List<StixReader.Item> items = new ArrayList<>();
    StixReader.Summary s =
        StixReader.withDefaultLimits()
            .read(
                new ByteArrayInputStream(
                    ("[" + IND + ",\n{\"type\": \"note\", oops}]")
                        .getBytes(StandardCharsets.UTF_8)),
                items::add);
    assertThat(items).hasSize(2);
    StixError e = error(items.get(1));
    assertThat(e.rule()).isEqualTo("malformed-json");
    assertThat(e.message()).contains("line 2");
    assertThat(s.complete()).isFalse();
  }

  @Test
  void read_nonObjectElementsAndMissingTypeOrId() throws IOException {
    List<StixReader.Item> items =
        read(
            "[1, \"s\", [], {\"id\":\"note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\"}, {\"type\":5}]");
    assertThat(items).hasSize(5);
    assertThat(error(items.get(0)).rule()).isEqualTo("json-type");
    assertThat(error(items.get(2)).message()).contains("an array");
    assertThat(error(items.get(3)).property()).isEqualTo("type");
    assertThat(error(items.get(3)).objectId()).startsWith("note--");
    assertThat(error(items.get(4)).rule()).isEqualTo("type");
  }

  @Test
  void read_topLevelScalarAndEmptyInputAndTrailingGarbage() throws IOException {
    assertThat(error(read("42").get(0)).rule()).isEqualTo("json-type");
    assertThat(error(read("").get(0)).message()).contains("empty");
    List<StixReader.Item> items = read(IND + " {}");
    assertThat(items.get(0)).isInstanceOf(StixReader.Parsed.class);
    assertThat(error(items.get(1)).rule()).isEqualTo("malformed-json");
  }

  @Test
  void read_largeBundleNeedsMemoryForOneObjectOnly() throws IOException {
    // 200,000 objects streamed from a generated input, never held as one string or tree.
    int n = 200_000;
    byte[] head =
        "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
            .getBytes(StandardCharsets.UTF_8);
    byte[] one = IND.getBytes(StandardCharsets.UTF_8);
    byte[] comma = ",".getBytes(StandardCharsets.UTF_8);
    List<InputStream> parts = new ArrayList<>();
    parts.add(new ByteArrayInputStream(head));
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        parts.add(new ByteArrayInputStream(comma));
      }
      parts.add(new ByteArrayInputStream(one));
    }
    parts.add(new ByteArrayInputStream("]}".getBytes(StandardCharsets.UTF_8)));
    long[] count = new long[1];
    StixReader.Summary s =
        StixReader.withDefaultLimits()
            .read(
                new SequenceInputStream(Collections.enumeration(parts)),
                i -> {
                  if (i instanceof StixReader.Parsed) {
                    count[0]++;
                  }
                });
    assertThat(count[0]).isEqualTo(n);
    assertThat(s.rejected()).isZero();
  }

  @Test
  void read_fuzzedInputNeverThrows() throws IOException {
    Random rnd = new Random(42);
    String base = "[" + IND + ",{\"type\":\"x-a\",\"id\":\"x-a--1\",\"l\":[1,{\"m\":null}]}]";
    String alphabet = "{}[],:\"\\ 0123abc-.eE+truefalsnul";
    StixReader r = StixReader.withLimits(new StixReader.Limits(256, 5));
    for (int round = 0; round < 5_000; round++) {
      StringBuilder sb = new StringBuilder(base);
      int edits = 1 + rnd.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int pos = rnd.nextInt(sb.length() + 1);
        switch (rnd.nextInt(3)) {
          case 0 -> sb.insert(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
          case 1 -> {
            if (pos < sb.length()) {
              sb.deleteCharAt(pos);
            }
          }
          default -> {
            if (pos < sb.length()) {
              sb.setCharAt(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
          }
        }
      }
      List<StixReader.Item> items = read(r, sb.toString());
      assertThat(items).isNotNull();
      for (StixReader.Item i : items) {
        if (i instanceof StixReader.Parsed p) {
          assertThat(p.object().type()).isNotNull();
        }
      }
    }
  }
}
