package io.syncline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncline.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A small, honest server for the field-service API contract (../shared/field-service-api.md) on a
 * loopback address, with records in memory and scripted faults. Thread-safe.
 */
final class FieldServiceServer implements AutoCloseable {
  static final String TOKEN = "s3cr3t-field-token";
  static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A scripted fault: handles (and consumes) one request when it returns true. */
  @FunctionalInterface
  interface Fault {
    boolean handle(HttpExchange ex) throws IOException;
  }

  /**
   * One request as the server saw it.
   *
   * @param path the path
   * @param query the query parameters
   * @param authorization the Authorization header
   * @param headers the other request headers (first values, names lower case)
   */
  record Seen(String path, Map<String, String> query, String authorization, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Listing answers the server sent: status and body bytes on the wire. */
  final List<int[]> answers = new CopyOnWriteArrayList<>();
  /**
   * Every ETag the server handed out, with the requests (path, query, Accept-Encoding) it answered
   * (equal bodies of different requests share an ETag).
   */
  final Map<String, java.util.Set<List<Object>>> etagOrigins = new java.util.concurrent.ConcurrentHashMap<>();

  private final HttpServer server;
  private final Map<String, TreeMap<Long, ObjectNode>> data = new HashMap<>();
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  final List<Seen> requests = new CopyOnWriteArrayList<>();
  private volatile Consumer<Seen> beforeListing = s -> {};
  private volatile Fault standing = ex -> false;
  /** The server's clock: data and mutations are stamped from it; engines under test share it. */
  final MutableClock clock = MutableClock.standard();

  FieldServiceServer() throws IOException {
    this("127.0.0.1");
  }

  FieldServiceServer(String address) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    for (String r : List.of("orders", "equipments", "technicians")) {
      data.put(r, new TreeMap<>());
    }
  }

  URI baseUrl() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ------------------------------------------------------------------ data

  /**
   * A fresh timestamp, strictly later than any handed out before (millisecond precision): the
   * server's {@link #clock}, moved on by a millisecond.
   */
  Instant now() {
    synchronized (clock) {
      clock.advance(Duration.ofMillis(1));
      return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
  }

  synchronized ObjectNode putOrder(long id, Instant updatedAt, LocalDate created) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id).put("number", "OS-" + id).put("status", "open").put("customer", "Customer " + id)
        .put("technician_id", 7).put("equipment_id", 311)
        .put("created_at", created.atStartOfDay(ZoneOffset.UTC).format(TS))
        .put("updated_at", TS.format(updatedAt));
    n.putObject("x_vendor").put("note", "unknown field " + id).put("price", 10.50);
    data.get("orders").put(id, n);
    return n;
  }

  synchronized ObjectNode putEquipment(long id, Instant updatedAt) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id).put("name", "Pump " + id).put("serial", "SN-" + id).put("customer", "C")
        .put("updated_at", TS.format(updatedAt));
    data.get("equipments").put(id, n);
    return n;
  }

  synchronized ObjectNode putTechnician(long id, String name) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id).put("name", name).put("email", "t" + id + "@example.com").put("active", true);
    data.get("technicians").put(id, n);
    return n;
  }

  /** Updates a record's status and moves its {@code updated_at} to {@code at}. */
  synchronized void touch(String resource, long id, Instant at) {
    ObjectNode n = data.get(resource).get(id);
    n.put("status", "done").put("rev", n.path("rev").asInt(0) + 1);
    if (n.has("updated_at")) {
      n.put("updated_at", TS.format(at));
    }
  }

  synchronized Map<String, String> snapshot(String resource) {
    Map<String, String> m = new TreeMap<>();
    data.get(resource).forEach((id, n) -> m.put(Long.toString(id), n.toString()));
    return m;
  }

  // ------------------------------------------------------------------ faults and hooks

  void enqueue(Fault f) {
    faults.add(f);
  }

  /** Consults a fault on every request from now on, before the queued ones (it may answer or pass). */
  void intercept(Fault f) {
    this.standing = f;
  }

  void beforeListing(Consumer<Seen> hook) {
    this.beforeListing = hook;
  }

  static Fault status(int code, Map<String, String> headers, String body) {
    return ex -> {
      headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      send(ex, code, body);
      return true;
    };
  }

  static Fault cutBody() {
    return ex -> {
      byte[] part = "{\"data\":[{\"id\":1,\"updated_at\":\"2026-11-28T10:00:00.000Z\"},{\"id\":2,\"upd"
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 5000);
      OutputStream os = ex.getResponseBody();
      os.write(part);
      os.flush();
      // Escaping the handler makes HttpServer drop the connection: the client sees the body end early.
      throw new CutConnection();
    };
  }

  /**
   * Sends the headers and the start of a body, then nothing for a while, then the rest: a body
   * that stalls after the request's headers arrived in time.
   */
  static Fault stallsMidBody(Duration stall) {
    return ex -> {
      byte[] body = ("{\"data\":[{\"id\":1,\"updated_at\":\"2026-11-28T10:00:00.000Z\"}],"
          + "\"meta\":{\"has_more\":false}}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      OutputStream os = ex.getResponseBody();
      os.write(body, 0, 10);
      os.flush();
      try {
        Thread.sleep(stall.toMillis());
        os.write(body, 10, body.length - 10);
        os.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client gave up and closed the connection: expected
      }
      return true;
    };
  }

  static Fault truncatedJson() {
    return ex -> {
      send(ex, 200, "{\"data\":[{\"id\":1,\"updated_at\":\"2026-11-28T10:00:00.000Z\"},{\"id\":2,");
      return true;
    };
  }

  static Fault malformedJson() {
    return ex -> {
      send(ex, 200, "{\"data\":[{\"id\":1,\"updated_at\" \"2026-11-28T10:00:00.000Z\"}], \"meta\":{}}");
      return true;
    };
  }

  static Fault slow(Duration delay) {
    return ex -> {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false; // then answer normally
    };
  }

  static Fault redirect(String location) {
    return ex -> {
      ex.getResponseHeaders().add("Location", location);
      ex.sendResponseHeaders(302, -1);
      ex.close();
      return true;
    };
  }

  // ------------------------------------------------------------------ the contract

  private void handle(HttpExchange ex) throws IOException {
    try {
      serve(ex);
    } catch (CutConnection e) {
      throw e;
    } finally {
      ex.close();
    }
  }

  private void serve(HttpExchange ex) throws IOException {
    try {
      URI uri = ex.getRequestURI();
      Map<String, String> q = query(uri);
      Map<String, String> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> {
        if (!k.equalsIgnoreCase("Authorization") && !v.isEmpty()) {
          headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0));
        }
      });
      Seen seen = new Seen(uri.getPath(), q, ex.getRequestHeaders().getFirst("Authorization"), Map.copyOf(headers));
      requests.add(seen);
      if (standing.handle(ex)) {
        return;
      }
      Fault f = faults.poll();
      if (f != null && f.handle(ex)) {
        return;
      }
      ex.getResponseHeaders().add("X-RateLimit-Limit", "1000");
      ex.getResponseHeaders().add("X-RateLimit-Remaining", "999");
      ex.getResponseHeaders().add("X-RateLimit-Reset", Long.toString(clock.instant().getEpochSecond() + 3600));
      if (!("Bearer " + TOKEN).equals(seen.authorization())) {
        send(ex, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      String path = uri.getPath();
      if (!path.startsWith("/v1/") || !data.containsKey(path.substring(4))) {
        send(ex, 404, "{\"error\":\"not found\"}");
        return;
      }
      beforeListing.accept(seen);
      sendListing(ex, seen, list(path.substring(4), q));
    } catch (BadRequest e) {
      send(ex, 400, "{\"error\":\"" + e.getMessage() + "\"}");
    }
  }

  /** Thrown by a fault to drop the connection mid-body. */
  static final class CutConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String m) {
      super(m);
    }
  }

  private synchronized String list(String resource, Map<String, String> q) {
    boolean timestamped = !resource.equals("technicians");
    String sort = q.getOrDefault("sort", "id");
    if (!sort.equals("id") && !(sort.equals("updated_at") && timestamped)) {
      throw new BadRequest("sort " + sort + " not supported for " + resource);
    }
    if (q.containsKey("updated_since") && !timestamped) {
      throw new BadRequest("updated_since not supported for " + resource);
    }
    if ((q.containsKey("created_from") || q.containsKey("created_to")) && !resource.equals("orders")) {
      throw new BadRequest("created_from/created_to not supported for " + resource);
    }
    int page = intParam(q, "page", 1);
    int perPage = Math.min(500, intParam(q, "per_page", 100));
    if (page < 1 || perPage < 1) {
      throw new BadRequest("page and per_page must be positive");
    }
    Instant since;
    try {
      since = q.containsKey("updated_since") ? Instant.parse(q.get("updated_since")) : null;
    } catch (DateTimeParseException e) {
      throw new BadRequest("bad timestamp");
    }
    long sinceId = q.containsKey("since_id") ? Long.parseLong(q.get("since_id")) : Long.MIN_VALUE;
    LocalDate from = q.containsKey("created_from") ? LocalDate.parse(q.get("created_from")) : null;
    LocalDate to = q.containsKey("created_to") ? LocalDate.parse(q.get("created_to")) : null;
    Stream<ObjectNode> s = data.get(resource).values().stream()
        .filter(n -> n.get("id").asLong() > sinceId)
        .filter(n -> since == null || !Instant.parse(n.get("updated_at").asText()).isBefore(since))
        .filter(n -> from == null || !LocalDate.parse(n.get("created_at").asText().substring(0, 10)).isBefore(from))
        .filter(n -> to == null || !LocalDate.parse(n.get("created_at").asText().substring(0, 10)).isAfter(to));
    Comparator<ObjectNode> byId = Comparator.comparingLong(n -> n.get("id").asLong());
    List<ObjectNode> all = new ArrayList<>(s.sorted(sort.equals("id") ? byId
        : Comparator.<ObjectNode, Instant>comparing(n -> Instant.parse(n.get("updated_at").asText())).thenComparing(byId))
        .toList());
    int fromIdx = (int) Math.min((long) (page - 1) * perPage, all.size());
    int toIdx = (int) Math.min((long) page * perPage, all.size());
    StringBuilder sb = new StringBuilder("{\"data\":[");
    for (int i = fromIdx; i < toIdx; i++) {
      sb.append(i > fromIdx ? "," : "").append(all.get(i).toString());
    }
    sb.append("],\"meta\":{\"page\":").append(page).append(",\"per_page\":").append(perPage)
        .append(",\"total\":").append(all.size()).append(",\"has_more\":").append(toIdx < all.size()).append("}}");
    return sb.toString();
  }

  private static int intParam(Map<String, String> q, String name, int dflt) {
    try {
      return q.containsKey(name) ? Integer.parseInt(q.get(name)) : dflt;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be an integer");
    }
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> q = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        q.put(k, v);
      }
    }
    return q;
  }

  /**
   * Answers a listing as the contract says: a strong ETag of the body, {@code 304} when the
   * request's If-None-Match names it, gzip when the request accepts it.
   */
  private void sendListing(HttpExchange ex, Seen seen, String body) throws IOException {
    byte[] plain = body.getBytes(StandardCharsets.UTF_8);
    String etag = etag(plain);
    ex.getResponseHeaders().add("ETag", etag);
    String ifNoneMatch = seen.header("If-None-Match");
    if (ifNoneMatch != null && java.util.Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
        .anyMatch(e -> e.equals(etag) || e.equals("*"))) {
      answers.add(new int[] {304, 0});
      ex.sendResponseHeaders(304, -1);
      return;
    }
    String accept = seen.header("Accept-Encoding");
    boolean gzip = accept != null && java.util.Arrays.stream(accept.split(","))
        .map(e -> e.trim().toLowerCase(java.util.Locale.ROOT)).anyMatch(e -> e.equals("gzip") || e.startsWith("gzip;"));
    etagOrigins.computeIfAbsent(etag, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
        .add(java.util.Arrays.asList(seen.path(), seen.query(), accept));
    byte[] wire = gzip ? gzip(plain) : plain;
    if (gzip) {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
    }
    ex.getResponseHeaders().add("Content-Type", "application/json");
    answers.add(new int[] {200, wire.length});
    ex.sendResponseHeaders(200, wire.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(wire);
    }
  }

  static String etag(byte[] body) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + java.util.HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(byte[] plain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (code == 204) {
      ex.sendResponseHeaders(204, -1);
      return;
    }
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
  }
}
