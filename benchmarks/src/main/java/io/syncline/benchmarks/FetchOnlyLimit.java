package io.syncline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.spi.SourceRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fetch-only limit: pages through the demo API's orders with plain {@link HttpClient} and
 * Jackson, exactly the requests Syncline's keyset paginator sends for a backfill
 * ({@code page=1&per_page=500&sort=id&since_id=<last id>}), parses every body into a tree and
 * discards it. One thread, no rate limit, no retries. Thread-safe.
 */
public final class FetchOnlyLimit {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI baseUrl;
  private final String token;
  private final int perPage;

  /**
   * Describes the API.
   *
   * @param baseUrl the server's base URL
   * @param token the bearer token
   * @param perPage records per page
   */
  public FetchOnlyLimit(URI baseUrl, String token, int perPage) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.perPage = perPage;
  }

  /**
   * Pages through all orders, parsing and discarding.
   *
   * @return how many records were read
   * @throws IOException on a transport failure or a non-200 answer
   * @throws InterruptedException when interrupted
   */
  public long readAll() throws IOException, InterruptedException {
    return page(null);
  }

  /**
   * Pages through all orders and keeps them as the records Syncline would have written: the
   * same records the write-only limit upserts.
   *
   * @return the records in id order
   * @throws IOException on a transport failure or a non-200 answer
   * @throws InterruptedException when interrupted
   */
  public List<SourceRecord> collectAll() throws IOException, InterruptedException {
    List<SourceRecord> out = new ArrayList<>();
    page(out);
    return out;
  }

  private long page(List<SourceRecord> sink) throws IOException, InterruptedException {
    long count = 0;
    long lastId = 0;
    while (true) {
      URI uri = baseUrl.resolve("/v1/orders?page=1&per_page=" + perPage + "&sort=id&since_id=" + lastId);
      HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
          .header("Accept", "application/json").GET().build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
      }
      JsonNode body = JSON.readTree(response.body());
      JsonNode data = body.path("data");
      for (JsonNode record : data) {
        lastId = record.path("id").asLong();
        count++;
        if (sink != null) {
          sink.add(SourceRecord.of(Long.toString(lastId), Instant.parse(record.path("updated_at").asText()),
              JSON.writeValueAsString(record)));
        }
      }
      if (data.isEmpty() || !body.path("meta").path("has_more").asBoolean(false)) {
        return count;
      }
    }
  }
}
