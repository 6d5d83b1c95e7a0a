package io.syncline.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract's "Compression and conditional requests", with plain java.net.http requests. */
class CompressionAndConditionalRequestsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final FieldServiceServer server = FieldServiceServer.builder().orders(300).equipments(5).technicians(3)
      .rateLimit(3).build().start();

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUrl().resolve(pathAndQuery))
        .header("Authorization", "Bearer " + FieldServiceServer.Builder.DEFAULT_TOKEN);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aRequestAcceptingGzipGetsTheSameListingGzipped() throws Exception {
    HttpResponse<byte[]> plain = get("/v1/orders?per_page=200");
    HttpResponse<byte[]> gz = get("/v1/orders?per_page=200", "Accept-Encoding", "gzip, deflate");

    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
    byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
    assertThat(new String(inflated, StandardCharsets.UTF_8)).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
    assertThat(gz.body().length).isLessThan(plain.body().length / 3);
    assertThat(get("/v1/orders?per_page=5", "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding"))
        .isEmpty();
  }

  @Test
  void aMatchingIfNoneMatchGets304WithoutBodyAndWithoutSpendingTheRateLimit() throws Exception {
    HttpResponse<byte[]> first = get("/v1/equipments?sort=updated_at", "Accept-Encoding", "gzip");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");

    // The limit is 3 per second: ten 304s in a row are never refused.
    for (int i = 0; i < 10; i++) {
      HttpResponse<byte[]> again = get("/v1/equipments?sort=updated_at", "Accept-Encoding", "gzip",
          "If-None-Match", etag);
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
      assertThat(again.headers().firstValue("ETag")).contains(etag);
    }
    assertThat(server.stats().notModified()).isEqualTo(10);
    assertThat(server.stats().rateLimited()).isZero();

    // Another representation (identity) or a changed listing does not match.
    assertThat(get("/v1/equipments?sort=updated_at", "If-None-Match", etag).statusCode()).isNotEqualTo(304);
    Thread.sleep(1100); // a fresh rate-limit window
    server.updateRandom(ApiResource.EQUIPMENTS, 1);
    HttpResponse<byte[]> changed = get("/v1/equipments?sort=updated_at", "Accept-Encoding", "gzip",
        "If-None-Match", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
  }
}
