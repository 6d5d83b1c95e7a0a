package io.syncline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.syncline.IdOrder;
import io.syncline.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A loopback server holding one listing of records in memory and answering list requests the
 * way one vendor convention does ({@link Listing}). Records carry an id, an {@code updated_at}
 * at the server's granularity, a {@code created} unix-seconds stamp and a version. Tests edit,
 * create and delete records between (and, through {@link #afterEachListing}, during) runs, and
 * compare the store with {@link #snapshot()}. Thread-safe.
 */
public final class VendorServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** One stored record. */
  record Rec(String id, Instant updatedAt, Instant created, int version) {}

  /** An answer to one list request. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(Object node) {
      try {
        return new Answer(200, JSON.writeValueAsString(node), Map.of());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Answer withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Answer(status, body, h);
    }

    static Answer badRequest(String why) {
      return new Answer(400, "{\"error\":\"" + why + "\"}", Map.of());
    }
  }

  /** How the server answers a list request: one vendor's convention. */
  @FunctionalInterface
  public interface Listing {
    /**
     * Answers a request.
     *
     * @param server the server (records, formatting)
     * @param query the decoded query parameters
     * @param self the request's URL without query, for building next links
     * @return the answer
     */
    Answer answer(VendorServer server, Map<String, String> query, URI self);
  }

  /** A scripted fault: answers (and consumes) one request when it returns true. */
  @FunctionalInterface
  interface Fault {
    boolean handle(HttpExchange ex) throws IOException;
  }

  final MutableClock clock = MutableClock.standard();
  final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final Duration granularity;
  private final boolean numericIds;
  private final TreeMap<String, Rec> records = new TreeMap<>(IdOrder.INSTANCE);
  private final Map<String, Instant> softDeleted = new java.util.HashMap<>();
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  private volatile Listing listing;
  private volatile Consumer<Integer> afterListing = n -> {};
  private final HttpServer http;
  private int listings;

  /**
   * Starts a server.
   *
   * @param granularity the step of the server's timestamps (one second or one millisecond)
   * @param numericIds whether ids are JSON numbers (else strings)
   * @param listing the convention
   */
  public VendorServer(Duration granularity, boolean numericIds, Listing listing) {
    this.granularity = granularity;
    this.numericIds = numericIds;
    this.listing = listing;
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::handle);
    http.start();
  }

  /** @return the server's base URL */
  public URI base() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** @return the server's "now", truncated to its granularity */
  public synchronized Instant now() {
    return truncate(clock.instant());
  }

  Instant truncate(Instant t) {
    return granularity.equals(Duration.ofSeconds(1)) ? t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /**
   * Creates or replaces a record at an instant.
   *
   * @param id the id
   * @param updatedAt its timestamp (truncated to the granularity)
   */
  public synchronized void put(String id, Instant updatedAt) {
    softDeleted.remove(id);
    Rec old = records.get(id);
    Instant t = truncate(updatedAt);
    records.put(id, new Rec(id, t, old == null ? t : old.created(), old == null ? 1 : old.version() + 1));
  }

  /**
   * Edits a record: a new version stamped with the server's now.
   *
   * @param id the id
   */
  public synchronized void edit(String id) {
    put(id, now());
  }

  /**
   * Soft-deletes a record: a new version stamped with the server's now that stays listed with
   * {@code "deleted_at"} set to that instant (the next {@link #put} or {@link #edit} restores it).
   *
   * @param id the id
   */
  public synchronized void softDelete(String id) {
    Instant t = now();
    put(id, t);
    softDeleted.put(id, t);
  }

  /** @return id → JSON of the records listed without {@code deleted_at}, as the server serves them */
  public synchronized Map<String, String> liveSnapshot() {
    Map<String, String> m = snapshot();
    m.keySet().removeAll(softDeleted.keySet());
    return m;
  }

  /**
   * Deletes a record.
   *
   * @param id the id
   */
  public synchronized void delete(String id) {
    records.remove(id);
    softDeleted.remove(id);
  }

  /** @return the live records, in id order */
  public synchronized List<Rec> records() {
    return new ArrayList<>(records.values());
  }

  /** @return the records by ({@code updated_at}, id) ascending */
  synchronized List<Rec> byUpdatedAt() {
    List<Rec> l = new ArrayList<>(records.values());
    l.sort(Comparator.comparing(Rec::updatedAt).thenComparing(Rec::id, IdOrder.INSTANCE));
    return l;
  }

  /** @return id → JSON of every live record, as the server serves it */
  public synchronized Map<String, String> snapshot() {
    Map<String, String> m = new TreeMap<>(IdOrder.INSTANCE);
    records.values().forEach(r -> m.put(r.id(), json(r).toString()));
    return m;
  }

  /** @return a record as JSON */
  ObjectNode json(Rec r) {
    ObjectNode n = JSON.createObjectNode();
    if (numericIds) {
      n.put("id", Long.parseLong(r.id()));
    } else {
      n.put("id", r.id());
    }
    n.put("updated_at", format(r.updatedAt()));
    n.put("created", r.created().getEpochSecond());
    n.put("version", r.version());
    Instant deletedAt = softDeleted.get(r.id());
    if (deletedAt != null) {
      n.put("deleted_at", format(deletedAt));
    }
    return n;
  }

  /** @return the records as a JSON array */
  ArrayNode array(List<Rec> recs) {
    ArrayNode a = JSON.createArrayNode();
    recs.forEach(r -> a.add(json(r)));
    return a;
  }

  String format(Instant t) {
    return (granularity.equals(Duration.ofSeconds(1)) ? SECONDS : MILLIS).format(t);
  }

  /**
   * Runs after each list request is answered, with the 1-based count of listings so far; the
   * place to edit the listing "between pages".
   *
   * @param hook the hook
   */
  public void afterEachListing(Consumer<Integer> hook) {
    this.afterListing = hook;
  }

  /**
   * Queues a fault for a coming request.
   *
   * @param f the fault
   */
  void fault(Fault f) {
    faults.add(f);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = query(ex.getRequestURI());
      requests.add(q);
      Fault f = faults.poll();
      if (f != null && f.handle(ex)) {
        return;
      }
      Answer a;
      int n;
      synchronized (this) {
        URI self = URI.create(base() + ex.getRequestURI().getRawPath());
        a = listing.answer(this, q, self);
        n = a.status() == 200 ? ++listings : listings;
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      ex.sendResponseHeaders(a.status(), body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
      if (a.status() == 200) {
        afterListing.accept(n);
      }
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
