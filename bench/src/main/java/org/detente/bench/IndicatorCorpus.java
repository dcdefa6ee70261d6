package org.detente.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of realistic STIX 2.1 indicators (about 770 bytes each): patterns on IPv4
 * addresses, CIDR blocks, domain names, URLs and SHA-256 hashes, with names, descriptions, markings
 * and kill-chain phases. The same seed always gives the same bundle.
 */
public final class IndicatorCorpus {
  private static final String[] MARKINGS = {
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
  };
  private static final String[] PHASES = {
    "reconnaissance", "delivery", "exploitation", "installation", "command-and-control"
  };
  private static final String IDENTITY = "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff";

  private final Random random;

  public IndicatorCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** Writes a bundle of {@code n} indicators to {@code out} (not closed). */
  public void writeBundle(long n, OutputStream out) throws IOException {
    out.write(
        ("{\"type\":\"bundle\",\"id\":\"bundle--" + uuid() + "\",\"objects\":[\n")
            .getBytes(StandardCharsets.UTF_8));
    for (long i = 0; i < n; i++) {
      if (i > 0) {
        out.write(',');
        out.write('\n');
      }
      out.write(indicator(i).getBytes(StandardCharsets.UTF_8));
    }
    out.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
  }

  /** One indicator as compact JSON text. */
  public String indicator(long i) {
    String created = timestamp(i);
    String pattern;
    String what;
    switch ((int) (i % 5)) {
      case 0 -> {
        String ip = ipv4();
        pattern = "[ipv4-addr:value = '" + ip + "']";
        what = "C2 address " + ip;
      }
      case 1 -> {
        String net =
            (random.nextInt(223) + 1)
                + "."
                + random.nextInt(256)
                + "."
                + random.nextInt(256)
                + ".0/24";
        pattern = "[ipv4-addr:value ISSUBSET '" + net + "']";
        what = "staging network " + net;
      }
      case 2 -> {
        String d = word() + "-" + word() + "." + tld();
        pattern = "[domain-name:value = '" + d + "']";
        what = "malicious domain " + d;
      }
      case 3 -> {
        String u =
            "https://"
                + word()
                + "."
                + tld()
                + "/"
                + word()
                + "/"
                + Long.toHexString(random.nextLong())
                + ".php";
        pattern = "[url:value = '" + u + "']";
        what = "payload URL";
      }
      default -> {
        String h = hex(64);
        pattern = "[file:hashes.'SHA-256' = '" + h + "']";
        what = "loader sample";
      }
    }
    return indicator(i, created, pattern, "stix", what, "");
  }

  /**
   * One indicator as compact JSON text with the given creation time (also its valid_from) and
   * pattern; {@code extra} is appended to its properties (e.g. {@code ,"revoked":true}).
   */
  String indicator(
      long i, String created, String pattern, String patternType, String what, String extra) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
        + uuid()
        + "\",\"created_by_ref\":\""
        + IDENTITY
        + "\",\"created\":\""
        + created
        + "\",\"modified\":\""
        + created
        + "\",\"name\":\"Benchmark indicator "
        + i
        + ": "
        + what
        + "\",\"description\":\"Generated for load tests; observed in campaign "
        + word()
        + "-"
        + random.nextInt(1000)
        + ".\",\"indicator_types\":[\"malicious-activity\"],\"pattern\":\""
        + pattern.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"pattern_type\":\""
        + patternType
        + "\",\"pattern_version\":\"2.1\",\"valid_from\":\""
        + created
        + "\",\"kill_chain_phases\":[{\"kill_chain_name\":\"lockheed-martin-cyber-kill-chain\","
        + "\"phase_name\":\""
        + PHASES[random.nextInt(PHASES.length)]
        + "\"}],\"confidence\":"
        + random.nextInt(101)
        + ",\"object_marking_refs\":[\""
        + MARKINGS[random.nextInt(MARKINGS.length)]
        + "\"]"
        + extra
        + "}";
  }

  String timestamp(long i) {
    long secs = 1_767_225_600L + i * 7 + random.nextInt(7); // from 2026-01-01
    return java.time.Instant.ofEpochSecond(secs, (long) random.nextInt(1000) * 1_000_000L)
        .toString()
        .replaceFirst("(\\.\\d{3})?Z$", "$1Z")
        .replaceFirst(":(\\d\\d)Z$", ":$1.000Z");
  }

  String ipv4() {
    return (random.nextInt(223) + 1)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256);
  }

  String word() {
    String consonants = "bcdfghklmnprstvz";
    String vowels = "aeiou";
    int len = 2 + random.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < len; k++) {
      sb.append(consonants.charAt(random.nextInt(consonants.length())));
      sb.append(vowels.charAt(random.nextInt(vowels.length())));
    }
    return sb.toString();
  }

  String tld() {
    String[] t = {"com", "net", "org", "info", "example", "biz"};
    return t[random.nextInt(t.length)];
  }

  String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int k = 0; k < n; k++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  String uuid() {
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }
}
