package org.detente.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.detente.node.store.Store;
import org.detente.node.store.StoreConfig;
import org.detente.node.store.StoredAccount;
import org.detente.node.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {
  @TempDir Path dir;
  Store store;
  Accounts accounts;

  @BeforeEach
  void open() {
    store = Stores.open(new StoreConfig.Sqlite(dir));
    accounts = Accounts.of(store.accounts(), 1_000, 1_000, 1_000);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void add_storesOnlyHashes() {
    char[] pw = "secret".toCharArray();
    accounts.add("a", Optional.of(pw), Set.of("c"), Set.of());
    assertThat(pw).containsOnly('\0');
    StoredAccount a = store.accounts().account("a").orElseThrow();
    assertThat(a.passwordHash().orElseThrow())
        .startsWith("pbkdf2-sha256$1000$")
        .doesNotContain("secret");
    String key = accounts.newApiKey("a");
    assertThat(key).startsWith("dtk_").hasSize(4 + 43);
    assertThat(store.accounts().accountByKey(PasswordHash.sha256Hex(key))).isPresent();
    assertThatThrownBy(() -> accounts.add("a", Optional.of("x".toCharArray()), Set.of(), Set.of()))
        .hasMessageContaining("account 'a' exists");
    assertThatThrownBy(() -> accounts.newApiKey("nobody")).hasMessageContaining("no account");
    assertThatThrownBy(() -> accounts.add("b:c", Optional.empty(), Set.of(), Set.of()))
        .hasMessageContaining("':'");
  }

  @Test
  void authenticate_passwordAndKey_giveTheAccountsRights() {
    accounts.add("a", Optional.of("pw".toCharArray()), Set.of("r"), Set.of("w"));
    Account a = accounts.authenticate(new Credentials.Password("a", "pw"));
    assertThat(a).isEqualTo(new Account("a", Set.of("r"), Set.of("w")));
    assertThat(a.sees("r")).isTrue();
    assertThat(a.sees("w")).isTrue();
    assertThat(a.sees("x")).isFalse();
    String key = accounts.newApiKey("a");
    assertThat(accounts.authenticate(new Credentials.ApiKey(key))).isEqualTo(a);
    assertThatThrownBy(() -> accounts.authenticate(new Credentials.Password("a", "PW")))
        .isInstanceOf(RequestException.NotAuthenticated.class);
    assertThatThrownBy(() -> accounts.authenticate(new Credentials.ApiKey(key + "x")))
        .isInstanceOf(RequestException.NotAuthenticated.class);
    assertThat(new Credentials.Password("a", "pw").toString()).doesNotContain("pw]");
    assertThat(new Credentials.ApiKey(key).toString()).doesNotContain(key);
  }

  @Test
  void authenticate_cachedCheck_endsWhenThePasswordChangesOrTheAccountIsRevoked() {
    accounts.add("a", Optional.of("old".toCharArray()), Set.of(), Set.of());
    accounts.authenticate(new Credentials.Password("a", "old"));
    // another process replaces the password: the cached check no longer applies
    Accounts elsewhere = Accounts.of(store.accounts(), 1_000, 1_000, 1_000);
    elsewhere.revoke("a");
    elsewhere.add("a", Optional.of("new".toCharArray()), Set.of("c"), Set.of());
    assertThatThrownBy(() -> accounts.authenticate(new Credentials.Password("a", "old")))
        .isInstanceOf(RequestException.NotAuthenticated.class);
    assertThat(accounts.authenticate(new Credentials.Password("a", "new")).canRead())
        .containsExactly("c");
    accounts.revoke("a");
    assertThatThrownBy(() -> accounts.authenticate(new Credentials.Password("a", "new")))
        .isInstanceOf(RequestException.NotAuthenticated.class);
  }

  @Test
  void authenticate_overTheRate_isRateLimited() {
    Accounts slow = Accounts.of(store.accounts(), 1_000, 1, 1);
    slow.add("a", Optional.of("pw".toCharArray()), Set.of(), Set.of());
    slow.authenticate(new Credentials.Password("a", "pw"));
    assertThatThrownBy(() -> slow.authenticate(new Credentials.Password("a", "pw")))
        .isInstanceOf(RequestException.RateLimited.class)
        .hasMessageContaining("account 'a' is over its rate of 1.0 requests per second");
  }
}
