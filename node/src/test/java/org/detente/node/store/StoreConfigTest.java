package org.detente.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreConfigTest {
  @Test
  void toString_passwordInUrl_neverShown() {
    StoreConfig.Postgres p =
        StoreConfig.postgres(
            "jdbc:postgresql://127.0.0.1/db?user=u&password=s3cret&ssl=true", null, "other-secret");
    assertThat(p.toString())
        .doesNotContain("s3cret")
        .doesNotContain("other-secret")
        .contains("password=***")
        .contains("ssl=true");
  }

  @Test
  void postgres_notAPostgresUrl_rejectedWithoutShowingThePassword() {
    assertThatThrownBy(() -> StoreConfig.postgres("jdbc:mysql://h/db?Password=s3cret", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a jdbc:postgresql: URL")
        .hasMessageNotContaining("s3cret");
  }
}
