package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.LeaseOwner;
import io.syncline.SyncState;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI backfill in a child JVM against the demo API, ended the hard way ({@code kill -9}) and the
 * polite way (SIGTERM, as Ctrl-C or {@code docker stop}); the same command run again at once must
 * resume without a lease error and end with every record stored.
 */
class CliCrashRecoveryTest {
  private static final String TOKEN = "crash-test-token";
  private static final int ORDERS = 3000;
  private static final int PER_PAGE = 20;

  @TempDir
  Path dir;

  private FieldServiceServer server;
  private String jdbcUrl;
  private List<CliChild> children = new java.util.ArrayList<>();

  @BeforeEach
  void startServer() {
    server = FieldServiceServer.builder().port(0).token(TOKEN).orders(ORDERS).equipments(10).technicians(5)
        .seed(21).build().start();
    jdbcUrl = "jdbc:h2:file:" + dir.resolve("crash").toAbsolutePath();
  }

  @AfterEach
  void stopAll() {
    children.forEach(CliChild::destroy);
    server.stop();
  }

  private List<String> backfill() {
    return List.of("backfill", "--api-url", server.baseUrl().toString(), "--jdbc-url", jdbcUrl,
        "--resource", "orders", "--per-page", Integer.toString(PER_PAGE), "--rate-limit", "25");
  }

  private CliChild startBackfillAndWaitUntilMidway(String name) throws Exception {
    CliChild child = CliChild.start(dir.resolve(name + ".log"), TOKEN, backfill());
    children.add(child);
    child.awaitWhileRunning(() -> server.stats().records() >= ORDERS / 4, "a quarter of the orders to be served");
    return child;
  }

  /** A store without a pool: embedded H2 closes the file when the last connection does, so the child can open it. */
  private JdbcRecordStore store() {
    return JdbcRecordStore.builder(org.jdbi.v3.core.Jdbi.create(jdbcUrl)).build();
  }

  private static long inserted(String output) {
    Matcher m = Pattern.compile("orders\\s+backfill\\s+\\d+ pages\\s+\\d+ fetched\\s+(\\d+) inserted").matcher(output);
    assertThat(m.find()).as("a result line in:%n%s", output).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  @Timeout(240)
  void aBackfillKilledWithSigkillResumesAtOnceWhenTheSameCommandRunsAgain() throws Exception {
    CliChild first = startBackfillAndWaitUntilMidway("killed");
    long killedPid = first.pid();
    first.kill();

    JdbcRecordStore store = store();
    long committed = store.count("orders");
    var lease = store.currentLease("orders", Instant.now());
    assertThat(lease).as("kill -9 leaves the lease behind").isPresent();
    assertThat(LeaseOwner.parse(lease.get().owner()).map(LeaseOwner::pid)).contains(killedPid);

    long started = System.nanoTime();
    Path log = dir.resolve("rerun.log");
    int code = CliChild.runToEnd(log, TOKEN, backfill());
    String output = java.nio.file.Files.readString(log);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    assertThat(code).as(output).isZero();
    assertThat(output).contains("took over the lease of " + lease.get().owner() + ", whose process is gone")
        .doesNotContain("busy").doesNotContain("error");
    assertThat(inserted(output)).as("resumed from the checkpoint: at most one page fetched again")
        .isEqualTo(ORDERS - committed);
    JdbcRecordStore after = store();
    assertThat(ApiSnapshot.stored(after, "orders")).isEqualTo(ApiSnapshot.fetchAll(server.baseUrl(), TOKEN, "orders"));
    assertThat(after.currentLease("orders", Instant.now())).isEmpty();
    System.out.printf("kill -9 after %d of %d orders committed; re-run resumed at once and finished in %d s%n",
        committed, ORDERS, seconds);
  }

  @Test
  @Timeout(240)
  void sigtermEndsTheBackfillAfterItsPageWithTheLeaseReleasedAndTheNextRunResumes() throws Exception {
    CliChild first = startBackfillAndWaitUntilMidway("terminated");
    int code = first.terminate();
    String output = first.output();

    assertThat(code).as("128 + SIGTERM; output:%n%s", output).isEqualTo(143);
    assertThat(output).contains("stopping: finishing the current page, then releasing the lease");
    Matcher stopped = Pattern.compile("stopped: Sync of resource 'orders' stopped on request after committing page (\\d+);")
        .matcher(output);
    assertThat(stopped.find()).as(output).isTrue();
    long lastPage = Long.parseLong(stopped.group(1));

    JdbcRecordStore store = store();
    assertThat(store.currentLease("orders", Instant.now())).as("lease released; output:%n%s", output).isEmpty();
    SyncState state = store.state("orders").orElseThrow();
    assertThat(state.checkpoint().orElseThrow().pages()).isEqualTo(lastPage);
    assertThat(store.count("orders")).isEqualTo(lastPage * PER_PAGE);

    Path log = dir.resolve("resume.log");
    int again = CliChild.runToEnd(log, TOKEN, backfill());
    String resumed = java.nio.file.Files.readString(log);
    assertThat(again).as(resumed).isZero();
    assertThat(resumed).doesNotContain("took over").doesNotContain("busy");
    assertThat(inserted(resumed)).as("resumed from page " + (lastPage + 1)).isEqualTo(ORDERS - lastPage * PER_PAGE);
    assertThat(ApiSnapshot.stored(store(), "orders")).isEqualTo(ApiSnapshot.fetchAll(server.baseUrl(), TOKEN, "orders"));
  }
}
