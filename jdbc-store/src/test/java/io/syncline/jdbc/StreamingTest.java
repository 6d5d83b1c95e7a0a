package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stream(resource)} really streams: the test writes more payload through {@code write} than
 * a 48 MB heap could ever hold (by default 8,000 records × 10 KB = 80 MB; set
 * {@code -Dsyncline.streaming.records} and {@code -Dsyncline.streaming.payloadBytes} for a
 * heavier run, e.g. 150,000 × 2,048 = 300 MB), then a child JVM limited to that heap streams every
 * record back counting bytes. A store or driver that buffered the result set would die with an
 * OutOfMemoryError and a non-zero exit.
 */
class StreamingTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final int RECORDS = Integer.getInteger("syncline.streaming.records", 8_000);
  private static final int PAYLOAD_BYTES = Integer.getInteger("syncline.streaming.payloadBytes", 10 * 1024);
  private static final String HEAP = "-Xmx48m";

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void streamingFromH2NeverHoldsTheResourceInMemory() throws Exception {
    assertChildStreamsEverything(List.of("h2", dir.resolve("streaming").toString()), null);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void streamingFromPostgresqlNeverHoldsTheResourceInMemory() throws Exception {
    TestServer.POSTGRESQL.assumeReachable();
    assertChildStreamsEverything(List.of("pg"), TestServer.POSTGRESQL.jdbi());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void streamingFromMariadbNeverHoldsTheResourceInMemory() throws Exception {
    TestServer.MARIADB.assumeReachable();
    assertChildStreamsEverything(List.of("maria"), TestServer.MARIADB.jdbi());
  }

  private void assertChildStreamsEverything(List<String> database, Jdbi cleanup) throws Exception {
    assertThat((long) RECORDS * PAYLOAD_BYTES).as("payload written must exceed the child's heap")
        .isGreaterThan(60L << 20);
    String prefix = "slstream_" + ProcessHandle.current().pid() % 100_000 + "_" + COUNTER.incrementAndGet() + "_";
    String h2File = database.size() > 1 ? database.get(1) : null;
    StreamingChild.writeAll(JdbcRecordStore.builder(StreamingChild.jdbi(database.get(0), h2File))
        .tablePrefix(prefix).build(), RECORDS, PAYLOAD_BYTES);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        StreamingChild.class.getName()));
    command.addAll(database);
    command.addAll(List.of(prefix, Integer.toString(RECORDS), Integer.toString(PAYLOAD_BYTES)));
    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      boolean exited = child.waitFor(110, TimeUnit.SECONDS);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(exited).as("child still running after 110 s; output so far:%n%s", output).isTrue();
      assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
      assertThat(output).contains("records=" + RECORDS + " bytes=" + (long) RECORDS * PAYLOAD_BYTES);
    } finally {
      child.destroyForcibly();
      if (cleanup != null) {
        dropTables(cleanup, prefix);
      }
    }
  }

  private static void dropTables(Jdbi jdbi, String prefix) throws IOException {
    jdbi.useHandle(h -> {
      h.execute("DROP TABLE IF EXISTS " + prefix + "sync_record");
      h.execute("DROP TABLE IF EXISTS " + prefix + "sync_state");
      h.execute("DROP TABLE IF EXISTS " + prefix + "rejected_record");
    });
  }
}
