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
 * Run in a child JVM with a small heap by {@link StreamingTest}: writes {@code records} records of
 * {@code payloadBytes} each through the store's {@code write}, in pages of 500, then streams them
 * all back counting records and payload bytes. Prints the counts; exits 0 only when every record
 * came back in id order, and with an error (an OutOfMemoryError included) otherwise.
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
    Jdbi jdbi = switch (database) {
      // Embedded H2 keeps its page cache (16 MB by default) in this JVM's heap: bound it, so that
      // the heap measures Syncline's memory rather than the database's cache.
      case "h2" -> H2ContractTest.h2("jdbc:h2:file:" + Path.of(args[1]).toAbsolutePath() + ";CACHE_SIZE=4096");
      case "pg" -> Jdbi.create(PostgresqlContractTest.dataSource());
      case "maria" -> Jdbi.create(MariadbContractTest.dataSource());
      default -> throw new IllegalArgumentException("unknown database " + database);
    };
    JdbcRecordStore store = JdbcRecordStore.builder(jdbi).tablePrefix(prefix).build();
    store.migrate();

    Resource resource = Resource.builder("blobs").build();
    Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
    long written = 0;
    long start = System.nanoTime();
    for (int from = 0; from < records; from += 500) {
      List<SourceRecord> page = new ArrayList<>(500);
      for (int i = from; i < Math.min(records, from + 500); i++) {
        String json = payload(i, payloadBytes);
        written += json.length();
        page.add(SourceRecord.of(Integer.toString(i), t0.plusSeconds(i), json));
      }
      store.write(new PageWrite(resource, page, SyncState.initial("blobs"), t0));
    }
    long wroteAt = System.nanoTime();

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
    System.out.printf("records=%d bytes=%d written=%d maxHeap=%dMB write=%dms stream=%dms%n", count, bytes,
        written, Runtime.getRuntime().maxMemory() >> 20, (wroteAt - start) / 1_000_000,
        (readAt - wroteAt) / 1_000_000);
    if (count != records || bytes != written) {
      System.exit(3);
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
