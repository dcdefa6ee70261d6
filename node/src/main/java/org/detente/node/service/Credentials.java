package org.detente.node.service;

import java.util.Objects;

/** What a requester presented to prove who it is. {@code toString} never shows the secret. */
public sealed interface Credentials {
  /** HTTP Basic: an account name and its password. */
  record Password(String name, String password) implements Credentials {
    public Password {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Password[name=" + name + ", password=***]";
    }
  }

  /** A bearer API key. */
  record ApiKey(String key) implements Credentials {
    public ApiKey {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
      return "ApiKey[***]";
    }
  }
}
