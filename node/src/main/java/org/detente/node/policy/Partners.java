package org.detente.node.policy;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.detente.node.identity.CredentialSeal;
import org.detente.node.identity.NodeKeys;
import org.detente.node.store.PartnerStore;
import org.detente.node.store.StoredPartner;
import org.detente.stix.Identifiers;

/**
 * The partners registry: registering, listing and removing partners, and the {@link Recipient} that
 * the egress decision needs for a partner or for the local TAXII account a partner reads with.
 *
 * <p>Every lookup reads the registry (one SQL statement), so a partner added, removed or given a
 * new agreement by another process (the command line) is applied from the next request on.
 * Agreements are parsed once per distinct text. An agreement stored with an error (the database
 * edited by hand) releases nothing: the partner is treated as having no agreement, and the error is
 * logged.
 */
public final class Partners {
  private static final System.Logger LOG = System.getLogger(Partners.class.getName());
  private static final int PARSED_MAX = 1_000;

  private final PartnerStore store;
  private final ConcurrentHashMap<String, Optional<SharingAgreement>> parsed =
      new ConcurrentHashMap<>();

  public Partners(PartnerStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Registers a partner after checking it: its identity id, its public key, its TAXII URL and its
   * agreement.
   *
   * @throws IllegalArgumentException naming what is wrong, or when a partner with this name,
   *     identity or account exists; nothing is written
   * @throws AgreementException when the agreement has an error
   */
  public void add(StoredPartner p) {
    Objects.requireNonNull(p, "partner");
    if (!Identifiers.isValid(p.identityId(), "identity")) {
      throw new IllegalArgumentException(
          "--identity must be an identity id (identity--UUID), got '" + p.identityId() + "'");
    }
    NodeKeys.readPublicKey(p.publicKey());
    URI url;
    try {
      url = URI.create(p.taxiiUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--taxii is not a URL: " + p.taxiiUrl(), e);
    }
    if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "--taxii must be an http(s) URL with a host, got '" + p.taxiiUrl() + "'");
    }
    p.agreement().ifPresent(SharingAgreement::parse);
    if (!store.addPartner(p)) {
      throw new IllegalArgumentException(
          "a partner with the name '"
              + p.name()
              + "', the identity "
              + p.identityId()
              + p.account().map(a -> " or the account '" + a + "'").orElse("")
              + " is already registered");
    }
  }

  /**
   * Gives a partner a new agreement, whose version must be above the current one's (an agreement is
   * a versioned document: each change is a new version). Applied from the next request on.
   *
   * @return the new agreement
   * @throws AgreementException when the text has an error
   * @throws IllegalArgumentException when there is no such partner, the version is not above the
   *     current one, or the agreement changed meanwhile; nothing is written
   */
  public SharingAgreement replaceAgreement(String name, String text) {
    SharingAgreement next = SharingAgreement.parse(text);
    StoredPartner p =
        store.partners().stream()
            .filter(x -> x.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no partner named '" + name + "'"));
    if (p.agreement().isPresent()) {
      long current;
      try {
        current = SharingAgreement.parse(p.agreement().get()).version();
      } catch (AgreementException e) {
        current = 0;
      }
      if (next.version() <= current) {
        throw new IllegalArgumentException(
            "the agreement of partner '"
                + name
                + "' is at version "
                + current
                + "; the new one must have a higher agreement_version, got "
                + next.version());
      }
    }
    if (!store.replaceAgreement(name, p.agreement(), text)) {
      throw new IllegalArgumentException(
          "the agreement of partner '" + name + "' changed meanwhile; nothing was written");
    }
    return next;
  }

  /**
   * Opens this node's credential for the TAXII server of partner {@code name} (for federation): the
   * password (with {@link StoredPartner#remoteUser()}) or API key. The caller clears the array
   * after use and never logs it.
   *
   * @return empty when the partner has no credential
   * @throws IllegalArgumentException when there is no such partner, or the credential does not open
   *     with {@code seal}'s key
   */
  public Optional<char[]> remoteSecret(String name, CredentialSeal seal) {
    StoredPartner p =
        store.partners().stream()
            .filter(x -> x.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no partner named '" + name + "'"));
    return p.remoteSecret().map(s -> seal.open(name, s));
  }

  /** Every partner, by name. */
  public List<StoredPartner> list() {
    return store.partners();
  }

  /**
   * Removes a partner; reads by its account are then those of a local account, unfiltered: revoke
   * the account first ({@code detente partners remove} does).
   *
   * @return false when there was no such partner
   */
  public boolean remove(String name) {
    return store.removePartner(name);
  }

  /**
   * The registry entry of the partner that reads and writes with the local account {@code account},
   * if any: its identity and public key, for checking what it signs.
   */
  public Optional<StoredPartner> entryForAccount(String account) {
    return store.partners().stream()
        .filter(p -> p.account().filter(account::equals).isPresent())
        .findFirst();
  }

  /** The partner that reads with the local account {@code account}, if any. */
  public Optional<Recipient> forAccount(String account) {
    return find(p -> p.account().filter(account::equals).isPresent());
  }

  /** The partner named {@code name}, if any (for exports and pushes). */
  public Optional<Recipient> forPartner(String name) {
    return find(p -> p.name().equals(name));
  }

  private Optional<Recipient> find(java.util.function.Predicate<StoredPartner> which) {
    List<StoredPartner> all = store.partners();
    for (StoredPartner p : all) {
      if (which.test(p)) {
        Set<String> others = new HashSet<>();
        for (StoredPartner o : all) {
          if (!o.name().equals(p.name())) {
            others.add(o.identityId());
          }
        }
        return Optional.of(
            new Recipient(
                p.name(), p.identityId(), p.agreement().flatMap(this::agreement), others));
      }
    }
    return Optional.empty();
  }

  private Optional<SharingAgreement> agreement(String text) {
    Optional<SharingAgreement> a = parsed.get(text);
    if (a != null) {
      return a;
    }
    try {
      a = Optional.of(SharingAgreement.parse(text));
    } catch (AgreementException e) {
      LOG.log(Level.ERROR, "a stored sharing agreement is refused; nothing is released: {0}", e);
      a = Optional.empty();
    }
    if (parsed.size() >= PARSED_MAX) {
      parsed.clear();
    }
    parsed.put(text, a);
    return a;
  }
}
