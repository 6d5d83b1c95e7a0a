package io.syncline.benchmarks;

import io.syncline.Resource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.http.Conventions;
import io.syncline.http.HttpRecordSource;
import java.net.URI;

/**
 * The demo field-service API as the benchmarks use it: a {@link FieldServiceServer} on loopback
 * with only orders, no effective rate limit, and the Syncline source and resource that read it.
 * Stateless.
 */
public final class DemoApi {
  /** The page size every measurement uses, the API's maximum. */
  public static final int PER_PAGE = 500;
  /** The server's bearer token. */
  public static final String TOKEN = FieldServiceServer.Builder.DEFAULT_TOKEN;

  private DemoApi() {}

  /**
   * Generates and starts a server.
   *
   * @param orders how many orders it serves
   * @return the started server; the caller closes it
   */
  public static FieldServiceServer start(int orders) {
    return FieldServiceServer.builder().orders(orders).equipments(0).technicians(0).seed(7)
        .rateLimit(1_000_000).build().start();
  }

  /** @return the orders resource: timestamped, pages of 500 */
  public static Resource orders() {
    return Resource.builder("orders").cursorField("updated_at").pageSize(PER_PAGE).build();
  }

  /**
   * The Syncline source for a server, uncompressed: parts 1 to 5 compare Syncline with limits that
   * read identity bodies, and keep their numbers comparable with earlier runs; part 6
   * ({@link TrafficBenchmark}) measures compression.
   *
   * @param baseUrl the server's base URL
   * @return the source with default settings (no client-side rate, default retries) but identity bodies
   */
  public static HttpRecordSource source(URI baseUrl) {
    return source(baseUrl, false);
  }

  /**
   * The Syncline source for a server.
   *
   * @param baseUrl the server's base URL
   * @param compression whether to ask for gzip bodies (the source's default)
   * @return the source
   */
  public static HttpRecordSource source(URI baseUrl, boolean compression) {
    return HttpRecordSource.builder(baseUrl).bearerToken(TOKEN).compression(compression)
        .endpoint("orders", Conventions.demoApi("/v1/orders").build()).build();
  }
}
