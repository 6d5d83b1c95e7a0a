package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.RejectedRecord;
import io.syncline.testing.MutableClock;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against an API whose listing holds records without their id or with a timestamp that
 * does not parse: with {@code invalid-records: set-aside} the run stores the good records, its
 * summary line counts the rejected ones and {@code status} shows them; without it the run fails
 * naming resource, page and field, never the record's content.
 */
class RejectedRecordsCliTest {
  private static final String SECRET = "tok-s3cr3t";

  @TempDir
  Path dir;

  private final MutableClock clock = MutableClock.standard();
  private HttpServer api;
  private String jdbcUrl;

  @BeforeEach
  void start() throws Exception {
    String at = clock.instant().minus(Duration.ofHours(1)).toString();
    String body = "{\"data\":["
        + "{\"id\":1,\"updated_at\":\"" + at + "\"},"
        + "{\"name\":\"no id\",\"api_token\":\"" + SECRET + "\",\"updated_at\":\"" + at + "\"},"
        + "{\"id\":2,\"updated_at\":\"" + at + "\"},"
        + "{\"id\":3,\"updated_at\":\"soon\",\"api_token\":\"" + SECRET + "\"}"
        + "],\"meta\":{\"has_more\":false}}";
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext("/items", ex -> {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    api.start();
    jdbcUrl = "jdbc:h2:file:" + dir.resolve("rejects").toAbsolutePath();
  }

  @AfterEach
  void stop() {
    api.stop(0);
  }

  private Path config(String invalidRecords) throws Exception {
    return Files.writeString(dir.resolve("items.yml"), """
        api:
          base-url: http://127.0.0.1:%d
          auth: { type: none }
        resources:
          items:
            path: /items
            timestamp-field: updated_at
        %s""".formatted(api.getAddress().getPort(), invalidRecords == null ? ""
        : "    invalid-records: " + invalidRecords + "\n"));
  }

  private CliRun cli(String... args) {
    return CliRun.of(Map.of(), clock, args);
  }

  @Test
  void withSetAsideTheRunCountsTheRejectedRecordsAndStatusShowsThem() throws Exception {
    Path config = config("set-aside");

    CliRun run = cli("incremental", "--config", config.toString(), "--jdbc-url", jdbcUrl);

    assertThat(run.code()).as(run.err()).isZero();
    String line = run.out().lines().filter(l -> l.startsWith("items")).findFirst().orElseThrow();
    assertThat(line).contains("2 inserted").contains("2 rejected").doesNotContain(SECRET);
    JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(jdbcUrl, null, null)).build();
    assertThat(store.count("items")).isEqualTo(2);
    assertThat(store.rejected("items", 10)).extracting(RejectedRecord::field).containsExactly("id", "updated_at");

    CliRun status = cli("status", "--config", config.toString(), "--jdbc-url", jdbcUrl);

    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("rejected records: 2 set aside").doesNotContain(SECRET);
  }

  @Test
  void byDefaultTheRunFailsNamingResourcePageAndFieldButNotTheRecord() throws Exception {
    Path config = config(null);

    CliRun run = cli("incremental", "--config", config.toString(), "--jdbc-url", jdbcUrl);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out() + run.err()).contains("items").contains("page 1").contains("'id'").doesNotContain(SECRET);
    CliRun status = cli("status", "--config", config.toString(), "--jdbc-url", jdbcUrl);
    assertThat(status.out()).doesNotContain("rejected records").doesNotContain(SECRET);
  }

  @Test
  void theSummaryLineMentionsRejectedRecordsOnlyWhenThereAreSome() {
    io.syncline.SyncResult none = new io.syncline.SyncResult("items", io.syncline.SyncMode.INCREMENTAL, "r", 1, 3,
        new io.syncline.spi.WriteResult(3, 0, 0, 0, 0), Duration.ofMillis(5), java.util.Optional.empty(),
        java.util.Optional.empty());
    io.syncline.SyncResult some = new io.syncline.SyncResult("items", io.syncline.SyncMode.INCREMENTAL, "r", 1, 3,
        new io.syncline.spi.WriteResult(2, 0, 0, 0, 1), Duration.ofMillis(5), java.util.Optional.empty(),
        java.util.Optional.empty());
    assertThat(SyncRunCommand.format(none)).doesNotContain("rejected");
    assertThat(SyncRunCommand.format(some)).contains("      1 rejected");
  }
}
