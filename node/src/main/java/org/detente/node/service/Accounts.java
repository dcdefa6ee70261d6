package org.detente.node.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.detente.node.store.AccountStore;
import org.detente.node.store.StoredAccount;

/**
 * The accounts of the TAXII server: creating, listing and revoking them, issuing API keys, and
 * authenticating requests.
 *
 * <p>Secrets. Passwords are stored as PBKDF2-HMAC-SHA256 hashes with a per-account salt, API keys
 * as SHA-256 hashes ({@link PasswordHash}); neither is ever logged or printed after creation.
 *
 * <p>Verification cache. PBKDF2 at 600,000 iterations costs a few hundred milliseconds, far too
 * much per request. A successful password check is therefore remembered in memory, keyed by the
 * SHA-256 of the account name and password together, for {@link #CACHE_TTL}, and only while the
 * account's stored hash is the one that was checked. Every request still reads the account (one
 * indexed SQL statement), so a revoked account, or one whose password or rights changed, is refused
 * or re-checked at its next request, even when the change was made by another process (the command
 * line). {@link #revoke} also drops the account's cache entries at once. Failed checks are never
 * cached. The cache holds at most {@link #CACHE_MAX} entries and is emptied when full.
 *
 * <p>Account names are not secret: an unknown name is refused without hashing, so a requester can
 * tell a missing account from a wrong password by timing. The request rate of each account is
 * checked before its password, so password guessing against one account runs at that rate.
 */
public final class Accounts {
  /** How long a successful password check is remembered. */
  public static final Duration CACHE_TTL = Duration.ofMinutes(5);

  /** The PBKDF2 iteration count of new passwords unless a server says otherwise. */
  public static final int DEFAULT_ITERATIONS = PasswordHash.DEFAULT_ITERATIONS;

  /** The most remembered password checks. */
  public static final int CACHE_MAX = 10_000;

  private final AccountStore store;
  private final int iterations;
  private final RequestRate rate;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(String account, String storedHash, long until) {}

  private Accounts(AccountStore store, int iterations, RequestRate rate, LongSupplier nanos) {
    this.store = Objects.requireNonNull(store, "store");
    this.iterations = iterations;
    this.rate = rate;
    this.nanos = nanos;
  }

  /**
   * Accounts with the default PBKDF2 iteration count and no request rate limit (for the command
   * line).
   */
  public static Accounts of(AccountStore store) {
    return new Accounts(store, PasswordHash.DEFAULT_ITERATIONS, null, System::nanoTime);
  }

  /**
   * Accounts for a server: new passwords hashed with {@code iterations}, each account limited to
   * {@code perSecond} requests a second with bursts of {@code burst}.
   *
   * @throws IllegalArgumentException when iterations is below 1,000, or the rate or burst is not
   *     positive
   */
  public static Accounts of(AccountStore store, int iterations, double perSecond, int burst) {
    if (iterations < PasswordHash.MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "PBKDF2 iterations must be >= " + PasswordHash.MIN_ITERATIONS + ", got " + iterations);
    }
    return new Accounts(
        store, iterations, new RequestRate(perSecond, burst, System::nanoTime), System::nanoTime);
  }

  /**
   * Creates an account.
   *
   * @param password the password, or empty for an account that will use API keys only; the array is
   *     cleared
   * @throws IllegalArgumentException when the account exists, the name is invalid, or the password
   *     is empty
   */
  public StoredAccount add(
      String name, Optional<char[]> password, Set<String> canRead, Set<String> canWrite) {
    if (store.account(name).isPresent()) {
      throw new IllegalArgumentException(
          "account '" + name + "' exists; revoke it first to create it again");
    }
    Optional<String> hash = Optional.empty();
    if (password.isPresent()) {
      char[] p = password.get();
      try {
        if (p.length == 0) {
          throw new IllegalArgumentException("the password of account '" + name + "' is empty");
        }
        hash = Optional.of(PasswordHash.hash(p, iterations));
      } finally {
        Arrays.fill(p, '\0');
      }
    }
    StoredAccount a = new StoredAccount(name, hash, canRead, canWrite, 0);
    store.putAccount(a);
    return a;
  }

  /**
   * Issues a new API key for an account. The key is returned once and stored only as a hash.
   *
   * @throws IllegalArgumentException when there is no such account
   */
  public String newApiKey(String name) {
    String key = PasswordHash.newApiKey();
    if (!store.addKey(name, PasswordHash.sha256Hex(key))) {
      throw new IllegalArgumentException("no account named '" + name + "'");
    }
    return key;
  }

  /** Every account, by name; no secrets in them. */
  public List<StoredAccount> list() {
    return store.accounts();
  }

  /**
   * Deletes an account with its API keys; its next request is refused.
   *
   * @return false when there was no such account
   */
  public boolean revoke(String name) {
    boolean found = store.deleteAccount(name);
    verified.values().removeIf(v -> v.account.equals(name));
    if (rate != null) {
      rate.forget(name);
    }
    return found;
  }

  /**
   * The account that presented these credentials.
   *
   * @throws RequestException.NotAuthenticated when no account matches them
   * @throws RequestException.RateLimited when the account is over its request rate
   */
  public Account authenticate(Credentials credentials) {
    return switch (credentials) {
      case Credentials.ApiKey k -> {
        StoredAccount a =
            store
                .accountByKey(PasswordHash.sha256Hex(k.key()))
                .orElseThrow(() -> new RequestException.NotAuthenticated("unknown API key"));
        yield admit(a);
      }
      case Credentials.Password p -> {
        StoredAccount a =
            store
                .account(p.name())
                .filter(x -> x.passwordHash().isPresent())
                .orElseThrow(
                    () ->
                        new RequestException.NotAuthenticated("unknown account or wrong password"));
        if (rate != null) {
          rate.acquire(a.name());
        }
        checkPassword(a, p);
        yield new Account(a.name(), a.canRead(), a.canWrite());
      }
    };
  }

  private Account admit(StoredAccount a) {
    if (rate != null) {
      rate.acquire(a.name());
    }
    return new Account(a.name(), a.canRead(), a.canWrite());
  }

  private void checkPassword(StoredAccount a, Credentials.Password p) {
    String stored = a.passwordHash().orElseThrow();
    String key = HexFormat.of().formatHex(PasswordHash.sha256(p.name() + "\u0000" + p.password()));
    long now = nanos.getAsLong();
    Verified v = verified.get(key);
    if (v != null && v.storedHash.equals(stored) && now - v.until < 0) {
      return;
    }
    char[] chars = p.password().toCharArray();
    boolean ok;
    try {
      ok = PasswordHash.verify(chars, stored);
    } finally {
      Arrays.fill(chars, '\0');
    }
    if (!ok) {
      verified.remove(key);
      throw new RequestException.NotAuthenticated("unknown account or wrong password");
    }
    if (verified.size() >= CACHE_MAX) {
      verified.clear();
    }
    verified.put(key, new Verified(a.name(), stored, now + CACHE_TTL.toNanos()));
  }
}
