package io.syncline.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process run of the CLI with its exit code and what it printed (including what libraries
 * logged: the CLI routes their logs to its standard error).
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

  /** Runs the CLI with an environment and arguments, on the system clock. */
  static CliRun of(Map<String, String> env, String... args) {
    return of(env, java.time.Clock.systemUTC(), args);
  }

  /** Runs the CLI with an environment and arguments, on a clock. */
  static CliRun of(Map<String, String> env, java.time.Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SynclineCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
