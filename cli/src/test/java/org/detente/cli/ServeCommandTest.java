package org.detente.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path tmp;

  private CliRun withStdin(String stdin, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(saved);
    }
  }

  private static HttpResponse<String> get(String url, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", "application/taxii+json;version=2.1");
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serve_scriptedSetup_servesAccountsUntilRevoked() throws Exception {
    String data = tmp.resolve("data").toString();
    CliRun c = CliRun.of("collections", "add", "intel", "--title", "Intel", "--data", data);
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(CliRun.of("collections", "list", "--data", data).out())
        .isEqualTo("intel\tIntel\t\n");
    CliRun bad =
        withStdin(
            "pw\n", "accounts", "add", "bob", "--password-stdin", "--read", "nope", "--data", data);
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("no collection 'nope'");
    CliRun added =
        withStdin(
            "s3cret pass\n",
            "accounts",
            "add",
            "alice",
            "--password-stdin",
            "--api-key",
            "--read",
            "intel",
            "--data",
            data);
    assertThat(added.exitCode()).as(added.err()).isZero();
    Matcher m = Pattern.compile("API key \\(shown once\\): (dtk_\\S+)").matcher(added.out());
    assertThat(m.find()).as(added.out()).isTrue();
    String key = m.group(1);
    CliRun list = CliRun.of("accounts", "list", "--data", data);
    assertThat(list.out())
        .isEqualTo("alice\tpassword: yes\tapi keys: 1\tread: intel\twrite: \n")
        .doesNotContain("s3cret")
        .doesNotContain(key);
    assertThat(
            Files.readString(
                tmp.resolve("data").resolve("detente.db"), StandardCharsets.ISO_8859_1))
        .doesNotContain("s3cret pass")
        .doesNotContain(key);

    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    Thread serve =
        Thread.ofPlatform()
            .start(
                () ->
                    Detente.run(
                        pw,
                        new PrintWriter(new StringWriter(), true),
                        "serve",
                        "--data",
                        data,
                        "--listen",
                        "127.0.0.1:0"));
    String url = null;
    for (int i = 0; i < 200 && url == null; i++) {
      Matcher u = Pattern.compile("serving TAXII 2.1 at (\\S+)/taxii2/").matcher(out.toString());
      if (u.find()) {
        url = u.group(1);
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(url).as("serve printed its URL: " + out).isNotNull();
    try {
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("alice:s3cret pass".getBytes(StandardCharsets.UTF_8));
      assertThat(get(url + "/api/collections/intel/", basic).statusCode()).isEqualTo(200);
      assertThat(get(url + "/api/collections/intel/objects/", "Bearer " + key).statusCode())
          .isEqualTo(200);
      assertThat(get(url + "/taxii2/", null).statusCode()).isEqualTo(401);
      assertThat(CliRun.of("accounts", "revoke", "alice", "--data", data).exitCode()).isZero();
      assertThat(get(url + "/api/collections/intel/", basic).statusCode()).isEqualTo(401);
      assertThat(get(url + "/api/collections/intel/", "Bearer " + key).statusCode()).isEqualTo(401);
      assertThat(CliRun.of("accounts", "list", "--data", data).out()).isEmpty();
    } finally {
      serve.interrupt();
      serve.join(10_000);
    }
    assertThat(serve.isAlive()).isFalse();
  }

  @Test
  void serve_badConfig_refusesToStartNamingTheKey() throws Exception {
    Path cfg = tmp.resolve("detente.toml");
    Files.writeString(cfg, "listen = \"127.0.0.1:0\"\n[limits]\nmax_page_size = 0\n");
    CliRun r = CliRun.of("serve", "--config", cfg.toString(), "--data", tmp.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("max_page_size must be 1 to 10000, got 0");
    Files.writeString(cfg, "listen = \"127.0.0.1:0\"\n\n[limits\n");
    r = CliRun.of("serve", "--config", cfg.toString(), "--data", tmp.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("line 3");
    Files.writeString(cfg, "[[api_roots]]\npath = \"api\"\ncollections = [\"missing\"]\n");
    r = CliRun.of("serve", "--config", cfg.toString(), "--data", tmp.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("lists collection 'missing'");
  }
}
