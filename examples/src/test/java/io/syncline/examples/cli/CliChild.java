package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The CLI in a child JVM, as an operator runs it ({@code SynclineCli.main}, with its shutdown hook),
 * on this test run's class path; its output goes to a log file. Tests kill it ({@link #kill}, SIGKILL)
 * or stop it ({@link #terminate}, SIGTERM as {@code docker stop} sends).
 */
final class CliChild {
  private final Process process;
  private final Path log;

  private CliChild(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static CliChild start(Path log, String token, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), SynclineCli.class.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SYNCLINE_TOKEN", token);
    return new CliChild(pb.start(), log);
  }

  /** Runs the CLI to its end and returns its exit code. */
  static int runToEnd(Path log, String token, List<String> args) throws Exception {
    CliChild c = start(log, token, args);
    return c.awaitExit(150);
  }

  long pid() {
    return process.pid();
  }

  String output() throws Exception {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Waits until the condition holds while the child is still running. */
  void awaitWhileRunning(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      assertThat(process.isAlive()).as("child ended before %s; output:%n%s", what, output()).isTrue();
      assertThat(System.nanoTime()).as("timed out waiting for %s; output:%n%s", what, output()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** kill -9: no shutdown hook, no release, nothing flushed. */
  void kill() throws Exception {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM, as {@code docker stop} or systemd send; returns the exit code. */
  int terminate() throws Exception {
    process.destroy();
    return awaitExit(60);
  }

  int awaitExit(int seconds) throws Exception {
    boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("child still running after %d s; output:%n%s", seconds, output()).isTrue();
    return process.exitValue();
  }

  void destroy() {
    process.destroyForcibly();
  }
}
