package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import io.syncline.Traffic;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.examples.server.ServerStats;
import io.syncline.http.Conventions;
import io.syncline.http.HttpRecordSource;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Part 8: what travels on the wire, from Syncline's own counters ({@link SyncResult#traffic()}),
 * cross-checked with the demo server's.
 *
 * <ul>
 *   <li>Bytes on the wire per record of a backfill of orders, with gzip (the default) and without
 *       (target: gzip ≤ 0.3 × identity).
 *   <li>Backfill throughput into embedded H2 with and without gzip, and the source alone (paging
 *       through the listing with {@link HttpRecordSource#fetch}, no store), which isolates the cost
 *       of compressing on the server and inflating while parsing (target: not lower with gzip).
 *   <li>The client's share of that cost alone: a static server answers with pre-encoded pages, so
 *       no compression runs on the serving side.
 *   <li>The cost of polling an unchanged API: {@code incremental} of orders, equipments and
 *       technicians until a poll repeats the previous poll's requests, then one more (target: one
 *       request per resource, no body).
 *   <li>Backfill throughput through a loopback relay that paces responses to 10 and 50 Mbit/s,
 *       with and without gzip: what compression buys on a real link (target: not lower with gzip).
 * </ul>
 *
 * <p>Plain loopback has no bandwidth limit, so its throughput rows show the CPU cost of
 * compression, not its benefit on a real network. Repetitions alternate the two modes so drift
 * hits both alike. Not thread-safe.
 */
public final class TrafficBenchmark {
  private static final String PREFIX = "bench_tr_";

  private final Options options;
  private final Path workDir;
  private final ResultTable table;

  /**
   * Prepares the measurement.
   *
   * @param options the run's options
   * @param workDir where the embedded database lives
   * @param table where results go
   */
  public TrafficBenchmark(Options options, Path workDir, ResultTable table) {
    this.options = options;
    this.workDir = workDir;
    this.table = table;
  }

  /**
   * Runs the measurements.
   *
   * @throws Exception on failure
   */
  public void run() throws Exception {
    int n = options.size(100_000, 3_000);
    Resource orders = DemoApi.orders();
    JdbcConnectionPool pool = Database.H2.open(workDir, "traffic")
        .orElseThrow(() -> new IllegalStateException("embedded H2 did not open"));
    try (FieldServiceServer server = FieldServiceServer.builder().orders(n).equipments(Math.max(10, n / 10))
        .technicians(50).seed(7).rateLimit(1_000_000).build().start()) {
      Samples[] backfill = {new Samples(), new Samples()};
      Samples[] sourceOnly = {new Samples(), new Samples()};
      Traffic[] traffic = new Traffic[2];
      ServerStats[] served = new ServerStats[2];
      long records = 0;
      for (int rep = 1; rep <= options.reps(); rep++) {
        for (int mode = 0; mode < 2; mode++) {
          boolean gzip = mode == 1;
          String label = gzip ? "gzip" : "identity";
          Database.dropStore(pool, PREFIX);
          JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(DemoApi.PER_PAGE).build();
          store.migrate();
          SyncEngine engine = SyncEngine.builder(DemoApi.source(server.baseUrl(), gzip), store).resource(orders).build();
          ServerStats before = server.stats();
          long t0 = System.nanoTime();
          SyncResult r = engine.backfill(orders);
          double rate = r.fetched() / seconds(t0);
          served[mode] = server.stats().minus(before);
          if (store.count("orders") != n) {
            throw new IllegalStateException(label + " backfill stored " + store.count("orders") + " of " + n);
          }
          backfill[mode].add(rate);
          traffic[mode] = r.traffic();
          records = r.fetched();
          progress(rep, label + " backfill into H2", rate);

          HttpRecordSource source = DemoApi.source(server.baseUrl(), gzip);
          long t1 = System.nanoTime();
          long read = readAll(source, orders);
          double fetchRate = read / seconds(t1);
          sourceOnly[mode].add(fetchRate);
          progress(rep, label + " source alone", fetchRate);
        }
      }
      double plainPerRecord = (double) traffic[0].wireBytes() / records;
      double gzipPerRecord = (double) traffic[1].wireBytes() / records;
      double ratio = gzipPerRecord / plainPerRecord;
      String size = String.format(Locale.ROOT, "%,d orders, per_page %d", n, DemoApi.PER_PAGE);
      table.add("8 traffic", "backfill wire bytes per record, identity", String.format(Locale.ROOT, "%.1f B/rec",
          plainPerRecord), String.format(Locale.ROOT, "%s; Syncline's counters: %s; server counted %,d bytes", size,
              traffic[0], served[0].bytes()));
      table.add("8 traffic", "backfill wire bytes per record, gzip", String.format(Locale.ROOT, "%.1f B/rec",
          gzipPerRecord), String.format(Locale.ROOT, "**%.3f × identity** (target ≤ 0.30: %s); Syncline's counters: "
              + "%s; server counted %,d bytes", ratio, ratio <= 0.3 ? "met" : "**missed**", traffic[1],
              served[1].bytes()));
      for (int mode = 0; mode < 2; mode++) {
        String label = mode == 1 ? "gzip" : "identity";
        table.add("8 traffic", "backfill into H2, " + label, ResultTable.rate(backfill[mode].median()),
            ResultTable.spread(backfill[mode]) + (mode == 1 ? String.format(Locale.ROOT,
                "; **%.2f × identity** (target ≥ 1.00 on a real network; loopback shows only the CPU cost)",
                backfill[1].median() / backfill[0].median()) : ""));
        table.add("8 traffic", "source alone (fetch + decode + parse), " + label,
            ResultTable.rate(sourceOnly[mode].median()), ResultTable.spread(sourceOnly[mode])
                + (mode == 1 ? String.format(Locale.ROOT, "; %.2f × identity",
                    sourceOnly[1].median() / sourceOnly[0].median()) : ""));
      }
      for (double mbps : new double[] {10, 50}) {
        overLink(server, pool, n, mbps);
      }
      clientCost(n);
      unchangedPolls(server, pool);
    } finally {
      Database.dropStore(pool, PREFIX);
      pool.dispose();
    }
  }

  /**
   * The client's share alone: a static loopback server answers every request with the same page
   * of 500 orders taken from the demo data, stored once as identity and once gzipped, so no
   * compression runs on the serving side; the source pages through {@code n} records with each.
   */
  private void clientCost(int n) throws Exception {
    StringBuilder body = new StringBuilder("{\"data\":[");
    try (FieldServiceServer small = DemoApi.start(DemoApi.PER_PAGE)) {
      List<io.syncline.spi.SourceRecord> page = new FetchOnlyLimit(small.baseUrl(), DemoApi.TOKEN, DemoApi.PER_PAGE)
          .collectAll();
      for (int i = 0; i < page.size(); i++) {
        body.append(i > 0 ? "," : "").append(page.get(i).json());
      }
    }
    int pages = Math.max(1, n / DemoApi.PER_PAGE);
    byte[] plain = (body + "],\"meta\":{\"has_more\":true}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] last = (body + "],\"meta\":{\"has_more\":false}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[][] gz = {gzip(plain), gzip(last)};
    java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      boolean gzip = String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
      boolean end = served.incrementAndGet() % pages == 0;
      byte[] b = gzip ? gz[end ? 1 : 0] : end ? last : plain;
      if (gzip) {
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      ex.sendResponseHeaders(200, b.length);
      try (java.io.OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    });
    java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newFixedThreadPool(2);
    http.setExecutor(handlers);
    http.start();
    try {
      java.net.URI base = java.net.URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      Samples[] rates = {new Samples(), new Samples()};
      for (int rep = 1; rep <= options.reps(); rep++) {
        for (int mode = 0; mode < 2; mode++) {
          HttpRecordSource source = HttpRecordSource.builder(base).compression(mode == 1)
              .endpoint("orders", Conventions.demoApi("/v1/orders").build()).build();
          served.set(0);
          long t0 = System.nanoTime();
          long read = readAll(source, DemoApi.orders());
          double rate = read / seconds(t0);
          rates[mode].add(rate);
          progress(rep, (mode == 1 ? "gzip" : "identity") + " client alone (static pages)", rate);
        }
      }
      table.add("8 traffic", "client alone (static pre-encoded pages: fetch + decode + parse), identity",
          ResultTable.rate(rates[0].median()), ResultTable.spread(rates[0]) + String.format(Locale.ROOT,
              "; %d pages of %d orders, %,d B each", pages, DemoApi.PER_PAGE, plain.length));
      table.add("8 traffic", "client alone (static pre-encoded pages: fetch + decode + parse), gzip",
          ResultTable.rate(rates[1].median()), ResultTable.spread(rates[1]) + String.format(Locale.ROOT,
              "; **%.2f × identity**; %,d B each", rates[1].median() / rates[0].median(), gz[0].length));
    } finally {
      http.stop(0);
      handlers.shutdownNow();
    }
  }

  private static byte[] gzip(byte[] plain) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(out)) {
      g.write(plain);
    }
    return out.toByteArray();
  }

  /**
   * Through a {@link ThrottledLink} of the given downstream speed, alternating identity and gzip:
   * the source alone (fetch, decode, parse) and a backfill into H2 of all orders. This is what
   * compression is for, which loopback alone cannot show.
   */
  private void overLink(FieldServiceServer server, JdbcConnectionPool pool, int n, double mbps) throws Exception {
    Resource orders = DemoApi.orders();
    Samples[] fetch = {new Samples(), new Samples()};
    Samples[] backfill = {new Samples(), new Samples()};
    try (ThrottledLink link = ThrottledLink.start(server.baseUrl(), mbps)) {
      for (int rep = 1; rep <= options.reps(); rep++) {
        for (int mode = 0; mode < 2; mode++) {
          String label = (mode == 1 ? "gzip" : "identity") + " over " + mbps + " Mbit/s: ";
          long t0 = System.nanoTime();
          long read = readAll(DemoApi.source(link.baseUrl(), mode == 1), orders);
          fetch[mode].add(read / seconds(t0));
          progress(rep, label + "source alone", read / seconds(t0));

          Database.dropStore(pool, PREFIX);
          JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(DemoApi.PER_PAGE).build();
          store.migrate();
          SyncEngine engine = SyncEngine.builder(DemoApi.source(link.baseUrl(), mode == 1), store).resource(orders)
              .build();
          long t1 = System.nanoTime();
          SyncResult r = engine.backfill(orders);
          double rate = r.fetched() / seconds(t1);
          if (store.count("orders") != n) {
            throw new IllegalStateException("backfill over the link stored " + store.count("orders") + " of " + n);
          }
          backfill[mode].add(rate);
          progress(rep, label + "backfill into H2", rate);
        }
      }
    }
    linkRows(mbps, "source alone (fetch + decode + parse)", fetch);
    linkRows(mbps, "backfill into H2", backfill);
  }

  private void linkRows(double mbps, String subject, Samples[] rates) {
    for (int mode = 0; mode < 2; mode++) {
      table.add("8 traffic", String.format(Locale.ROOT, "%s over an emulated %.0f Mbit/s link, %s", subject, mbps,
          mode == 1 ? "gzip" : "identity"), ResultTable.rate(rates[mode].median()),
          ResultTable.spread(rates[mode]) + (mode == 1 ? String.format(Locale.ROOT,
              "; **%.2f × identity** (target ≥ 1.00: %s)", rates[1].median() / rates[0].median(),
              rates[1].median() >= rates[0].median() ? "met" : "**missed**")
              : "; responses paced by a loopback relay (ThrottledLink), requests unpaced"));
    }
  }

  /** Backfills three resources, then polls until a poll repeats the previous one's requests. */
  private void unchangedPolls(FieldServiceServer server, JdbcConnectionPool pool) {
    List<Resource> resources = List.of(DemoApi.orders(),
        Resource.builder("equipments").cursorField("updated_at").pageSize(DemoApi.PER_PAGE).build(),
        Resource.builder("technicians").pageSize(DemoApi.PER_PAGE).build());
    HttpRecordSource source = HttpRecordSource.builder(server.baseUrl()).bearerToken(DemoApi.TOKEN)
        .endpoint("orders", Conventions.demoApi("/v1/orders").build())
        .endpoint("equipments", Conventions.demoApi("/v1/equipments").build())
        .endpoint("technicians", Conventions.demoApi("/v1/technicians").noTimestampFilter().build())
        .build();
    Database.dropStore(pool, PREFIX);
    JdbcRecordStore store = JdbcRecordStore.builder(pool).tablePrefix(PREFIX).batchSize(DemoApi.PER_PAGE).build();
    store.migrate();
    SyncEngine engine = SyncEngine.builder(source, store).resources(resources).build();
    Traffic backfill = Traffic.NONE;
    for (Resource r : resources) {
      backfill = backfill.plus(engine.backfill(r).traffic());
    }
    Traffic previous = null;
    for (int poll = 1; poll <= 4; poll++) {
      Traffic t = Traffic.NONE;
      long fetched = 0;
      ServerStats before = server.stats();
      for (Resource r : resources) {
        SyncResult res = engine.incremental(r);
        t = t.plus(res.traffic());
        fetched += res.fetched();
      }
      ServerStats cost = server.stats().minus(before);
      boolean met = t.requests() == resources.size() && t.notModified() == resources.size() && t.wireBytes() == 0;
      table.add("8 traffic", "unchanged poll " + poll + " of orders, equipments, technicians",
          String.format(Locale.ROOT, "%d requests, %d × 304, %,d B", t.requests(), t.notModified(), t.wireBytes()),
          String.format(Locale.ROOT, "%d records re-read; server: %d requests, %d × 304, %,d B, %d rate-limited; "
                  + "target 1 request per resource, no body: %s%s", fetched, cost.requests(), cost.notModified(),
              cost.bytes(), cost.rateLimited(), met ? "met" : "not met",
              poll == 1 ? String.format(Locale.ROOT, " (the backfills moved %s)", backfill) : ""));
      if (met && previous != null && previous.equals(t)) {
        break;
      }
      previous = t;
    }
  }

  private static long readAll(HttpRecordSource source, Resource orders) {
    long read = 0;
    PageRequest request = new PageRequest(orders, io.syncline.SyncMode.BACKFILL, PageRequest.Order.ID,
        Optional.empty(), Optional.empty(), Optional.empty(), 1);
    while (true) {
      Page page = source.fetch(request);
      read += page.records().size();
      if (!page.hasMore() || page.records().isEmpty()) {
        return read;
      }
      request = new PageRequest(orders, io.syncline.SyncMode.BACKFILL, PageRequest.Order.ID,
          Optional.of(new io.syncline.Cursor.IdOnly(page.records().get(page.records().size() - 1).id())),
          page.continuation(), Optional.empty(), request.pageNumber() + 1);
    }
  }

  private static void progress(int rep, String what, double rate) {
    System.err.printf(Locale.ROOT, "    rep %d: %s %,.0f rec/s%n", rep, what, rate);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
