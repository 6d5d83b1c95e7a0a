package io.syncline.jdbc.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own: {@code initdb} into a temporary directory, {@code pg_ctl}
 * on a free port of 127.0.0.1 with its socket in that directory; as root, every command runs as
 * the {@code postgres} OS user through {@code runuser}. {@link #crash()} is
 * {@code pg_ctl stop -m immediate}: the server exits without a checkpoint and restarts with
 * crash recovery, as after a crash or a managed failover.
 */
public final class OwnPostgres extends OwnServer {
  private final Path bin;
  private final Path data;

  private OwnPostgres(Path bin, Path dir, int port) {
    super(dir, port);
    this.bin = bin;
    this.data = dir.resolve("data");
  }

  /** @return the directory of the newest installed PostgreSQL's programs, if any */
  static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** Creates and starts a cluster, or skips (fails under CI) where the machine cannot. */
  public static OwnPostgres launch() throws Exception {
    Optional<Path> bin = binaries();
    requireCapability(bin.isEmpty() ? Optional.of("No PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql/*/bin")
        : isRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))
            ? Optional.of("Running as root without runuser: cannot start PostgreSQL as the postgres user")
            : Optional.empty());
    Path dir = Files.createTempDirectory("syncline-own-pg");
    if (isRoot()) {
      OwnServer.run(Duration.ofSeconds(10), List.of("chown", "postgres:postgres", dir.toString()));
    }
    OwnPostgres pg = new OwnPostgres(bin.get(), dir, freePort());
    pg.as(Duration.ofSeconds(120), pg.bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres",
        "-A", "trust", "-E", "UTF8", "--no-sync");
    pg.start();
    return pg;
  }

  private String as(Duration timeout, String... command) throws Exception {
    List<String> c = new ArrayList<>();
    if (isRoot()) {
      c.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    c.addAll(List.of(command));
    return OwnServer.run(timeout, c);
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2&socketTimeout=30";
  }

  @Override
  public String user() {
    return "postgres";
  }

  @Override
  public void start() throws Exception {
    as(Duration.ofSeconds(120), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "110", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start");
    awaitConnectable(Duration.ofSeconds(30));
  }

  @Override
  public void crash() throws Exception {
    if (Files.exists(data.resolve("postmaster.pid"))) {
      as(Duration.ofSeconds(60), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }
  }
}
