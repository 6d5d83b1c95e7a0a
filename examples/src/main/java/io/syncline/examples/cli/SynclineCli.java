package io.syncline.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operations CLI: {@code java -jar syncline-examples.jar <command> [options]}.
 *
 * <p>Exit codes: 0 on success, also when the only resources not synced were busy (another live
 * instance holds their lease; each is reported as skipped); 1 when a sync failed (one line on
 * stderr; stored data is intact); 2 on a usage error (with the usage); 130 when a run was stopped
 * (Ctrl-C gives 130, SIGTERM 143: the JVM's 128 + signal) after committing its current page and
 * releasing its lease.
 */
@Command(name = "syncline-examples", mixinStandardHelpOptions = true, version = "syncline 0.1.0-SNAPSHOT",
    description = "Keeps a local database in sync with a field-service API.",
    footerHeading = "%nExit codes:%n",
    footer = SynclineCli.EXIT_CODES,
    subcommands = {DemoCommand.class, ServeCommand.class, BackfillCommand.class, IncrementalCommand.class,
        SyncCommand.class, SweepCommand.class, StatusCommand.class, MetricsCommand.class, CommandLine.HelpCommand.class})
public final class SynclineCli implements Runnable {

  /** The exit codes, as the help shows them. */
  static final String EXIT_CODES = ""
      + "  0    success; also when the only resources not synced were busy: another%n"
      + "       live instance is syncing them (shown as 'skipped'; see --wait-for-lease)%n"
      + "  1    a sync failed (one line on stderr; stored data and checkpoints intact)%n"
      + "  2    usage error%n"
      + "  130  stopped by Ctrl-C (143: SIGTERM) after committing or rolling back the%n"
      + "       current page, lease released; the same command resumes from there%n";

  /** Exit code when a sync failed. */
  public static final int SYNC_FAILED = 1;
  /** Exit code on a usage error. */
  public static final int USAGE = 2;
  /** Exit code when a run was stopped on request (in-process; a signal makes the JVM exit 128 + signal). */
  public static final int STOPPED = 130;

  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;
  final Clock clock;
  final boolean stopOnSignal;

  SynclineCli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock, boolean stopOnSignal) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.stopOnSignal = stopOnSignal;
  }

  /**
   * Shows third-party warnings with their exceptions' traces (frames and causes; never the
   * drivers' messages, which may echo record data).
   *
   * @param verbose whether to
   */
  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print the trace of an exception a library logs (messages that may echo data withheld).")
  void verbose(boolean verbose) {
    CliLogging.install(err, verbose);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "Missing command");
  }

  /**
   * Runs the CLI and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // The demo API runs on the JDK HttpServer, which writes headers and body separately: without
    // TCP_NODELAY a small (gzipped) page waits for the client's delayed ACK, ~40 ms a request.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    System.exit(run(args, System.getenv(), System.out, System.err, Clock.systemUTC(), true));
  }

  /**
   * Runs the CLI in-process (tests use this).
   *
   * @param args the arguments
   * @param env the environment ({@code SYNCLINE_TOKEN} is read from it)
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, Clock.systemUTC());
  }

  /**
   * Runs the CLI in-process on a given clock: every time the CLI reads (the engine's, the freshness
   * policy's, {@code status}'s ages, the demo server's) comes from it.
   *
   * @param args the arguments
   * @param env the environment ({@code SYNCLINE_TOKEN} is read from it)
   * @param out standard output
   * @param err standard error
   * @param clock the clock
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
    return run(args, env, out, err, clock, false);
  }

  private static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock,
      boolean stopOnSignal) {
    CliLogging.install(err, false);
    CommandLine cli = new CommandLine(new SynclineCli(env, out, err, clock, stopOnSignal));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      err.println("error: " + oneLine(ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      return SYNC_FAILED;
    });
    return cli.execute(args);
  }

  static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }
}
