package org.detente.node.sync;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TaxiiClient} authenticates: HTTP Basic with a user name and password, a bearer API
 * key, or nothing. {@code toString} never shows the secret.
 */
public sealed interface TaxiiCredentials {
  /** HTTP Basic (RFC 7617, UTF-8). */
  static TaxiiCredentials basic(String user, String password) {
    return new Basic(user, password);
  }

  /** An API key sent as {@code Authorization: Bearer KEY} (RFC 6750). */
  static TaxiiCredentials bearer(String key) {
    return new Bearer(key);
  }

  /** No {@code Authorization} header. */
  static TaxiiCredentials none() {
    return None.INSTANCE;
  }

  /** The value of the {@code Authorization} header, empty for {@link #none()}. */
  Optional<String> authorization();

  /** HTTP Basic credentials. */
  record Basic(String user, String password) implements TaxiiCredentials {
    /**
     * @throws IllegalArgumentException when the user is empty or holds a colon or a control
     *     character (RFC 7617 forbids them), or the password holds a control character
     */
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isEmpty() || user.indexOf(':') >= 0 || hasControl(user)) {
        throw new IllegalArgumentException(
            "a Basic user name must be non-empty, without ':' or control characters: '"
                + user
                + "'");
      }
      if (hasControl(password)) {
        throw new IllegalArgumentException(
            "the password for " + user + " holds a control character");
      }
    }

    @Override
    public Optional<String> authorization() {
      return Optional.of(
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=***]";
    }
  }

  /** A bearer API key. */
  record Bearer(String key) implements TaxiiCredentials {
    /**
     * @throws IllegalArgumentException when the key is empty or holds characters other than the RFC
     *     6750 token characters
     */
    public Bearer {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty() || !key.chars().allMatch(Bearer::tokenChar)) {
        throw new IllegalArgumentException(
            "a bearer key must be non-empty, of letters, digits and -._~+/= only (length "
                + key.length()
                + ")");
      }
    }

    private static boolean tokenChar(int c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~+/=".indexOf(c) >= 0;
    }

    @Override
    public Optional<String> authorization() {
      return Optional.of("Bearer " + key);
    }

    @Override
    public String toString() {
      return "Bearer[key=***]";
    }
  }

  /** No credentials. */
  enum None implements TaxiiCredentials {
    INSTANCE;

    @Override
    public Optional<String> authorization() {
      return Optional.empty();
    }
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
