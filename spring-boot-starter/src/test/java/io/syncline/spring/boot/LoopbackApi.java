package io.syncline.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback API following Syncline's default listing convention (the field-service one) for one
 * resource at {@code /v1/<name>}: {@code per_page}, {@code sort=id|updated_at}, exclusive
 * {@code since_id}, inclusive {@code updated_since}, records at {@code /data} and
 * {@code /meta/has_more}. Requires a bearer token. Fixed timestamps. Thread-safe.
 */
final class LoopbackApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final HttpServer server;
  private final String token;
  private final Map<Long, ObjectNode> records = new TreeMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failuresLeft;

  LoopbackApi(String resource, int count, String token) throws IOException {
    this.token = token;
    for (long id = 1; id <= count; id++) {
      ObjectNode r = JSON.createObjectNode();
      r.put("id", id);
      r.put("name", resource + " " + id);
      r.put("updated_at", T0.plusSeconds(id).toString().replace("Z", ".000Z"));
      records.put(id, r);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/" + resource, this::list);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int requests() {
    return requests.get();
  }

  synchronized int size() {
    return records.size();
  }

  /** Makes the next {@code n} requests fail with 500. */
  void failNext(int n) {
    failuresLeft = n;
  }

  private void list(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      send(ex, 401, "{\"error\":\"unauthorized\"}");
      return;
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      send(ex, 500, "{\"error\":\"boom\"}");
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    int perPage = Math.min(500, Integer.parseInt(q.getOrDefault("per_page", "100")));
    List<ObjectNode> list;
    synchronized (this) {
      list = new ArrayList<>(records.values());
    }
    if (q.containsKey("since_id")) {
      long since = Long.parseLong(q.get("since_id"));
      list.removeIf(r -> r.get("id").asLong() <= since);
    }
    if (q.containsKey("updated_since")) {
      Instant since = Instant.parse(q.get("updated_since"));
      list.removeIf(r -> Instant.parse(r.get("updated_at").asText()).isBefore(since));
    }
    Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
    if ("updated_at".equals(q.get("sort"))) {
      list.sort(Comparator.<ObjectNode, Instant>comparing(r -> Instant.parse(r.get("updated_at").asText()))
          .thenComparing(byId));
    } else {
      list.sort(byId);
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    list.stream().limit(perPage).forEach(data::add);
    ObjectNode meta = body.putObject("meta");
    meta.put("has_more", list.size() > perPage);
    meta.put("total", list.size());
    send(ex, 200, body.toString());
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> m = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
