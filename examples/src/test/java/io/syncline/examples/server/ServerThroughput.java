package io.syncline.examples.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Measures how fast the demo API serves records on loopback: pages through all orders with
 * java.net.http, {@code per_page=500}, one client thread, and prints records per second, by id,
 * by updated_at, and with a filter that makes the server scan (every record matches). A
 * measurement to run by hand, not a test:
 *
 * <pre>{@code
 * mvn -q -pl examples -am test-compile
 * java -cp examples/target/classes:examples/target/test-classes \
 *     io.syncline.examples.server.ServerThroughput [orders] [rounds]
 * }</pre>
 */
public final class ServerThroughput {
  private ServerThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args optional: number of orders (default 100,000) and rounds (default 5)
   * @throws Exception when a request fails
   */
  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long t0 = System.nanoTime();
    try (FieldServiceServer server = FieldServiceServer.builder().orders(orders).equipments(5_000)
        .rateLimit(1_000_000).build().start()) {
      System.out.printf("generated %,d orders in %d ms%n", orders, (System.nanoTime() - t0) / 1_000_000);
      HttpClient http = HttpClient.newHttpClient();
      for (String sort : new String[] {"id", "updated_at", "id&created_from=2000-01-01"}) {
        for (int round = 1; round <= rounds; round++) {
          long start = System.nanoTime();
          long records = 0;
          long bytes = 0;
          int requests = 0;
          for (int page = 1; ; page++) {
            URI uri = server.baseUrl().resolve("/v1/orders?per_page=500&sort=" + sort + "&page=" + page);
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + FieldServiceServer.Builder.DEFAULT_TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            requests++;
            if (r.statusCode() != 200) {
              throw new IllegalStateException("page " + page + ": " + r.statusCode());
            }
            bytes += r.body().length;
            String tail = new String(r.body(), Math.max(0, r.body().length - 120), Math.min(120, r.body().length),
                StandardCharsets.UTF_8);
            records += Math.min(500, orders - (long) (page - 1) * 500);
            if (tail.contains("\"has_more\":false")) {
              break;
            }
          }
          double secs = (System.nanoTime() - start) / 1e9;
          System.out.printf("sort=%-28s round %d: %,d records, %,d requests, %.1f MB in %.3f s = %,.0f records/s%n",
              sort, round, records, requests, bytes / 1e6, secs, records / secs);
        }
      }
      System.out.println("server counters: " + server.stats());
    }
  }
}
