package io.syncline.examples.otherapi;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback API that is not the field-service one: other paths ({@code /api/v2/tickets},
 * {@code /api/v2/people}), other field names ({@code ticket_no}, {@code modified} in epoch
 * seconds, {@code uid}), records under {@code /items} or {@code /results}, opaque next-page tokens
 * for tickets and skip/limit offsets for people, an exclusive {@code modified_after} filter, an
 * {@code X-Key}-free bearer token. Deterministic (no clock): timestamps are fixed epoch seconds.
 * Thread-safe.
 */
public final class TicketApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_700_000_000L;

  private final String token;
  private final HttpServer server;
  private final Map<Long, ObjectNode> tickets = new TreeMap<>();
  private final Map<Long, ObjectNode> people = new TreeMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  /**
   * Starts the API on a free loopback port.
   *
   * @param ticketCount tickets to serve
   * @param peopleCount people to serve
   * @param token the bearer token it requires
   */
  public TicketApi(int ticketCount, int peopleCount, String token) throws IOException {
    this.token = token;
    for (long i = 1; i <= ticketCount; i++) {
      ObjectNode t = JSON.createObjectNode();
      t.put("ticket_no", i * 3);
      t.put("subject", "ticket " + i);
      t.put("opened", LocalDate.of(2025, 1, 1).plusDays(i % 90).toString());
      t.put("modified", T0 + i * 7 / 2); // pairs of tickets share a second
      tickets.put(i * 3, t);
    }
    for (long i = 1; i <= peopleCount; i++) {
      ObjectNode p = JSON.createObjectNode();
      p.put("uid", 1000 + i);
      p.put("display", "person " + i);
      people.put(1000 + i, p);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v2/tickets", this::tickets);
    server.createContext("/api/v2/people", this::people);
    server.start();
  }

  /** @return the base URL, ending in {@code /api/v2} */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2");
  }

  /** @return requests served */
  public int requests() {
    return requests.get();
  }

  /** @return every ticket as JSON text, by ticket number */
  public synchronized Map<String, String> tickets() {
    return snapshot(tickets);
  }

  /** @return every person as JSON text, by uid */
  public synchronized Map<String, String> people() {
    return snapshot(people);
  }

  /**
   * Edits a ticket now, as the API's users would: its {@code modified} becomes the clock's second
   * (or one past the newest, if that is later).
   *
   * @param ticketNo the ticket
   * @param subject its new subject
   * @param clock the API's clock
   */
  public synchronized void edit(long ticketNo, String subject, java.time.Clock clock) {
    long newest = tickets.values().stream().mapToLong(t -> t.get("modified").asLong()).max().orElse(T0);
    ObjectNode t = tickets.get(ticketNo);
    t.put("subject", subject);
    t.put("modified", Math.max(newest + 1, clock.instant().getEpochSecond()));
  }

  private static Map<String, String> snapshot(Map<Long, ObjectNode> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(Long.toString(k), v.toString()));
    return out;
  }

  private boolean authorized(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      send(ex, 401, "{\"error\":\"unauthorized\"}");
      return false;
    }
    return true;
  }

  private void tickets(HttpExchange ex) throws IOException {
    if (!authorized(ex)) {
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    int limit = Math.min(200, Integer.parseInt(q.getOrDefault("limit", "50")));
    List<ObjectNode> list;
    synchronized (this) {
      list = new ArrayList<>(tickets.values());
    }
    String after = q.get("modified_after");
    if (after != null) {
      long a = Long.parseLong(after);
      list.removeIf(t -> t.get("modified").asLong() <= a);
    }
    String from = q.get("opened_from");
    String to = q.get("opened_to");
    list.removeIf(t -> (from != null && t.get("opened").asText().compareTo(from) < 0)
        || (to != null && t.get("opened").asText().compareTo(to) > 0));
    String order = q.getOrDefault("order_by", "ticket_no");
    Comparator<ObjectNode> byNo = Comparator.comparingLong(t -> t.get("ticket_no").asLong());
    switch (order) {
      case "ticket_no" -> list.sort(byNo);
      case "modified" -> list.sort(Comparator.<ObjectNode>comparingLong(t -> t.get("modified").asLong()).thenComparing(byNo));
      default -> {
        send(ex, 400, "{\"error\":\"bad order_by\"}");
        return;
      }
    }
    int offset = q.containsKey("cursor")
        ? Integer.parseInt(new String(Base64.getUrlDecoder().decode(q.get("cursor")), StandardCharsets.UTF_8).substring(2))
        : 0;
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    list.subList(Math.min(offset, list.size()), Math.min(offset + limit, list.size())).forEach(items::add);
    ObjectNode paging = body.putObject("paging");
    paging.put("count", list.size());
    if (offset + limit < list.size()) {
      paging.put("next", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("o:" + (offset + limit)).getBytes(StandardCharsets.UTF_8)));
    } else {
      paging.putNull("next");
    }
    send(ex, 200, body.toString());
  }

  private void people(HttpExchange ex) throws IOException {
    if (!authorized(ex)) {
      return;
    }
    Map<String, String> q = query(ex.getRequestURI());
    int limit = Math.min(100, Integer.parseInt(q.getOrDefault("limit", "20")));
    int skip = Integer.parseInt(q.getOrDefault("skip", "0"));
    List<ObjectNode> list;
    synchronized (this) {
      list = new ArrayList<>(people.values());
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode results = body.putArray("results");
    list.subList(Math.min(skip, list.size()), Math.min(skip + limit, list.size())).forEach(results::add);
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

  /**
   * The Syncline configuration of this API.
   *
   * @return YAML text
   */
  public String config() {
    return """
        # A ticketing API with its own conventions.
        api:
          base-url: %s
          auth: { token-env: TICKETS_KEY }
          rate-limit: { requests: 500, per: 1s }
          retry: { max-attempts: 3, base-delay: 50ms, max-delay: 1s }
          listing:
            records: /items
            paginator: { type: next-token, pointer: /paging/next, parameter: cursor }
            id-filter: none
            has-more: none
            total: /paging/count
            page-size-parameter: limit
            max-page-size: 200
            timestamp-filter: { parameter: modified_after, inclusive: false, format: epoch-seconds, granularity: 1s }
            sort: { parameter: order_by, by-id: ticket_no, by-updated-at: modified }
            record-timestamps: epoch-seconds
        resources:
          tickets:
            path: /tickets
            id-field: ticket_no
            timestamp-field: modified
            page-size: 70
            ttl: 1h
            date-range: { from: opened_from, to: opened_to }
          people:
            path: /people
            id-field: uid
            page-size: 25
            listing:
              records: /results
              paginator: { type: offset, parameter: skip }
              total: none
              sort: { parameter: none }
        """.formatted(baseUrl());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
