package io.syncline.jdbc;

import io.syncline.Resource;
import io.syncline.SyncState;
import io.syncline.spi.PageWrite;
import io.syncline.spi.SourceRecord;
import io.syncline.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Run in a child JVM with a small heap by {@link StreamingTest}, after the test wrote
 * {@code records} records of {@code payloadBytes} each ({@link #writeAll}): streams them all back
 * counting records and payload bytes. Prints the counts; exits 0 only when every record came back
 * in id order, and with an error (an OutOfMemoryError included) otherwise.
 *
 * <p>Arguments: {@code h2 <file> | pg | maria}, the table prefix, the record count, the payload size.
 */
final class StreamingChild {
  private StreamingChild() {}

  public static void main(String[] args) {
    String database = args[0];
    int arg = database.equals("h2") ? 2 : 1;
    String prefix = args[arg];
    int records = Integer.parseInt(args[arg + 1]);
    int payloadBytes = Integer.parseInt(args[arg + 2]);
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi(database, database.equals("h2") ? args[1] : null))
        .tablePrefix(prefix).build();

    long start = System.nanoTime();
    long count = 0;
    long bytes = 0;
    try (Stream<StoredRecord> stream = store.stream("blobs")) {
      Iterator<StoredRecord> it = stream.iterator();
      while (it.hasNext()) {
        StoredRecord r = it.next();
        if (!r.id().equals(Long.toString(count))) {
          throw new IllegalStateException("record " + count + " came back as id " + r.id());
        }
        bytes += r.json().getBytes(StandardCharsets.UTF_8).length;
        count++;
      }
    }
    long readAt = System.nanoTime();
    System.out.printf("records=%d bytes=%d maxHeap=%dMB stream=%dms%n", count, bytes,
        Runtime.getRuntime().maxMemory() >> 20, (readAt - start) / 1_000_000);
    if (count != records || bytes != (long) records * payloadBytes) {
      System.exit(3);
    }
  }

  /**
   * The Jdbi for a database under test.
   *
   * @param database {@code h2}, {@code pg} or {@code maria}
   * @param h2File the H2 file, for {@code h2}
   * @return the Jdbi
   */
  static Jdbi jdbi(String database, String h2File) {
    return switch (database) {
      // Embedded H2 keeps its page cache (16 MB by default) in this JVM's heap: bound it, so that
      // the heap measures Syncline's memory rather than the database's cache.
      case "h2" -> H2ContractTest.h2("jdbc:h2:file:" + Path.of(h2File).toAbsolutePath() + ";CACHE_SIZE=4096");
      case "pg" -> TestServer.POSTGRESQL.jdbi();
      case "maria" -> TestServer.MARIADB.jdbi();
      default -> throw new IllegalArgumentException("unknown database " + database);
    };
  }

  /**
   * Writes the records the child will stream, through the store in pages of 500 (the test does
   * this in its own JVM, so that the child's small heap measures streaming alone).
   *
   * @param store the store
   * @param records how many
   * @param payloadBytes each payload's size
   */
  static void writeAll(JdbcRecordStore store, int records, int payloadBytes) {
    store.migrate();
    Resource resource = Resource.builder("blobs").build();
    Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
    for (int from = 0; from < records; from += 500) {
      List<SourceRecord> page = new ArrayList<>(500);
      for (int i = from; i < Math.min(records, from + 500); i++) {
        page.add(SourceRecord.of(Integer.toString(i), t0.plusSeconds(i), payload(i, payloadBytes)));
      }
      store.write(new PageWrite(resource, page, SyncState.initial("blobs"), t0));
    }
  }

  private static String payload(int i, int size) {
    StringBuilder sb = new StringBuilder(size);
    sb.append("{\"id\":\"").append(i).append("\",\"pad\":\"");
    long x = i * 0x9E3779B97F4A7C15L + 1;
    while (sb.length() < size - 2) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      sb.append((char) ('a' + (int) ((x >>> 1) % 26)));
    }
    return sb.append("\"}").toString();
  }
}
