package org.detente.node.http;

import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.detente.node.service.Accounts;
import org.detente.node.service.RequestException;
import org.detente.node.service.TaxiiService;
import org.detente.node.taxii.TaxiiFormatException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The node's TAXII 2.1 server: Javalin on Jetty 12, one virtual thread per request.
 *
 * <p>Every request is authenticated first (HTTP Basic or a bearer API key), then its {@code Accept}
 * header is checked, then it is routed; unknown paths are 404 with a TAXII error resource. Trailing
 * slashes are optional. TAXII 2.1 defines no HEAD or OPTIONS endpoints: HEAD on a GET endpoint is
 * answered as the GET (same status and headers, no body), and OPTIONS, like any other method
 * without an endpoint, gets 404 with a TAXII error resource (after authentication, as every
 * request).
 *
 * <p>Next to TAXII, at {@code /detente/v1/audit/}, the server answers partners' audit exchange
 * (signed chain heads and audit exports, {@link org.detente.node.service.PartnerAudit}): the same
 * authentication, but its own media types, which those endpoints check themselves.
 */
public final class TaxiiServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TaxiiServer.class.getName());

  /**
   * Where to listen.
   *
   * @param host an address or host name
   * @param port a port, 0 for any free one
   */
  public record Listen(String host, int port) {
    public Listen {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || port < 0 || port > 65_535) {
        throw new IllegalArgumentException("not a listen address: " + host + ":" + port);
      }
    }

    /**
     * Reads {@code HOST:PORT} ({@code [V6]:PORT} for IPv6).
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static Listen parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IllegalArgumentException("listen address must be HOST:PORT, got '" + text + "'");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      String port = text.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("listen port must be a number, got '" + port + "'");
      }
      return new Listen(host, Integer.parseInt(port));
    }
  }

  /**
   * TLS material: HTTPS is served when present.
   *
   * @param certificate a PEM file with the certificate chain, leaf first
   * @param key a PEM file with the unencrypted PKCS#8 private key
   */
  public record Tls(Path certificate, Path key) {
    public Tls {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * How to serve.
   *
   * @param listen the address and port
   * @param publicUrl the URL clients reach the server at (for discovery), without a trailing slash;
   *     when empty, taken from each request's scheme and Host header
   * @param tls the TLS key and certificate, or empty for plain HTTP
   */
  public record Options(Listen listen, Optional<String> publicUrl, Optional<Tls> tls) {
    public Options {
      Objects.requireNonNull(listen, "listen");
      Objects.requireNonNull(publicUrl, "publicUrl");
      Objects.requireNonNull(tls, "tls");
    }
  }

  private final Javalin app;
  private final Options options;

  private TaxiiServer(Javalin app, Options options) {
    this.app = app;
    this.options = options;
  }

  /**
   * Starts serving.
   *
   * @throws IllegalArgumentException when the TLS files are unusable
   * @throws IllegalStateException when the server cannot listen
   */
  public static TaxiiServer start(TaxiiService service, Accounts accounts, Options options) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(accounts, "accounts");
    Endpoints endpoints = new Endpoints(service, accounts, options.publicUrl());
    Optional<SslContextFactory.Server> ssl = options.tls().map(TaxiiServer::ssl);
    Javalin app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.router.ignoreTrailingSlashes = true;
              config.http.maxRequestSize = service.settings().maxContentLength();
              config.jetty.host = options.listen().host();
              config.jetty.port = options.listen().port();
              ssl.ifPresent(
                  f ->
                      config.jetty.addConnector(
                          (server, http) -> {
                            HttpConfiguration https = new HttpConfiguration(http);
                            https.addCustomizer(new SecureRequestCustomizer(false));
                            ServerConnector c =
                                new ServerConnector(
                                    server,
                                    new SslConnectionFactory(f, HttpVersion.HTTP_1_1.asString()),
                                    new HttpConnectionFactory(https));
                            c.setHost(options.listen().host());
                            c.setPort(options.listen().port());
                            return c;
                          }));
              endpoints.register(config.routes);
              config.routes.exception(RequestException.class, Errors::domain);
              config.routes.exception(HttpProblem.class, Errors::http);
              config.routes.exception(TaxiiFormatException.class, Errors::format);
              config.routes.exception(Exception.class, Errors::unexpected);
              config.routes.error(404, Errors::noEndpoint);
              config.routes.error(405, Errors::noEndpoint);
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      app.stop();
      throw new IllegalStateException(
          "cannot serve on "
              + options.listen().host()
              + ":"
              + options.listen().port()
              + ": "
              + e.getMessage(),
          e);
    }
    TaxiiServer s = new TaxiiServer(app, options);
    LOG.log(System.Logger.Level.INFO, "TAXII 2.1 server listening at {0}", s.url());
    return s;
  }

  private static SslContextFactory.Server ssl(Tls tls) {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = Base64.getEncoder().encodeToString(random);
    KeyStore ks = Pem.keyStore(tls.certificate(), tls.key(), password.toCharArray());
    SslContextFactory.Server f = new SslContextFactory.Server();
    f.setKeyStore(ks);
    f.setKeyStorePassword(password);
    f.setKeyManagerPassword(password);
    return f;
  }

  /** The port listened on (the one chosen when 0 was asked for). */
  public int port() {
    return app.port();
  }

  /**
   * The base URL of this server as seen from this host, for example {@code http://127.0.0.1:9000}.
   */
  public URI url() {
    String host = options.listen().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((options.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port());
  }

  /** Stops serving; requests under way are ended. */
  @Override
  public void close() {
    app.stop();
  }
}
