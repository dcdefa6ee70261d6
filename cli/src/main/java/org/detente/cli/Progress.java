package org.detente.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error, drawn only when standard error is a terminal. */
final class Progress {
  private Progress() {}

  /** A bar over {@code totalBytes}, or null when disabled or not on a terminal. */
  static ProgressBar bar(String task, long totalBytes, boolean wanted) {
    if (!wanted || !interactive()) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(Math.max(totalBytes, 1))
        .setUnit(" MiB", 1L << 20)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(200)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .showSpeed()
        .build();
  }

  static void step(ProgressBar bar, long position) {
    if (bar != null) {
      bar.stepTo(position);
    }
  }

  /** True when there is a console that is a terminal (JDK 22+ tells; on 21 a console means one). */
  static boolean interactive() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Object terminal = java.io.Console.class.getMethod("isTerminal").invoke(c);
      return Boolean.TRUE.equals(terminal);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
