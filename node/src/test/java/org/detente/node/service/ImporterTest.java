package org.detente.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.detente.node.audit.AuditLog;
import org.detente.node.store.AuditEntry;
import org.detente.node.store.AuditRecord;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.PageRequest;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.Stores;
import org.detente.node.store.UnknownCollectionException;
import org.detente.node.store.VersionMatch;
import org.detente.stix.StixJson;
import org.detente.stix.StixObject;
import org.detente.stix.StixReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path tmp;
  Store store;
  Importer importer;

  @BeforeEach
  void open() {
    store = Stores.open(StoreConfig.sqlite(tmp));
    store.putCollection(CollectionInfo.of("c", "c"));
    importer = new Importer(store, ObjectRules.standard(), StixReader.withDefaultLimits());
  }

  @AfterEach
  void close() {
    store.close();
  }

  static String identity(int i, String modified) {
    return String.format(
        "{\"type\":\"identity\",\"spec_version\":\"2.1\","
            + "\"id\":\"identity--%08x-f010-4473-83ec-1edf84858f4c\","
            + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"%s\",\"name\":\"n%d\"}",
        i, modified, i);
  }

  private ImportReport run(String json) {
    return importer.run(
        "c", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), read -> {});
  }

  private List<String> storedIds() {
    List<String> ids = new ArrayList<>();
    store
        .objects("c", ObjectFilter.all().withVersions(VersionMatch.ALL), PageRequest.first(10_000))
        .items()
        .forEach(o -> ids.add(o.id() + "@" + o.version().orElse("")));
    return ids;
  }

  @Test
  void run_invalidObjectsInsideABundleAreRejectedAlone() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 5_000; i++) {
      if (i > 0) {
        sb.append(',');
      }
      // positions 10 and 2500: modified before created
      sb.append(
          identity(
              i, i == 10 || i == 2_500 ? "2019-01-01T00:00:00.000Z" : "2020-01-01T00:00:00.000Z"));
    }
    sb.append(']');
    ImportReport r = run(sb.toString());
    assertThat(r.read()).isEqualTo(5_000);
    assertThat(r.added()).isEqualTo(4_998);
    assertThat(r.rejected()).isEqualTo(2);
    assertThat(r.rejections())
        .extracting(ImportReport.Rejection::index)
        .containsExactly(10L, 2_500L);
    assertThat(r.rejections().get(0).reason()).contains("modified");
    assertThat(storedIds()).hasSize(4_998).noneMatch(id -> id.startsWith("identity--0000000a-"));
  }

  @Test
  void run_secondImportIsUnchangedAndNewVersionsAreAdded() {
    run("[" + identity(1, "2020-01-01T00:00:00.000Z") + "]");
    ImportReport r =
        run(
            "["
                + identity(1, "2020-01-01T00:00:00.000Z")
                + ","
                + identity(1, "2021-01-01T00:00:00.000Z")
                + "]");
    assertThat(r.unchanged()).isEqualTo(1);
    assertThat(r.added()).isEqualTo(1);
    assertThat(storedIds()).hasSize(2);
    // every object stored or found unchanged entered from "import", with its content hash
    List<AuditEntry> entries = new ArrayList<>();
    store.audit().scan(0, entries::add);
    assertThat(entries)
        .extracting(e -> e.direction() + " " + e.party() + " " + e.objectVersion().orElse(""))
        .containsExactly(
            "in import 2020-01-01T00:00:00.000Z",
            "in import 2020-01-01T00:00:00.000Z",
            "in import 2021-01-01T00:00:00.000Z");
    assertThat(entries.get(2).sha256())
        .isEqualTo(
            AuditRecord.contentHash(StixObject.parse(identity(1, "2021-01-01T00:00:00.000Z"))));
    assertThat(new AuditLog(store, Clock.systemUTC()).verify().intact()).isTrue();
  }

  @Test
  void run_rejectedObjectsAreNotAudited() {
    run("[" + identity(1, "2020-01-01T00:00:00.000Z") + "]");
    String changed = identity(1, "2020-01-01T00:00:00.000Z").replace("\"n1\"", "\"other\"");
    run("[" + changed + "," + identity(2, "2019-01-01T00:00:00.000Z") + "]");
    assertThat(store.audit().head().sequence()).isEqualTo(1);
  }

  @Test
  void run_conflictingContentForAStoredVersionIsRejected() {
    run("[" + identity(1, "2020-01-01T00:00:00.000Z") + "]");
    String changed = identity(1, "2020-01-01T00:00:00.000Z").replace("\"n1\"", "\"other\"");
    ImportReport r = run("[" + changed + "]");
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(r.added()).isZero();
    String stored =
        store.objects("c", ObjectFilter.all(), PageRequest.first(10)).items().get(0).json();
    assertThat(stored).contains("\"n1\"");
  }

  @Test
  void run_malformedJsonKeepsWhatCameBeforeAndSaysIncomplete() {
    ImportReport r =
        run("[" + identity(1, "2020-01-01T00:00:00.000Z") + ", {\"type\": \"identity\", nope");
    assertThat(r.complete()).isFalse();
    assertThat(r.added()).isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(r.rejections().get(0).reason()).contains("malformed JSON");
  }

  @Test
  void run_unknownCollectionIsRefusedBeforeReading() {
    assertThatThrownBy(
            () ->
                importer.run(
                    "nope", new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), null))
        .isInstanceOf(UnknownCollectionException.class);
  }

  @Test
  void exporter_writesOneBundleOfEveryVersion() throws IOException {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 2_500; i++) {
      sb.append(i > 0 ? "," : "").append(identity(i, "2020-01-01T00:00:00.000Z"));
      sb.append(',').append(identity(i, "2020-06-01T00:00:00.000Z"));
    }
    run(sb.append(']').toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n =
        new Exporter(store, Clock.systemUTC())
            .run("c", ObjectFilter.all().withVersions(VersionMatch.ALL), out);
    assertThat(n).isEqualTo(5_000);
    List<AuditEntry> exported = new ArrayList<>();
    store.audit().scanParty(Exporter.AUDIT_PARTY, exported::add);
    assertThat(exported).hasSize(5_000).allMatch(e -> e.direction().equals("out"));
    var bundle = StixJson.mapper().readTree(out.toByteArray());
    assertThat(bundle.get("type").asText()).isEqualTo("bundle");
    assertThat(bundle.get("id").asText()).startsWith("bundle--");
    assertThat(bundle.get("objects").size()).isEqualTo(5_000);
    assertThat(bundle.get("objects").get(0))
        .isEqualTo(StixJson.mapper().readTree(identity(0, "2020-01-01T00:00:00.000Z")));
  }
}
