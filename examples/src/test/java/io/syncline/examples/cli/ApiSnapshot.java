package io.syncline.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.spi.StoredRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a resource from the API and from the store independently of Syncline's sync path, to compare them. */
final class ApiSnapshot {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiSnapshot() {}

  /** Pages through a resource over HTTP: id → the record's JSON as re-serialised by Jackson. */
  static Map<String, String> fetchAll(URI base, String token, String resource) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> m = new TreeMap<>();
    for (int page = 1; ; page++) {
      HttpResponse<String> resp = http.send(HttpRequest.newBuilder(
              base.resolve("/v1/" + resource + "?per_page=500&page=" + page))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("GET " + resource + " page " + page + ": HTTP " + resp.statusCode());
      }
      JsonNode body = JSON.readTree(resp.body());
      for (JsonNode n : body.get("data")) {
        m.put(n.get("id").asText(), JSON.writeValueAsString(n));
      }
      if (!body.get("meta").get("has_more").asBoolean()) {
        return m;
      }
    }
  }

  /** A resource as stored: id → payload text. */
  static Map<String, String> stored(JdbcRecordStore store, String resource) {
    Map<String, String> m = new TreeMap<>();
    try (Stream<StoredRecord> s = store.stream(resource)) {
      s.forEach(r -> m.put(r.id(), r.json()));
    }
    return m;
  }
}
