package org.detente.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.detente.node.identity.NodeKeys;
import org.detente.node.policy.Partners;
import org.detente.node.store.CollectionInfo;
import org.detente.node.store.ObjectFilter;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredObject;
import org.detente.node.store.StoredPartner;
import org.detente.node.store.Stores;
import org.detente.node.store.VersionMatch;
import org.detente.node.taxii.Collection;
import org.detente.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a partner's account sees of the collections: those of its rights that its agreement offers,
 * and those it may write to, whatever else its rights name (TaxiiService, "Visibility").
 */
class PartnerVisibilityTest {
  private static final String ROOT = "api";
  private static final String OBJECT = "indicator--00000000-0000-4000-8000-000000000001";

  @TempDir Path dir;
  Store store;
  TaxiiService taxii;

  /** Rights to read intel (offered) and secret (not offered), to write inbox (not offered). */
  final Account partnerAccount =
      new Account("b-reader", Set.of("intel", "secret"), Set.of("inbox"));

  final Account agreementless = new Account("c-reader", Set.of("intel", "secret"), Set.of("inbox"));

  @BeforeEach
  void setUp() throws Exception {
    store = Stores.open(new StoreConfig.Sqlite(dir));
    for (String c : List.of("intel", "secret", "inbox")) {
      store.putCollection(CollectionInfo.of(c, "Title of " + c));
      store.add(c, List.of(indicator()));
    }
    Partners partners = new Partners(store.partners());
    partners.add(
        partner(
            "b",
            "bb",
            "b-reader",
            Optional.of(
                "agreement_version = 1\ncollections = [\"intel\"]\nmax_tlp = \"amber\"\n")));
    partners.add(partner("c", "cc", "c-reader", Optional.empty()));
    taxii =
        new TaxiiService(
            store, TaxiiService.Settings.defaults(), ObjectRules.standard(), Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static StoredPartner partner(
      String name, String suffix, String account, Optional<String> agreement) throws Exception {
    String key =
        NodeKeys.publicKeyPem(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    return new StoredPartner(
        name,
        "identity--00000000-0000-4000-8000-0000000000" + suffix,
        key,
        "https://" + name + ".example.org/taxii2/",
        Optional.of(account),
        agreement,
        Optional.empty(),
        Optional.empty());
  }

  private static StixObject indicator() {
    return StixObject.parse(
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + OBJECT
            + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
            + "\"pattern\":\"[ipv4-addr:value = '203.0.113.1']\",\"pattern_type\":\"stix\","
            + "\"valid_from\":\"2024-01-01T00:00:00Z\",\"object_marking_refs\":"
            + "[\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\"]}");
  }

  private static ObjectQuery all() {
    return new ObjectQuery(
        new ObjectFilter(List.of(), List.of(), VersionMatch.ALL, List.of(), Optional.empty()),
        OptionalInt.empty(),
        Optional.empty());
  }

  private List<String> listed(Account account) {
    return taxii.collections(account, ROOT).collections().stream()
        .map(c -> c.id() + " read=" + c.canRead() + " write=" + c.canWrite())
        .sorted()
        .toList();
  }

  @Test
  void partner_listsOfferedAndWritableOnly_withReadOnlyWhereOffered() {
    assertThat(listed(partnerAccount))
        .containsExactly("inbox read=false write=true", "intel read=true write=false");
    Collection inbox = taxii.collection(partnerAccount, ROOT, "inbox");
    assertThat(inbox.canRead()).isFalse();
    assertThat(inbox.canWrite()).isTrue();
  }

  @Test
  void partner_collectionOutsideAgreement_isNotFoundOnEveryEndpoint_likeOneThatDoesNotExist() {
    assertThatThrownBy(() -> taxii.collection(partnerAccount, ROOT, "nothing-here"))
        .isInstanceOf(RequestException.NotFound.class)
        .hasMessageContaining("nothing-here");
    assertThatThrownBy(() -> taxii.collection(partnerAccount, ROOT, "secret"))
        .isInstanceOf(RequestException.NotFound.class)
        .hasMessageNotContaining("Title of secret");
    assertThatThrownBy(() -> taxii.objects(partnerAccount, ROOT, "secret", all()))
        .isInstanceOf(RequestException.NotFound.class);
    assertThatThrownBy(() -> taxii.object(partnerAccount, ROOT, "secret", OBJECT, all()))
        .isInstanceOf(RequestException.NotFound.class);
    assertThatThrownBy(() -> taxii.manifest(partnerAccount, ROOT, "secret", all()))
        .isInstanceOf(RequestException.NotFound.class);
    assertThatThrownBy(() -> taxii.versions(partnerAccount, ROOT, "secret", OBJECT, all()))
        .isInstanceOf(RequestException.NotFound.class);
  }

  @Test
  void partner_writableCollectionOutsideAgreement_isForbiddenToRead() {
    assertThatThrownBy(() -> taxii.objects(partnerAccount, ROOT, "inbox", all()))
        .isInstanceOf(RequestException.Forbidden.class)
        .hasMessageContaining("may not read collection 'inbox'");
    assertThatThrownBy(() -> taxii.manifest(partnerAccount, ROOT, "inbox", all()))
        .isInstanceOf(RequestException.Forbidden.class);
  }

  @Test
  void partner_offeredCollection_readsThroughTheAgreement() {
    assertThat(taxii.objects(partnerAccount, ROOT, "intel", all()).body().objects())
        .extracting(StoredObject::id)
        .containsExactly(OBJECT);
  }

  @Test
  void partnerWithoutAgreement_seesOnlyWhatItMayWrite() {
    assertThat(listed(agreementless)).containsExactly("inbox read=false write=true");
    assertThatThrownBy(() -> taxii.objects(agreementless, ROOT, "intel", all()))
        .isInstanceOf(RequestException.NotFound.class);
  }

  @Test
  void ownAccount_withTheSameRights_seesWhatItsRightsName() {
    Account analyst = new Account("analyst", Set.of("intel", "secret"), Set.of("inbox"));
    assertThat(listed(analyst))
        .containsExactly(
            "inbox read=false write=true",
            "intel read=true write=false",
            "secret read=true write=false");
    assertThat(taxii.objects(analyst, ROOT, "secret", all()).body().objects()).hasSize(1);
  }
}
