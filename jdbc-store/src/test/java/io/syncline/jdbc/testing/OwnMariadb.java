package io.syncline.jdbc.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A MariaDB server of the test's own: {@code mariadb-install-db} into a temporary data directory,
 * {@code mariadbd} on a free port of 127.0.0.1 with its own socket and pid file, without grant
 * tables (any user, no password). {@link #crash()} kills the process (SIGKILL): InnoDB recovers on
 * the next start, as after a crash.
 */
public final class OwnMariadb extends OwnServer {
  private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");

  private Process process;

  private OwnMariadb(Path dir, int port) {
    super(dir, port);
  }

  /** Creates and starts a server, or skips (fails under CI) where the machine cannot. */
  public static OwnMariadb launch() throws Exception {
    requireCapability(!Files.isExecutable(INSTALL_DB) || !Files.isExecutable(SERVER)
        ? Optional.of("No MariaDB server programs (" + INSTALL_DB + ", " + SERVER + ")") : Optional.empty());
    Path dir = Files.createTempDirectory("syncline-own-mariadb");
    OwnMariadb m = new OwnMariadb(dir, freePort());
    OwnServer.run(Duration.ofSeconds(180), List.of(INSTALL_DB.toString(), "--no-defaults",
        "--datadir=" + dir.resolve("data"), "--user=" + System.getProperty("user.name"),
        "--auth-root-authentication-method=normal", "--skip-test-db"));
    m.start();
    try (var c = java.sql.DriverManager.getConnection(m.probeUrl(), "root", null)) {
      c.createStatement().execute("CREATE DATABASE IF NOT EXISTS syncline");
    }
    return m;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/syncline?connectTimeout=2000&socketTimeout=30000";
  }

  @Override
  public String probeUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=2000";
  }

  @Override
  public String user() {
    return "root";
  }

  @Override
  public void start() throws Exception {
    process = new ProcessBuilder(SERVER.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
        "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
        "--pid-file=" + dir.resolve("mysqld.pid"), "--user=" + System.getProperty("user.name"),
        "--skip-grant-tables", "--skip-log-bin", "--innodb-buffer-pool-size=64M",
        "--innodb-flush-log-at-trx-commit=2", "--log-error=" + dir.resolve("error.log"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    awaitConnectable(Duration.ofSeconds(60));
  }

  @Override
  public void crash() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
