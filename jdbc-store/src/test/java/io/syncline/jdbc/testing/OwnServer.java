package io.syncline.jdbc.testing;

import io.syncline.testing.CiAssumptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server of a test's own, in a temporary directory on a free port, that the test may
 * crash and start again: PostgreSQL ({@code initdb} + {@code pg_ctl}, as the {@code postgres} OS
 * user when the tests run as root) or MariaDB ({@code mariadb-install-db} + {@code mariadbd}).
 * Where the machine lacks the server's binaries the test is skipped with a message, except under
 * {@code CI=true}, where a missing capability fails.
 */
public abstract class OwnServer implements AutoCloseable {
  /** the server's directory, deleted by {@link #close()} */
  protected final Path dir;
  /** the port on 127.0.0.1 */
  protected final int port;

  OwnServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** @return a JDBC URL of the server's database */
  public abstract String jdbcUrl();

  /** @return a JDBC URL that answers as soon as the server does (before the test's database exists) */
  public String probeUrl() {
    return jdbcUrl();
  }

  /** @return the user to connect as */
  public abstract String user();

  /** Kills the server as a crash or a failover would: no shutdown checkpoint, connections cut. */
  public abstract void crash() throws Exception;

  /** Starts the server (again), waiting until it accepts connections. */
  public abstract void start() throws Exception;

  /** Stops the server and deletes its directory. */
  @Override
  public void close() throws Exception {
    try {
      crash();
    } finally {
      deleteTree(dir);
    }
  }

  /** Skips, or under CI fails, when the machine cannot run this kind of server. */
  static void requireCapability(Optional<String> missing) {
    CiAssumptions.assumeAvailable(missing.isEmpty(), missing.orElse(""));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Runs a command to its end, failing with its output when it fails. */
  static String run(Duration timeout, List<String> command) throws Exception {
    Path log = Files.createTempFile("ownserver", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeout + ": " + command + "\n" + Files.readString(log));
      }
      String out = Files.readString(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + out);
      }
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Polls until a connection succeeds. */
  void awaitConnectable(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (var c = java.sql.DriverManager.getConnection(probeUrl(), user(), null)) {
        if (c.isValid(2)) {
          return;
        }
      } catch (java.sql.SQLException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("server on port " + port + " did not accept connections within " + timeout, last);
  }
}
