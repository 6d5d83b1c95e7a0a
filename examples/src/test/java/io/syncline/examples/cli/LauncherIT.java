package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/bin/syncline}, the launcher script, as an operator runs it: it finds the packaged
 * jar next to itself, starts the JVM with its defaults and the operator's options after them, and
 * hands back the CLI's exit code. Runs after {@code package} (maven-failsafe-plugin), through
 * {@code sh} so that a checkout without the executable bit runs it too.
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
    List<String> command = new ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("SYNCLINE_JAR");
    pb.environment().remove("SYNCLINE_JAVA_OPTS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return p.exitValue();
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void backfillsThroughTheLauncherWithTheJarBesideIt() throws Exception {
    assertThat(Path.of("target", "syncline-examples.jar")).as("the fat jar is built by 'mvn package'").exists();
    try (FieldServiceServer server = FieldServiceServer.builder().orders(1_200).equipments(0).technicians(0)
        .seed(5).token(TOKEN).rateLimit(100_000).build().start()) {
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("launched").toAbsolutePath();
      Path log = dir.resolve("backfill.log");

      int exit = launch(Map.of("SYNCLINE_TOKEN", TOKEN), log, "backfill", "--api-url", server.baseUrl().toString(),
          "--jdbc-url", jdbcUrl, "--resource", "orders");

      assertThat(exit).as(Files.readString(log)).isZero();
      JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, null, null)).build();
      assertThat(ApiSnapshot.stored(store, "orders")).isEqualTo(ApiSnapshot.fetchAll(server.baseUrl(), TOKEN, "orders"));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startsTheJvmWithTheQuickCompilerAndTheSerialCollector() throws Exception {
    Path log = dir.resolve("flags.log");

    int exit = launch(Map.of("SYNCLINE_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), log, "--version");

    assertThat(exit).isZero();
    assertThat(Files.readString(log)).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseSerialGC")
        .contains("syncline ");
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
