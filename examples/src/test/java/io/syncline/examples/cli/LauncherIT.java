package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/bin/syncline}, the launcher script, as an operator runs it: it finds the packaged
 * jar next to itself, starts the JVM with its defaults and the operator's options after them, and
 * hands back the CLI's exit code; its first sync writes a class-data archive that later runs map.
 * Runs after {@code package} (maven-failsafe-plugin), through {@code sh} so that a checkout without
 * the executable bit runs it too.
 */
class LauncherIT {
  private static final Path SCRIPT = Path.of("bin", "syncline");
  private static final String TOKEN = "launcher-it-token";

  @TempDir
  Path dir;

  /** Runs the script with extra environment; returns its exit code, its output in {@code log}. */
  private int launch(Map<String, String> env, Path log, String... args) throws Exception {
    return launch(SCRIPT.toAbsolutePath(), env, log, args);
  }

  private int launch(Path script, Map<String, String> env, Path log, String... args) throws Exception {
    Process p = start(script, env, log, args);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return p.exitValue();
  }

  /** Starts the script; its class-data archives go to {@link #cache} unless {@code env} says otherwise. */
  private Process start(Path script, Map<String, String> env, Path log, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("SYNCLINE_JAR");
    pb.environment().remove("SYNCLINE_JAVA_OPTS");
    pb.environment().remove("SYNCLINE_CDS");
    pb.environment().put("SYNCLINE_CACHE_DIR", cache().toString());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    return pb.start();
  }

  private Path cache() {
    return dir.resolve("cache");
  }

  /** The archives and partly written archives in the cache directory, by file name. */
  private List<String> cached() throws Exception {
    if (!Files.isDirectory(cache())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** A backfill of the server's orders into a new H2 file named {@code name}, through the launcher. */
  private int backfill(FieldServiceServer server, String name, Map<String, String> env, Path log) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("SYNCLINE_TOKEN", TOKEN);
    return launch(all, log, "backfill", "--api-url", server.baseUrl().toString(),
        "--jdbc-url", h2Url(name), "--resource", "orders");
  }

  /** A new H2 file in the test's directory. */
  private String h2Url(String name) {
    return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
  }

  /** JVM options that log where each class came from into {@code file}, beside the CLI's output. */
  private static Map<String, String> classLoadLog(Path file) {
    return Map.of("SYNCLINE_JAVA_OPTS", "-Xlog:class+load=info:file=" + file);
  }

  private static FieldServiceServer server() throws Exception {
    return FieldServiceServer.builder().orders(1_200).equipments(0).technicians(0).seed(5).token(TOKEN)
        .rateLimit(100_000).build().start();
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void backfillsThroughTheLauncherWithTheJarBesideIt() throws Exception {
    assertThat(Path.of("target", "syncline-examples.jar")).as("the fat jar is built by 'mvn package'").exists();
    try (FieldServiceServer server = server()) {
      Path log = dir.resolve("backfill.log");

      int exit = backfill(server, "launched", Map.of(), log);

      assertThat(exit).as(Files.readString(log)).isZero();
      assertThat(ApiSnapshot.stored(store("launched"), "orders"))
          .isEqualTo(ApiSnapshot.fetchAll(server.baseUrl(), TOKEN, "orders"));
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void theFirstSyncWritesAClassDataArchiveThatLaterRunsMap() throws Exception {
    try (FieldServiceServer server = server()) {
      Path first = dir.resolve("first.log");
      assertThat(backfill(server, "a", Map.of(), first)).as(Files.readString(first)).isZero();
      assertThat(cached()).as("one archive, nothing partly written").singleElement().asString()
          .startsWith("syncline-").endsWith(".jsa");
      assertThat(Files.readString(first)).as("HotSpot's archive messages stay out of the output").doesNotContain("[cds");

      Path loads = dir.resolve("loads.log");
      Path second = dir.resolve("second.log");
      assertThat(backfill(server, "b", classLoadLog(loads), second)).as(Files.readString(second)).isZero();
      assertThat(Files.readString(loads)).contains(SynclineCli.class.getName() + " source: shared objects file");
      assertThat(ApiSnapshot.stored(store("b"), "orders")).isEqualTo(ApiSnapshot.fetchAll(server.baseUrl(), TOKEN,
          "orders"));
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aNewerJarGetsANewArchive() throws Exception {
    Path jar = Files.copy(Path.of("target", "syncline-examples.jar"), dir.resolve("copy.jar"));
    Map<String, String> env = Map.of("SYNCLINE_JAR", jar.toString());
    try (FieldServiceServer server = server()) {
      Path log = dir.resolve("first.log");
      assertThat(backfill(server, "a", env, log)).as(Files.readString(log)).isZero();
      Path archive = cache().resolve(cached().get(0));
      FileTime written = Files.getLastModifiedTime(archive);
      Files.setLastModifiedTime(jar, FileTime.fromMillis(written.toMillis() + 60_000));

      Path loads = dir.resolve("loads.log");
      Map<String, String> logged = new HashMap<>(env);
      logged.putAll(classLoadLog(loads));
      assertThat(backfill(server, "b", logged, log)).as(Files.readString(log)).isZero();
      assertThat(Files.readString(loads)).as("the stale archive is not mapped")
          .doesNotContain("source: shared objects file (top)");
      assertThat(cached()).containsExactly(archive.getFileName().toString());
      assertThat(Files.getLastModifiedTime(archive)).as("written again").isGreaterThan(written);
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void writesNoArchiveForAFailedRunAQuickCommandOrWhenSwitchedOff() throws Exception {
    Path log = dir.resolve("runs.log");
    assertThat(launch(Map.of(), log, "--version")).isZero();
    assertThat(cached()).as("--version loads too little to keep").isEmpty();

    assertThat(launch(Map.of("SYNCLINE_TOKEN", TOKEN), log, "backfill", "--api-url", "http://127.0.0.1:9",
        "--jdbc-url", h2Url("down"), "--resource", "orders"))
        .as(Files.readString(log)).isEqualTo(SynclineCli.SYNC_FAILED);
    assertThat(cached()).as("a failed run keeps no archive, partial or whole").isEmpty();

    try (FieldServiceServer server = server()) {
      assertThat(backfill(server, "off", Map.of("SYNCLINE_CDS", "off"), log)).as(Files.readString(log)).isZero();
      assertThat(cached()).isEmpty();
      assertThat(backfill(server, "shared", Map.of("SYNCLINE_JAVA_OPTS", "-Xshare:off"), log))
          .as(Files.readString(log)).isZero();
      assertThat(cached()).as("the operator's own sharing options win").isEmpty();
    }

    assertThat(launch(Map.of("SYNCLINE_CDS", "sometimes"), log, "--version")).isEqualTo(1);
    assertThat(Files.readString(log)).contains("SYNCLINE_CDS is 'sometimes'");
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aFlightRecordingFromTheStartRunsWithoutTheArchive() throws Exception {
    // HotSpot 17 crashes mapping a dynamic archive with a class-file load hook on from the start;
    // seen on PostgreSQL's path (its driver's classes loaded on the pool's thread), not on H2's.
    ServerDatabase.POSTGRESQL.assumeReachable();
    String schema = "sl_launcher_" + ProcessHandle.current().pid();
    Jdbi jdbi = ServerDatabase.POSTGRESQL.jdbi();
    jdbi.useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    jdbi.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
    try (FieldServiceServer server = server()) {
      String url = ServerDatabase.POSTGRESQL.url + "?currentSchema=" + schema;
      Path log = dir.resolve("first.log");
      assertThat(launch(Map.of("SYNCLINE_TOKEN", TOKEN), log, "backfill", "--api-url", server.baseUrl().toString(),
          "--jdbc-url", url, "--db-user", ServerDatabase.POSTGRESQL.user, "--resource", "orders"))
          .as(Files.readString(log)).isZero();
      assertThat(cached()).hasSize(1);

      Path recorded = dir.resolve("recorded.log");
      int exit = launch(Map.of("SYNCLINE_TOKEN", TOKEN, "SYNCLINE_JAVA_OPTS", "-XX:StartFlightRecording=filename="
          + dir.resolve("run.jfr")), recorded, "status", "--jdbc-url", url, "--db-user",
          ServerDatabase.POSTGRESQL.user);

      assertThat(exit).as(Files.readString(recorded)).isZero();
      assertThat(Files.readString(recorded)).contains("orders");
    } finally {
      jdbi.useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void sigtermReachesTheCliOnTheRunThatWritesTheArchive() throws Exception {
    try (FieldServiceServer server = server()) {
      Path log = dir.resolve("stopped.log");
      // 120 pages at 4 requests a second: half a minute, stopped after it has begun.
      Process launcher = start(SCRIPT.toAbsolutePath(), Map.of("SYNCLINE_TOKEN", TOKEN), log, "backfill",
          "--api-url", server.baseUrl().toString(), "--jdbc-url", h2Url("stopped"),
          "--resource", "orders", "--per-page", "10", "--rate-limit", "4");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("orders: backfill")) {
        assertThat(launcher.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(deadline);
        Thread.sleep(50);
      }

      launcher.destroy();

      assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      assertThat(launcher.exitValue()).as("128 + SIGTERM; output:%n%s", Files.readString(log)).isEqualTo(143);
      assertThat(Files.readString(log)).contains("stopping: finishing the current page");
      assertThat(cached()).as("a stopped run keeps no archive").isEmpty();
    }
  }

  private JdbcRecordStore store(String name) {
    return JdbcRecordStore.builder(SyncWiring.jdbi(h2Url(name), null, null)).build();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startsTheJvmWithTheQuickCompilerTheSerialCollectorAndHugePagesWhereOffered() throws Exception {
    Path log = dir.resolve("flags.log");

    int exit = launch(Map.of("SYNCLINE_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), log, "--version");

    assertThat(exit).isZero();
    assertThat(Files.readString(log)).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC")
        .contains("syncline ");
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean offered = Files.isReadable(thp) && Files.readString(thp).matches("(?s).*\\[(madvise|always)\\].*");
    if (offered) {
      assertThat(Files.readString(log)).contains("-XX:+UseTransparentHugePages");
    } else {
      assertThat(Files.readString(log)).as("no huge pages where the kernel does not offer them")
          .doesNotContain("UseTransparentHugePages");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void operatorsOptionsComeAfterTheDefaultsAndWin() throws Exception {
    Path log = dir.resolve("override.log");

    int exit = launch(Map.of("SYNCLINE_JAVA_OPTS", "-XX:TieredStopAtLevel=4 -XX:+PrintCommandLineFlags"), log,
        "--version");

    assertThat(exit).isZero();
    assertThat(Files.readString(log)).contains("-XX:TieredStopAtLevel=4").doesNotContain("-XX:TieredStopAtLevel=1");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void findsTheJarThroughLinksToTheScript() throws Exception {
    // bin/syncline <- onPath/syncline (absolute) <- elsewhere/sl (relative), as when linked into a PATH directory.
    Path onPath = Files.createDirectories(dir.resolve("onPath"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(onPath.resolve("syncline"), SCRIPT.toAbsolutePath());
    Path link = Files.createSymbolicLink(elsewhere.resolve("sl"), Path.of("..", "onPath", "syncline"));
    Path log = dir.resolve("linked.log");

    int exit = launch(link, Map.of(), log, "--version");

    assertThat(exit).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("syncline ");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void handsBackTheClisExitCodeForAUsageError() throws Exception {
    Path log = dir.resolve("usage.log");

    int exit = launch(Map.of(), log, "backfill", "--no-such-option");

    assertThat(exit).isEqualTo(SynclineCli.USAGE);
    assertThat(Files.readString(log)).contains("--no-such-option");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void namesTheMissingJarAndExitsOne() throws Exception {
    Path log = dir.resolve("nojar.log");
    Path absent = dir.resolve("absent.jar");

    int exit = launch(Map.of("SYNCLINE_JAR", absent.toString()), log, "--version");

    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(log)).contains("no jar at " + absent).contains("SYNCLINE_JAR");
  }
}
