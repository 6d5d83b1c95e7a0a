package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.examples.otherapi.TicketApi;
import io.syncline.jdbc.JdbcRecordStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI as an operator runs it: {@code java -jar syncline-examples.jar serve} in one
 * process, {@code java -jar syncline-examples.jar backfill} in another, and the database compared
 * with what the server serves. Runs after {@code package} (maven-failsafe-plugin).
 */
class JarEndToEndIT {
  private static final String TOKEN = "jar-it-token";
  private static final Path JAR = Path.of("target", "syncline-examples.jar");

  @TempDir
  Path dir;

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Process cli(List<String> args, Path log) throws Exception {
    return cli(args, log, "SYNCLINE_TOKEN", TOKEN);
  }

  private Process cli(List<String> args, Path log, String tokenVariable, String token) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(tokenVariable, token);
    return pb.start();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void backfillWithAConfigFileSyncsAnApiThatIsNotTheDemoApi() throws Exception {
    assertThat(JAR).as("the fat jar is built by 'mvn package'").exists();
    try (TicketApi api = new TicketApi(333, 52, "tickets-it-key")) {
      Path config = Files.writeString(dir.resolve("tickets.yml"), api.config());
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("tickets").toAbsolutePath();
      Path log = dir.resolve("tickets.log");

      Process backfill = cli(List.of("backfill", "--config", config.toString(), "--jdbc-url", jdbcUrl), log,
          "TICKETS_KEY", "tickets-it-key");

      assertThat(backfill.waitFor(100, TimeUnit.SECONDS)).isTrue();
      assertThat(backfill.exitValue()).as(Files.readString(log)).isZero();
      JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, null, null)).build();
      assertThat(ApiSnapshot.stored(store, "tickets")).isEqualTo(api.tickets());
      assertThat(ApiSnapshot.stored(store, "people")).isEqualTo(api.people());
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void backfillAgainstServeInAnotherProcessStoresEveryRecord() throws Exception {
    assertThat(JAR).as("the fat jar is built by 'mvn package'").exists();
    Process serve = new ProcessBuilder(java(), "-jar", JAR.toAbsolutePath().toString(), "serve", "--port", "0",
        "--token", TOKEN, "--orders", "2500", "--equipments", "300", "--technicians", "25", "--seed", "11")
        .redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      while (first != null && !first.contains("listening on")) {
        first = lines.readLine();
      }
      assertThat(first).as("serve announces its URL").isNotNull();
      URI base = URI.create(first.replaceAll(".*listening on (\\S+).*", "$1"));
      String jdbcUrl = "jdbc:h2:file:" + dir.resolve("it").toAbsolutePath();

      Path backfillLog = dir.resolve("backfill.log");
      Process backfill = cli(List.of("backfill", "--api-url", base.toString(), "--jdbc-url", jdbcUrl), backfillLog);
      assertThat(backfill.waitFor(150, TimeUnit.SECONDS)).isTrue();
      assertThat(backfill.exitValue()).as(Files.readString(backfillLog)).isZero();

      Path statusLog = dir.resolve("status.log");
      Process status = cli(List.of("status", "--jdbc-url", jdbcUrl), statusLog);
      assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(status.exitValue()).isZero();
      assertThat(Files.readString(statusLog)).contains("orders").contains("2500").contains("use_local");

      JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, null, null)).build();
      for (String resource : List.of("orders", "equipments", "technicians")) {
        assertThat(ApiSnapshot.stored(store, resource)).as(resource)
            .isEqualTo(ApiSnapshot.fetchAll(base, TOKEN, resource));
      }
    } finally {
      serve.destroy();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
