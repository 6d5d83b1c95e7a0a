package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.LeaseOwner;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.Lease;
import io.syncline.spi.StoredRecord;
import io.syncline.testing.CiAssumptions;
import io.syncline.testing.MutableClock;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI driven in-process against the demo API, as an operator would use it. */
class CliTest {
  private static final String TOKEN = "cli-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** Every clock the CLI and the demo server read: the tests pass on any date. */
  private final MutableClock clock = MutableClock.standard();
  private FieldServiceServer server;
  private String jdbcUrl;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void startServer() {
    server = FieldServiceServer.builder().port(0).token(TOKEN).orders(1200).equipments(300).technicians(40)
        .seed(7).clock(clock).build().start();
    jdbcUrl = "jdbc:h2:file:" + dir.resolve("cli").toAbsolutePath();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private Run cli(String... args) {
    return cli(Map.of("SYNCLINE_TOKEN", TOKEN), args);
  }

  private Run cli(Map<String, String> env, String... args) {
    CliRun r = CliRun.of(env, clock, args);
    return new Run(r.code(), r.out(), r.err());
  }

  private String[] withDb(String command, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--api-url", server.baseUrl().toString(), "--jdbc-url", jdbcUrl));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private JdbcRecordStore store(String url, String user) {
    return JdbcRecordStore.builder(SyncWiring.jdbi(url, user, null)).build();
  }

  static Map<String, String> onServer(List<String> records) throws Exception {
    Map<String, String> m = new TreeMap<>();
    for (String json : records) {
      m.put(JSON.readTree(json).get("id").asText(), json);
    }
    return m;
  }

  private void assertDatabaseMatchesServer(JdbcRecordStore store) throws Exception {
    for (ApiResource r : ApiResource.values()) {
      assertThat(ApiSnapshot.stored(store, r.path())).as(r.path()).isEqualTo(onServer(server.records(r)));
    }
  }

  @Test
  void backfillStoresEveryRecordOfEveryResource() throws Exception {
    Run run = cli(withDb("backfill"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("orders").contains("equipments").contains("technicians").contains("backfill");
    assertDatabaseMatchesServer(store(jdbcUrl, null));
  }

  @Test
  void incrementalAfterMutationsFetchesOnlyTheDelta() throws Exception {
    Run backfill = cli(withDb("backfill"));
    assertThat(backfill.code()).as(backfill.err()).isZero();
    server.updateRandom(ApiResource.ORDERS, 25);
    server.create(ApiResource.EQUIPMENTS, 3);
    server.create(ApiResource.TECHNICIANS, 2);
    long before = server.stats().records();
    Run run = cli(withDb("incremental"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(server.stats().records() - before).isLessThan(25 + 3 + 2 + 500);
    assertDatabaseMatchesServer(store(jdbcUrl, null));
  }

  @Test
  void afterDeletionsOnTheServerSyncAndSweepLeaveExactlyTheServersRecordsLive() throws Exception {
    Run backfill = cli(withDb("backfill"));
    assertThat(backfill.code()).as(backfill.err()).isZero();
    server.delete(ApiResource.ORDERS, 3);
    server.delete(ApiResource.ORDERS, 40);
    server.delete(ApiResource.EQUIPMENTS, 5);
    server.delete(ApiResource.TECHNICIANS, 2);
    clock.advance(Duration.ofMinutes(10));

    Run sync = cli(withDb("incremental"));
    assertThat(sync.code()).as(sync.err()).isZero();
    Run sweep = cli(withDb("sweep"));
    assertThat(sweep.code()).as(sweep.err()).isZero();

    assertDatabaseMatchesServer(store(jdbcUrl, null));
    assertThat(sync.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow()).contains(" 2 deleted");
    assertThat(sweep.out()).contains("sweep");
    Run status = cli(withDb("status"));
    assertThat(status.out()).contains("deletions: feed at").contains("last id sweep 20");
  }

  @Test
  void sinceAndUntilLimitAnOrdersBackfillToThoseCreationDates() throws Exception {
    LocalDate until = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(10);
    LocalDate since = until.minusDays(20);
    Run run = cli(withDb("backfill", "--resource", "orders", "--since", since.toString(), "--until", until.toString()));
    assertThat(run.code()).as(run.err()).isZero();
    Map<String, String> expected = new TreeMap<>();
    for (String json : server.records(ApiResource.ORDERS)) {
      JsonNode n = JSON.readTree(json);
      LocalDate created = LocalDate.parse(n.get("created_at").asText().substring(0, 10));
      if (!created.isBefore(since) && !created.isAfter(until)) {
        expected.put(n.get("id").asText(), json);
      }
    }
    Map<String, String> stored = ApiSnapshot.stored(store(jdbcUrl, null), "orders");
    assertThat(expected).isNotEmpty();
    // The backfill's catch-up pass also brings orders changed since it started (none here).
    assertThat(stored).isEqualTo(expected);
    assertThat(ApiSnapshot.stored(store(jdbcUrl, null), "equipments")).isEmpty();
  }

  @Test
  void anUnchangedIncrementalIsOneNotModifiedRequestPerResourceAndStatusShowsIt() throws Exception {
    assertThat(cli(withDb("backfill")).code()).isZero();
    long requests = server.stats().requests();
    long records = server.stats().records();

    Run run = cli(withDb("incremental"));

    assertThat(run.code()).as(run.err()).isZero();
    // Equipments and technicians: one 304 each; orders: one 304 plus one request of their deletion
    // feed, which every incremental reads (no deletions, so nothing fetched).
    assertThat(run.out().lines().filter(l -> l.contains("1 req (1 not modified) 0 B wire / 0 B decoded")
        && l.contains("not modified, cursor"))).hasSize(2);
    assertThat(run.out().lines().filter(l -> l.startsWith("orders") && l.contains("2 req (1 not modified)")
        && l.contains("not modified, cursor"))).hasSize(1);
    assertThat(server.stats().requests() - requests).isEqualTo(4);
    assertThat(server.stats().notModified()).isEqualTo(3);
    assertThat(server.stats().records()).isEqualTo(records);
    assertDatabaseMatchesServer(store(jdbcUrl, null));
    Run status = cli(withDb("status"));
    assertThat(status.out().lines().filter(l -> l.contains("last run's traffic: 1 req (1 not modified)"))).hasSize(3);
  }

  @Test
  void theSummaryLineShowsBytesOnTheWireAndDecodedWithAndWithoutCompression() throws Exception {
    Run gzip = cli(withDb("backfill", "--resource", "orders"));
    String compressed = gzip.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow();
    jdbcUrl = jdbcUrl + "_plain";
    Run plain = cli(withDb("backfill", "--resource", "orders", "--uncompressed"));
    String identity = plain.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow();

    java.util.regex.Pattern p = java.util.regex.Pattern.compile("req \\(0 not modified\\) (.+) wire / (.+) decoded");
    java.util.regex.Matcher c = p.matcher(compressed);
    java.util.regex.Matcher i = p.matcher(identity);
    assertThat(c.find()).as(compressed).isTrue();
    assertThat(i.find()).as(identity).isTrue();
    assertThat(i.group(1)).isEqualTo(i.group(2));
    assertThat(c.group(2)).isEqualTo(i.group(2));
    assertThat(c.group(1)).isNotEqualTo(c.group(2));
  }

  @Test
  void statusShowsOneRowPerResourceWithTheDecision() {
    assertThat(cli(withDb("backfill", "--resource", "orders,technicians")).code()).isZero();
    Run run = cli(withDb("status"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("RESOURCE").contains("DECISION");
    assertThat(run.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow())
        .contains("backfill").contains("1200").contains("use_local").contains("2h");
    assertThat(run.out().lines().filter(l -> l.startsWith("equipments")).findFirst().orElseThrow())
        .contains("never").contains("backfill");
  }

  @Test
  void aFailingApiExitsWith1AndLeavesStoredDataIntact() throws Exception {
    Run backfill = cli(withDb("backfill"));
    assertThat(backfill.code()).as(backfill.err()).isZero();
    String[] args = withDb("incremental", "--resource", "orders");
    server.stop();
    Run run = cli(args);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    assertThat(run.err()).contains("orders").contains("intact");
    assertThat(run.err()).doesNotContain(TOKEN);
    assertThat(store(jdbcUrl, null).count("orders")).isEqualTo(1200);
  }

  @Test
  void badArgumentsExitWith2AndTheUsage() {
    Run unknownOption = cli(withDb("backfill", "--no-such-option"));
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.err()).contains("Usage");
    assertThat(cli(withDb("incremental", "--lookback", "soon")).code()).isEqualTo(2);
    assertThat(cli(withDb("backfill", "--resource", "invoices")).code()).isEqualTo(2);
    assertThat(cli(withDb("backfill", "--since", "2026-02-01", "--until", "2026-01-01")).code()).isEqualTo(2);
    assertThat(cli(Map.of(), withDb("backfill")).err()).contains("SYNCLINE_TOKEN");
    assertThat(cli("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void metricsShowTheDashboardWithItsDataSource() {
    Run backfill = cli(withDb("backfill"));
    assertThat(backfill.code()).as(backfill.err()).isZero();
    Run run = cli(withDb("metrics"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("data source: LOCAL").contains("orders stored: 1200").contains("by status:");
  }

  @Test
  void theDemoRunsTheWholeTour() {
    Run run = cli("demo", "--data-dir", dir.resolve("demo").toString(), "--orders", "600", "--equipments", "100",
        "--technicians", "10");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("Backfill everything").contains("fewer records").contains("Orders dashboard")
        .contains("RESOURCE").contains("traffic (Syncline's counters)");
    assertThat(run.out().lines().filter(l -> l.startsWith("  poll 3 traffic")).findFirst().orElseThrow())
        .contains("(3 not modified)"); // plus the orders' deletion feed, read with every incremental
    assertThat(run.out().lines().filter(l -> l.contains("orders") && l.contains("incremental")).findFirst())
        .isPresent();
    assertThat(run.out()).contains("order 7 marked by the feed (gone), equipment 11 by the daily id sweep (gone)");
    assertThat(run.out().lines().filter(l -> l.startsWith("  orders") && l.contains(" 1 deleted")).findFirst())
        .isPresent();
    assertThat(run.out().lines().filter(l -> l.startsWith("  equipments") && l.contains(" 1 deleted")).findFirst())
        .isPresent();
  }

  @Test
  void durationsAcceptShortFormsAndIso() {
    assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationConverter.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theSameBackfillWorksAgainstPostgresql() throws Exception {
    CiAssumptions.assumeAvailable(reachable(5432), "PostgreSQL not reachable at 127.0.0.1:5432 (start it with pg_ctlcluster)");
    backfillInto("jdbc:postgresql://127.0.0.1:5432/test", "postgres");
  }

  @Test
  void theSameBackfillWorksAgainstMariadb() throws Exception {
    CiAssumptions.assumeAvailable(reachable(3306), "MariaDB not reachable at 127.0.0.1:3306 (start mariadbd)");
    backfillInto("jdbc:mariadb://127.0.0.1:3306/test", "root");
  }

  private void backfillInto(String url, String user) throws Exception {
    Jdbi jdbi = SyncWiring.jdbi(url, user, null);
    jdbi.useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS sync_record");
      h.execute("DROP TABLE IF EXISTS sync_state");
      h.execute("DROP TABLE IF EXISTS rejected_record");
    });
    Run run = cli("backfill", "--api-url", server.baseUrl().toString(), "--jdbc-url", url, "--db-user", user);
    assertThat(run.code()).as(run.err()).isZero();
    assertDatabaseMatchesServer(store(url, user));
  }

  @Test
  void theHelpOfTheSyncCommandsDocumentsWaitingForALeaseAndTheExitCodes() {
    for (String command : List.of("backfill", "incremental", "sync")) {
      Run run = cli(command, "--help");
      assertThat(run.code()).isZero();
      assertThat(run.out()).as(command).contains("--wait-for-lease=DURATION").contains("Exit codes:")
          .contains("busy").contains("130").contains("143: SIGTERM");
    }
  }

  @Test
  void aResourceAnotherLiveInstanceIsSyncingIsSkippedAndTheCommandStillExitsZero() {
    assertThat(cli(withDb("backfill", "--resource", "technicians")).code()).isZero();
    JdbcRecordStore store = store(jdbcUrl, null);
    String other = new LeaseOwner("other-host", 1234, Optional.empty(), "abcd1234").encode();
    Instant until = store.tryAcquireLease("orders", other, clock.instant(), Duration.ofMinutes(2)).orElseThrow().expiresAt();

    Run run = cli(withDb("sync"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("orders       skipped     busy: another instance (pid 1234 on host other-host) "
        + "is syncing it, lease until " + until + "; not a failure");
    assertThat(run.out().lines().filter(l -> l.startsWith("equipments")).findFirst().orElseThrow()).contains("backfill");
    assertThat(run.err()).doesNotContain("error");
    assertThat(store.count("orders")).isZero();
  }

  @Test
  void waitForLeaseWaitsUntilTheOtherInstanceIsDoneAndThenSyncs() throws Exception {
    assertThat(cli(withDb("backfill", "--resource", "technicians")).code()).isZero();
    JdbcRecordStore store = store(jdbcUrl, null);
    String other = new LeaseOwner("other-host", 1234, Optional.empty(), "abcd1234").encode();
    Lease held = store.tryAcquireLease("orders", other, clock.instant(), Duration.ofMinutes(2)).orElseThrow();

    Run tooShort = cli(withDb("backfill", "--resource", "orders", "--wait-for-lease", "1s"));
    assertThat(tooShort.code()).isZero();
    assertThat(tooShort.out()).contains("skipped").contains("other-host");

    Thread releaser = new Thread(() -> {
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        return;
      }
      store.releaseLease(held);
    });
    releaser.start();
    long start = System.nanoTime();
    Run run = cli(withDb("backfill", "--resource", "orders", "--wait-for-lease", "60s"));
    releaser.join();
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1400));
    assertThat(run.out()).doesNotContain("skipped");
    assertThat(store.count("orders")).isEqualTo(1200);
  }

  @Test
  void statusShowsTheLeaseHolderItsHostAndWhetherItsProcessIsGone() throws Exception {
    assertThat(cli(withDb("backfill", "--resource", "technicians")).code()).isZero();
    Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Optional<Instant> endedStart = ended.info().startInstant();
    assertThat(ended.waitFor()).isZero();
    JdbcRecordStore store = store(jdbcUrl, null);
    String host = LeaseOwner.localHostName();
    LeaseOwner gone = new LeaseOwner(host, ended.pid(), endedStart, "gone1234");
    LeaseOwner alive = LeaseOwner.current();
    store.tryAcquireLease("orders", gone.encode(), clock.instant(), Duration.ofMinutes(2)).orElseThrow();
    store.tryAcquireLease("equipments", alive.encode(), clock.instant(), Duration.ofMinutes(2)).orElseThrow();

    Run run = cli(withDb("status"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines().filter(l -> l.startsWith("orders")).findFirst().orElseThrow())
        .contains("pid " + ended.pid() + " on host " + host).contains("process gone: the next run takes over at once");
    assertThat(run.out().lines().filter(l -> l.startsWith("equipments")).findFirst().orElseThrow())
        .contains("pid " + alive.pid() + " on host " + host).contains("process running");
    assertThat(run.out().lines().filter(l -> l.startsWith("technicians")).findFirst().orElseThrow()).endsWith(" -");
  }

  private static boolean reachable(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
