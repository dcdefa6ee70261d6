package org.detente.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScoIdsTest {

  private static ObjectNode obj(String json) {
    try {
      return (ObjectNode) StixJson.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /**
   * SCO examples of the STIX 2.1 specification (section 6) with the identifiers printed there. Six
   * further examples print identifiers that no reading of the rules reproduces (email-addr
   * joe@example.com, the three email-message examples, file qwerty.dll with a parent directory and
   * file foo.zip with archive-ext); they are left out rather than copied from this code's output.
   */
  static Stream<Arguments> specExamples() {
    return Stream.of(
        Arguments.of(
            "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
            "{\"type\":\"ipv4-addr\",\"value\":\"198.51.100.3\"}"),
        Arguments.of(
            "domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7",
            "{\"type\":\"domain-name\",\"value\":\"example.com\",\"resolves_to_refs\":"
                + "[\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\"]}"),
        Arguments.of(
            "email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934",
            "{\"type\":\"email-addr\",\"value\":\"john@example.com\",\"display_name\":\"John Doe\"}"),
        Arguments.of(
            "email-addr--6deb37bd-12b7-54ae-805f-5f7146f3d171",
            "{\"type\":\"email-addr\",\"value\":\"jdoe@example.com\",\"display_name\":\"John Doe\"}"),
        Arguments.of(
            "email-addr--2aeeb98c-9db4-525e-874d-221fdfe9f76e",
            "{\"type\":\"email-addr\",\"value\":\"mary@example.com\"}"),
        Arguments.of(
            "email-addr--3734e66b-c4e8-5d0b-bca9-befdd5699746",
            "{\"type\":\"email-addr\",\"value\":\"bob@example.com\"}"),
        Arguments.of(
            "directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622",
            "{\"type\":\"directory\",\"path\":\"C:\\\\Windows\\\\System32\"}"),
        Arguments.of(
            "autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff",
            "{\"type\":\"autonomous-system\",\"number\":15139,\"name\":\"Slime Industries\","
                + "\"rir\":\"ARIN\"}"),
        Arguments.of(
            "file--949eb97a-da1e-5292-8959-03c4249dc9f3",
            "{\"type\":\"file\",\"hashes\":{\"SHA-256\":"
                + "\"fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db\"},"
                + "\"size\":25536,\"name\":\"foo.dll\"}"),
        Arguments.of(
            "file--7d1e3a18-89e7-5bc5-be36-9879f5b7f5c8",
            "{\"type\":\"file\",\"hashes\":{\"SHA-256\":"
                + "\"841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649\"},"
                + "\"name\":\"quêry.dll\",\"name_enc\":\"windows-1252\"}"),
        Arguments.of(
            "file--70221dbf-52fd-5377-9619-c0ce6b3ffc8c",
            "{\"type\":\"file\",\"hashes\":{\"SHA-256\":"
                + "\"ceafbfd424be2ca4a5f0402cae090dda2fb0526cf521b60b60077c0f622b285a\"}}"),
        Arguments.of(
            "file--c0e2b1c9-232d-5b64-8b74-b6aee5bb9c47",
            "{\"type\":\"file\",\"hashes\":{\"SHA-256\":"
                + "\"19c549ec2628b989382f6b280cbd7bb836a0b461332c0fe53511ce7d584b89d3\"}}"),
        Arguments.of(
            "file--5d0833b7-065e-571f-8bf2-657cb9569570",
            "{\"type\":\"file\",\"hashes\":{\"SHA-256\":"
                + "\"0969de02ecf8a5f003e3f6d063d848c8a193aada092623f8ce408c15bcb5f038\"}}"),
        Arguments.of(
            "file--ba04c974-3cef-5f42-adc7-084d467874e2",
            "{\"type\":\"file\",\"hashes\":{\"SHA-256\":"
                + "\"35a01331e9ad96f751278b891b6ea09699806faedfa237d40513d92ad1b7100f\"},"
                + "\"extensions\":{\"ntfs-ext\":{\"alternate_data_streams\":"
                + "[{\"name\":\"second.stream\",\"size\":25536}]}}}"),
        Arguments.of(
            "file--965aa96f-d90a-506a-8317-d38d44b235f9",
            "{\"type\":\"file\",\"name\":\"example.pdf\",\"extensions\":{\"pdf-ext\":"
                + "{\"version\":\"1.7\",\"document_info_dict\":{\"Title\":\"Sample document\","
                + "\"Author\":\"Adobe Systems Incorporated\","
                + "\"Creator\":\"Adobe FrameMaker 5.5.3 for Power Macintosh\","
                + "\"Producer\":\"Acrobat Distiller 3.01 for Power Macintosh\","
                + "\"CreationDate\":\"20070412090123-02\"},"
                + "\"pdfid0\":\"DFCE52BD827ECF765649852119D\",\"pdfid1\":\"57A1E0F9ED2AE523E313C\"}}}"),
        Arguments.of(
            "file--66772174-3442-5e0d-b577-4bd7be55fb87",
            "{\"type\":\"file\",\"name\":\"picture.jpg\",\"hashes\":{\"SHA-256\":"
                + "\"4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877\"},"
                + "\"extensions\":{\"raster-image-ext\":{\"exif_tags\":{\"Make\":\"Nikon\","
                + "\"Model\":\"D7000\",\"XResolution\":4928,\"YResolution\":3264}}}}"),
        Arguments.of(
            "file--cfebcece-2336-51b0-baf1-d94daae5e1d1",
            "{\"type\":\"file\",\"name\":\"tabby_pics.zip\",\"magic_number_hex\":\"504B0304\","
                + "\"hashes\":{\"SHA-256\":"
                + "\"fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db\"}}"),
        Arguments.of(
            "artifact--0682152c-646a-513b-bc07-e516494ed178",
            "{\"type\":\"artifact\",\"mime_type\":\"image/jpeg\","
                + "\"payload_bin\":\"VBORw0KGgoAAAANSUhEUgAAADI== ...\",\"hashes\":{\"SHA-256\":"
                + "\"effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766\"}}"),
        Arguments.of(
            "artifact--a785c567-cc53-52a1-abeb-026bb7ddf8ba",
            "{\"type\":\"artifact\",\"mime_type\":\"image/jpeg\","
                + "\"payload_bin\":\"VBORw0KGgoAAAANSUhEUgAAADI== ...\"}"),
        Arguments.of(
            "artifact--6be1fbcb-fd03-5ec3-b05f-4329746e9d2b",
            "{\"type\":\"artifact\",\"mime_type\":\"application/zip\","
                + "\"payload_bin\":\"ZX7HIBWPQA99NSUhEUgAAADI== ...\","
                + "\"encryption_algorithm\":\"mime-type-indicated\","
                + "\"decryption_key\":\"My voice is my passport\"}"),
        Arguments.of(
            "x509-certificate--bf86f034-2390-54d7-8426-d08433db3fbe",
            "{\"type\":\"x509-certificate\","
                + "\"serial_number\":\"36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06\"}"),
        Arguments.of(
            "x509-certificate--5adb038a-160d-5d1c-826e-bde4926a0d2d",
            "{\"type\":\"x509-certificate\","
                + "\"serial_number\":\"02:08:87:83:f2:13:58:1f:79:52:1e:66:90:0a:02:24:c9:6b:c7:dc\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specExamples")
  void deterministicId_specExample_matchesPrintedId(String expected, String json) {
    assertThat(ScoIds.deterministicId(obj(json))).contains(expected);
  }

  @Test
  void uuidV5_pythonDocumentationExample() {
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    UUID u = ScoIds.uuidV5(dns, "python.org".getBytes(StandardCharsets.UTF_8));

    assertThat(u).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    assertThat(u.version()).isEqualTo(5);
    assertThat(u.variant()).isEqualTo(2);
  }

  @Test
  void deterministicId_twoSourcesDifferentPropertyOrder_sameId() {
    ObjectNode a =
        obj(
            "{\"type\":\"file\",\"id\":\"file--11111111-1111-4111-8111-111111111111\","
                + "\"name\":\"a.exe\",\"size\":10,\"hashes\":{\"SHA-256\":\"aa\",\"MD5\":\"bb\"},"
                + "\"extensions\":{\"ntfs-ext\":{\"sid\":\"S-1\",\"alternate_data_streams\":"
                + "[{\"size\":1,\"name\":\"s\"}]}}}");
    ObjectNode b =
        obj(
            "{\"extensions\":{\"ntfs-ext\":{\"alternate_data_streams\":[{\"name\":\"s\",\"size\":1.0}],"
                + "\"sid\":\"S-1\"}},\"hashes\":{\"MD5\":\"bb\",\"SHA-256\":\"aa\"},\"type\":\"file\","
                + "\"name\":\"a.exe\",\"mime_type\":\"application/x-dosexec\"}");

    assertThat(ScoIds.deterministicId(a)).isPresent().isEqualTo(ScoIds.deterministicId(b));
  }

  @Test
  void deterministicId_hashes_md5PreferredWhicheverOtherHashesArePresent() {
    String md5Only = "{\"type\":\"file\",\"hashes\":{\"MD5\":\"m\"}}";
    String md5AndMore =
        "{\"type\":\"file\",\"hashes\":{\"SHA-512\":\"x\",\"SHA-256\":\"y\",\"MD5\":\"m\","
            + "\"SHA-1\":\"z\"}}";
    String sha256Only = "{\"type\":\"file\",\"hashes\":{\"SHA-256\":\"y\"}}";

    assertThat(ScoIds.deterministicId(obj(md5AndMore)))
        .isEqualTo(ScoIds.deterministicId(obj(md5Only)))
        .isNotEqualTo(ScoIds.deterministicId(obj(sha256Only)));
  }

  @Test
  void deterministicId_hashes_preferenceOrderFollowedDownTheList() {
    String sha1AndSha256 =
        "{\"type\":\"x509-certificate\",\"hashes\":{\"SHA-256\":\"y\",\"SHA-1\":\"z\"}}";
    String sha1 = "{\"type\":\"x509-certificate\",\"hashes\":{\"SHA-1\":\"z\"}}";
    String sha512AndLower =
        "{\"type\":\"artifact\",\"hashes\":{\"sha256\":\"q\",\"SHA-512\":\"w\"}}";
    String sha512 = "{\"type\":\"artifact\",\"hashes\":{\"SHA-512\":\"w\"}}";

    assertThat(ScoIds.deterministicId(obj(sha1AndSha256)))
        .isEqualTo(ScoIds.deterministicId(obj(sha1)));
    assertThat(ScoIds.deterministicId(obj(sha512AndLower)))
        .isEqualTo(ScoIds.deterministicId(obj(sha512)));
  }

  @Test
  void deterministicId_hashes_noPreferredAlgorithm_firstKeyInCodeUnitOrderWhateverTheInputOrder() {
    String tlshFirst = "{\"type\":\"file\",\"hashes\":{\"TLSH\":\"t\",\"SSDEEP\":\"s\"}}";
    String ssdeepFirst = "{\"type\":\"file\",\"hashes\":{\"SSDEEP\":\"s\",\"TLSH\":\"t\"}}";
    String ssdeepOnly = "{\"type\":\"file\",\"hashes\":{\"SSDEEP\":\"s\"}}";

    assertThat(ScoIds.deterministicId(obj(tlshFirst)))
        .isEqualTo(ScoIds.deterministicId(obj(ssdeepFirst)))
        .isEqualTo(ScoIds.deterministicId(obj(ssdeepOnly)));
  }

  @Test
  void deterministicId_nonContributingPropertiesIgnored() {
    String base = "{\"type\":\"ipv4-addr\",\"value\":\"203.0.113.9\"}";
    String more =
        "{\"type\":\"ipv4-addr\",\"value\":\"203.0.113.9\",\"spec_version\":\"2.1\","
            + "\"defanged\":true,\"object_marking_refs\":"
            + "[\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\"],\"x_custom\":1}";

    assertThat(ScoIds.deterministicId(obj(more))).isEqualTo(ScoIds.deterministicId(obj(base)));
  }

  @Test
  void deterministicId_numbersCompareAsDoubles() {
    String integer = "{\"type\":\"network-traffic\",\"dst_port\":443,\"protocols\":[\"tcp\"]}";
    String decimal = "{\"type\":\"network-traffic\",\"dst_port\":443.0,\"protocols\":[\"tcp\"]}";

    assertThat(ScoIds.deterministicId(obj(decimal)))
        .isPresent()
        .isEqualTo(ScoIds.deterministicId(obj(integer)));
  }

  @Test
  void deterministicId_noContributingPropertyPresent_empty() {
    assertThat(ScoIds.deterministicId(obj("{\"type\":\"file\",\"size\":3}"))).isEmpty();
    assertThat(ScoIds.deterministicId(obj("{\"type\":\"file\",\"name\":null}"))).isEmpty();
    assertThat(ScoIds.deterministicId(obj("{\"type\":\"process\",\"pid\":4,\"name\":\"x\"}")))
        .isEmpty();
    assertThat(ScoIds.deterministicId(obj("{\"type\":\"x-custom-sco\",\"value\":\"v\"}")))
        .isEmpty();
    assertThat(ScoIds.deterministicId(obj("{\"type\":\"indicator\",\"name\":\"n\"}"))).isEmpty();
  }

  @Test
  void deterministicId_noObjectOrNoType_rejected() {
    assertThatThrownBy(() -> ScoIds.deterministicId(StixJson.mapper().createArrayNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("an array");
    assertThatThrownBy(() -> ScoIds.deterministicId(obj("{\"type\":7,\"value\":\"v\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a number");
  }

  @Test
  void idContributingProperties_everyStixScoTypeCovered() {
    for (String type : StixKind.SCO_TYPES) {
      assertThat(ScoIds.hasIdContributingProperties(type))
          .as(type)
          .isEqualTo(!type.equals("process"));
    }
    assertThat(ScoIds.idContributingProperties("file"))
        .containsExactly("hashes", "name", "extensions", "parent_directory_ref");
    assertThat(ScoIds.idContributingProperties("network-traffic"))
        .containsExactly(
            "start",
            "end",
            "src_ref",
            "dst_ref",
            "src_port",
            "dst_port",
            "protocols",
            "extensions");
    assertThat(ScoIds.hasIdContributingProperties("indicator")).isFalse();
  }

  @Test
  void withDeterministicId_setsIdFirstAndLeavesInputUnchanged() {
    ObjectNode in =
        obj("{\"value\":\"198.51.100.3\",\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--old\"}");
    String before = in.toString();

    ObjectNode out = ScoIds.withDeterministicId(in);

    assertThat(out.toString())
        .isEqualTo(
            "{\"type\":\"ipv4-addr\",\"id\":\"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4\","
                + "\"value\":\"198.51.100.3\"}");
    assertThat(in.toString()).isEqualTo(before);
  }

  @Test
  void withDeterministicId_noContributingProperty_randomUuidV4() {
    ObjectNode out = ScoIds.withDeterministicId(obj("{\"type\":\"process\",\"pid\":1}"));
    ObjectNode again = ScoIds.withDeterministicId(obj("{\"type\":\"process\",\"pid\":1}"));

    String id = out.get("id").textValue();
    assertThat(id).startsWith("process--");
    assertThat(UUID.fromString(id.substring("process--".length())).version()).isEqualTo(4);
    assertThat(again.get("id").textValue()).isNotEqualTo(id);
  }

  @Test
  void deterministicId_sameIdAsStixObjectParsedFromText() {
    StixObject parsed =
        StixObject.parse(
            "{\"type\":\"url\",\"id\":\"url--00000000-0000-4000-8000-000000000000\","
                + "\"value\":\"https://example.com/\u00e9\"}");
    JsonNode viaTree = parsed.json();

    assertThat(ScoIds.deterministicId(viaTree))
        .isEqualTo(
            ScoIds.deterministicId(obj("{\"type\":\"url\",\"value\":\"https://example.com/é\"}")));
  }
}
