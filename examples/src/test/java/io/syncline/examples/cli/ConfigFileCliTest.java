package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.examples.otherapi.TicketApi;
import io.syncline.jdbc.JdbcRecordStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI pointed with {@code --config} at an API that is not the field-service one. */
class ConfigFileCliTest {
  private static final String KEY = "tickets-key";

  @TempDir
  Path dir;

  private TicketApi api;
  private Path config;
  private String jdbcUrl;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    api = new TicketApi(430, 61, KEY);
    config = Files.writeString(dir.resolve("tickets.yml"), api.config());
    jdbcUrl = "jdbc:h2:file:" + dir.resolve("tickets").toAbsolutePath();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Run cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SynclineCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run cli(String... args) {
    return cli(Map.of("TICKETS_KEY", KEY), args);
  }

  private JdbcRecordStore store() {
    return JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, null, null)).build();
  }

  @Test
  void backfillStoresEveryDeclaredResourceWithItsOwnPathsFieldsAndPaging() {
    Run run = cli("backfill", "--config", config.toString(), "--jdbc-url", jdbcUrl);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("tickets").contains("people");
    JdbcRecordStore store = store();
    assertThat(ApiSnapshot.stored(store, "tickets")).isEqualTo(api.tickets());
    assertThat(ApiSnapshot.stored(store, "people")).isEqualTo(api.people());
    assertThat(api.requests()).as("paged: 430/70 token pages + 61/25 offset pages, and a last empty one each")
        .isBetween(7 + 3, 2 * (7 + 3));
  }

  @Test
  void incrementalReadsOnlyTheDeltaThroughTheConfiguredTimestampFilter() {
    assertThat(cli("backfill", "--config", config.toString(), "--jdbc-url", jdbcUrl).code()).isZero();
    api.edit(42, "edited", Clock.systemUTC()); // the CLI syncs on the system clock too
    api.edit(300, "edited too", Clock.systemUTC());
    int before = api.requests();

    Run run = cli("incremental", "--config", config.toString(), "--jdbc-url", jdbcUrl, "--resource", "tickets");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(api.requests() - before).as(run.out()).isEqualTo(1);
    assertThat(run.out()).as(run.out()).contains("2 fetched");
    assertThat(ApiSnapshot.stored(store(), "tickets")).isEqualTo(api.tickets());
  }

  @Test
  void sinceAndUntilLimitTheResourcesThatDeclareADateRange() {
    Run run = cli("backfill", "--config", config.toString(), "--jdbc-url", jdbcUrl, "--since", "2025-02-01",
        "--until", "2025-02-10");

    assertThat(run.code()).as(run.err()).isZero();
    Map<String, String> expected = new TreeMap<>(api.tickets());
    expected.values().removeIf(json -> {
      String opened = json.replaceAll(".*\"opened\":\"([0-9-]+)\".*", "$1");
      return opened.compareTo("2025-02-01") < 0 || opened.compareTo("2025-02-10") > 0;
    });
    assertThat(expected).isNotEmpty().hasSizeLessThan(api.tickets().size());
    assertThat(ApiSnapshot.stored(store(), "tickets")).isEqualTo(expected);
    assertThat(ApiSnapshot.stored(store(), "people")).as("no date-range: whole").isEqualTo(api.people());
  }

  @Test
  void errorsNameTheFileTheKeyAndTheDeclaredResources() throws Exception {
    Run unknown = cli("backfill", "--config", config.toString(), "--jdbc-url", jdbcUrl, "--resource", "orders");
    assertThat(unknown.code()).isEqualTo(SynclineCli.USAGE);
    assertThat(unknown.err()).contains("Unknown resource 'orders'").contains("declares tickets, people");

    Run noToken = cli(Map.of(), "backfill", "--config", config.toString(), "--jdbc-url", jdbcUrl);
    assertThat(noToken.code()).isEqualTo(SynclineCli.USAGE);
    assertThat(noToken.err()).contains("TICKETS_KEY");

    Path typo = Files.writeString(dir.resolve("typo.yml"), api.config().replace("page-size: 70", "pagesize: 70"));
    Run bad = cli("backfill", "--config", typo.toString(), "--jdbc-url", jdbcUrl);
    assertThat(bad.code()).isEqualTo(SynclineCli.USAGE);
    assertThat(bad.err()).contains(typo + ": resources.tickets.pagesize: unknown key").contains("page-size");
  }

  @Test
  void theBundledFieldServiceFileIsTheDefaultAndLoadsAsAFile() throws Exception {
    Path shipped = Path.of("src", "main", "resources", "field-service.yml");
    assertThat(shipped).exists();
    assertThat(io.syncline.config.SyncDefinition.of(io.syncline.config.ConfigFiles.load(shipped), "f").resources())
        .isEqualTo(io.syncline.examples.fieldservice.FieldServiceResources.all());
  }
}
