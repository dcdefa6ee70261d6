package org.detente.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command writes its document: a file given with {@code --out}, else standard output. */
final class Output {
  private Output() {}

  /** Writes a document and says how many items it held. */
  @FunctionalInterface
  interface Body {
    long writeTo(OutputStream out) throws IOException;
  }

  /** Runs {@code body} on a buffered stream to {@code file}, or to standard output when null. */
  static long write(Path file, Body body) throws IOException {
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
