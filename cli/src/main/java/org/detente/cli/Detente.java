package org.detente.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code detente} command: the only {@code main} of the project. */
@Command(
    name = "detente",
    mixinStandardHelpOptions = true,
    versionProvider = Detente.Version.class,
    description = "Détente: a STIX 2.1 / TAXII 2.1 threat-intelligence exchange node.",
    subcommands = {
      ValidateCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      SyncCommand.class,
      CollectionsCommand.class,
      AccountsCommand.class,
      PatternCommand.class,
      MatchCommand.class,
      InitCommand.class,
      PartnersCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Detente implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    configureLogging();
    System.exit(run(args));
  }

  /**
   * Warnings and errors only on standard error, unless {@code java.util.logging.config.file} says
   * otherwise: library chatter (migrations, pool start) would drown the command's own output.
   */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (java.io.InputStream in = Detente.class.getResourceAsStream("logging.properties")) {
      if (in != null) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    } catch (java.io.IOException e) {
      System.err.println("detente: cannot read the logging configuration: " + e.getMessage());
    }
  }

  /** Runs the command line on the process's standard streams and returns its exit code. */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output and error writers (used by tests). */
  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Detente());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof UserError u) {
            commandLine.getErr().println("detente: " + u.getMessage());
            return 2;
          }
          throw ex;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Detente.class.getPackage().getImplementationVersion();
      return new String[] {"detente " + (v == null ? "development" : v)};
    }
  }
}
