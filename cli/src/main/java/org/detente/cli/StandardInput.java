package org.detente.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Secrets given on standard input, so that they never appear in a command line or a log. */
final class StandardInput {
  private StandardInput() {}

  /**
   * The first line of standard input, for {@code option}.
   *
   * @param what what the line holds, for the message when it is missing ("password", "secret")
   * @throws UserError when standard input is empty, its first line is empty, or it cannot be read
   */
  static char[] secretLine(String option, String what) {
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new UserError(option + ": standard input holds no " + what);
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new UserError(option + ": cannot read standard input: " + e.getMessage(), e);
    }
  }
}
