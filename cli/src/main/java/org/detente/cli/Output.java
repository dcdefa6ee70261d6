package org.detente.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command writes its document: a file given with {@code --out}, else standard output. */
final class Output {
  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "write to FILE instead of standard output")
  Path file;

  /** Writes a document and says how many items it held. */
  @FunctionalInterface
  interface Body {
    long writeTo(OutputStream out) throws IOException;
  }

  /** Runs {@code body} on a buffered stream to the file, or to standard output without one. */
  long write(Body body) throws IOException {
    if (file == null) {
      OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
      long n = body.writeTo(stdout);
      stdout.flush();
      return n;
    }
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      return body.writeTo(o);
    }
  }
}
