package io.syncline.examples.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves every request: authentication, rate limiting, fault injection, the {@code /v1}
 * listings and the {@code /admin} endpoints. Thread-safe; runs on the server's executor.
 */
final class RequestHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private static final byte[] UNAUTHORIZED = Json.error("unauthorized");
  private static final byte[] NOT_FOUND = Json.error("not found");
  private static final byte[] DATA_OPEN = "{\"data\":[".getBytes(StandardCharsets.US_ASCII);

  private final FieldServiceServer server;
  private final byte[] expectedAuthorization;
  private final RateLimiter limiter;
  private final Faults faults;
  private final AdminEndpoint admin;

  final LongAdder requests = new LongAdder();
  final LongAdder records = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  final LongAdder faulted = new LongAdder();
  final LongAdder notModified = new LongAdder();

  RequestHandler(FieldServiceServer server, String token, RateLimiter limiter, Faults faults) {
    this.server = server;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.limiter = limiter;
    this.faults = faults;
    this.admin = new AdminEndpoint(server, faults);
  }

  ServerStats stats() {
    return new ServerStats(requests.sum(), records.sum(), bytes.sum(), rateLimited.sum(), faulted.sum(),
        notModified.sum());
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      drain(ex.getRequestBody());
      String path = ex.getRequestURI().getRawPath();
      boolean api = path.equals("/v1") || path.startsWith("/v1/");
      if (api) {
        requests.increment();
      }
      if (!authorized(ex.getRequestHeaders())) {
        send(ex, 401, UNAUTHORIZED, limiter.peek());
        return;
      }
      if (path.startsWith("/admin/")) {
        AdminEndpoint.Answer a = admin.handle(ex.getRequestMethod(), path.substring("/admin/".length()),
            ex.getRequestURI().getRawQuery());
        if (a.status() == 405) {
          ex.getResponseHeaders().set("Allow", "POST");
        }
        send(ex, a.status(), a.body(), limiter.peek());
        return;
      }
      if (!api) {
        send(ex, 404, NOT_FOUND, limiter.peek());
        return;
      }
      // A 304 does not count against the rate limit (GitHub's rule): answer it before counting.
      if (notModified(ex, path)) {
        return;
      }
      RateLimiter.Decision d = limiter.acquire();
      if (!d.allowed()) {
        rateLimited.increment();
        ex.getResponseHeaders().set("Retry-After", Long.toString(d.retryAfterSeconds()));
        send(ex, 429, Json.error("rate limit exceeded: at most " + d.limit()
            + " requests per second; retry after the Retry-After header's seconds"), d);
        return;
      }
      serveApi(ex, path, d);
    }
  }

  private void serveApi(HttpExchange ex, String path, RateLimiter.Decision d) throws IOException {
    Duration delay = faults.delay();
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    String rest = path.startsWith("/v1/") ? path.substring(4) : "";
    if (rest.equals(ApiResource.ORDERS.path() + "/deleted") && ex.getRequestMethod().equals("GET")) {
      serveFeed(ex, d);
      return;
    }
    ApiResource resource = rest.indexOf('/') >= 0 ? null : ApiResource.fromPath(rest).orElse(null);
    if (resource == null) {
      send(ex, 404, NOT_FOUND, d);
      return;
    }
    if (!ex.getRequestMethod().equals("GET")) {
      ex.getResponseHeaders().set("Allow", "GET");
      send(ex, 405, Json.error("method not allowed: listings are read with GET"), d);
      return;
    }
    if (faults.next() == Faults.Kind.FAIL) {
      faulted.increment();
      int status = faults.failStatus();
      if (status == 503) {
        ex.getResponseHeaders().set("Retry-After", "1");
      }
      send(ex, status, Json.error("injected failure: the server is having trouble, retry later"), d);
      return;
    }
    ListingQuery q;
    try {
      q = ListingQuery.parse(resource, ex.getRequestURI().getRawQuery());
    } catch (BadRequestException e) {
      send(ex, 400, Json.error(e.getMessage()), d);
      return;
    }
    ResourceTable.Listing page = server.table(resource).list(q);
    boolean gzip = acceptsGzip(ex.getRequestHeaders());
    byte[] plain = render(page, q);
    byte[] body = gzip ? gzip(plain) : plain;
    ex.getResponseHeaders().set("ETag", etag(plain, gzip));
    ex.getResponseHeaders().set("Vary", "Accept-Encoding");
    if (gzip) {
      ex.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    if (faults.takeCut()) {
      faulted.increment();
      cut(ex, body, d);
      return;
    }
    records.add(page.rows().size()); // before answering: a client may read the stats right after
    send(ex, 200, body, d);
  }

  /** The orders' deletion feed: ids and deletion times, by deletion time then id. */
  private void serveFeed(HttpExchange ex, RateLimiter.Decision d) throws IOException {
    ListingQuery q;
    try {
      q = ListingQuery.parseFeed(ex.getRequestURI().getRawQuery());
    } catch (BadRequestException e) {
      send(ex, 400, Json.error(e.getMessage()), d);
      return;
    }
    send(ex, 200, server.table(ApiResource.ORDERS).deletions().render(q), d);
  }

  /**
   * Answers {@code 304 Not Modified} (no body, not counted against the rate limit) when the
   * request's {@code If-None-Match} names the ETag its listing would carry now.
   *
   * @return true when answered
   */
  private boolean notModified(HttpExchange ex, String path) throws IOException {
    String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
    String rest = path.startsWith("/v1/") ? path.substring(4) : "";
    if (ifNoneMatch == null || !ex.getRequestMethod().equals("GET") || rest.indexOf('/') >= 0) {
      return false;
    }
    ApiResource resource = ApiResource.fromPath(rest).orElse(null);
    if (resource == null) {
      return false;
    }
    ListingQuery q;
    try {
      q = ListingQuery.parse(resource, ex.getRequestURI().getRawQuery());
    } catch (BadRequestException e) {
      return false;
    }
    String etag = etag(render(server.table(resource).list(q), q), acceptsGzip(ex.getRequestHeaders()));
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals(etag) || c.equals("*")) {
        headers(ex, limiter.peek());
        ex.getResponseHeaders().set("ETag", etag);
        ex.getResponseHeaders().set("Vary", "Accept-Encoding");
        notModified.increment(); // before answering: a client may read the stats right after
        ex.sendResponseHeaders(304, -1);
        return true;
      }
    }
    return false;
  }

  /** Whether the request accepts gzip ({@code gzip} or {@code x-gzip} listed without {@code q=0}). */
  static boolean acceptsGzip(Headers h) {
    String accept = h.getFirst("Accept-Encoding");
    if (accept == null) {
      return false;
    }
    for (String part : accept.split(",")) {
      String[] p = part.trim().toLowerCase(java.util.Locale.ROOT).split(";");
      String coding = p[0].trim();
      boolean refused = p.length > 1 && p[1].trim().replace(" ", "").matches("q=0(\\.0*)?");
      if ((coding.equals("gzip") || coding.equals("x-gzip")) && !refused) {
        return true;
      }
    }
    return false;
  }

  /** A strong validator of the representation: a digest of the body, marked by its coding. */
  static String etag(byte[] plain, boolean gzip) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(plain);
      return "\"" + java.util.HexFormat.of().formatHex(d, 0, 16) + (gzip ? "-gzip" : "") + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(plain.length / 4 + 64);
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 8192) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_SPEED); // nginx's default gzip_comp_level: cheap for the server
      }
    }) {
      gz.write(plain);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] render(ResourceTable.Listing page, ListingQuery q) {
    List<Row> rows = page.rows();
    byte[] meta = ("],\"meta\":{\"page\":" + q.page() + ",\"per_page\":" + q.perPage() + ",\"total\":"
        + page.total() + ",\"has_more\":" + page.hasMore() + "}}").getBytes(StandardCharsets.US_ASCII);
    int size = DATA_OPEN.length + meta.length + Math.max(0, rows.size() - 1);
    for (Row r : rows) {
      size += q.idsOnly() ? ("{\"id\":" + r.id() + "}").length() : r.json().length;
    }
    byte[] body = new byte[size];
    System.arraycopy(DATA_OPEN, 0, body, 0, DATA_OPEN.length);
    int at = DATA_OPEN.length;
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] json = q.idsOnly() ? ("{\"id\":" + rows.get(i).id() + "}").getBytes(StandardCharsets.US_ASCII)
          : rows.get(i).json();
      System.arraycopy(json, 0, body, at, json.length);
      at += json.length;
    }
    System.arraycopy(meta, 0, body, at, meta.length);
    return body;
  }

  private boolean authorized(Headers h) {
    String got = h.getFirst("Authorization");
    if (got == null) {
      return false;
    }
    // The scheme name is case-insensitive (RFC 7235); the token is compared in constant time.
    if (got.length() >= 7 && got.regionMatches(true, 0, "Bearer ", 0, 7)) {
      got = "Bearer " + got.substring(7);
    }
    return MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
  }

  private void send(HttpExchange ex, int status, byte[] body, RateLimiter.Decision d) throws IOException {
    headers(ex, d);
    if (ex.getRequestURI().getRawPath().startsWith("/v1")) {
      bytes.add(body.length); // before answering, as the records
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Sends the headers and half the body, then drops the connection. */
  private void cut(HttpExchange ex, byte[] body, RateLimiter.Decision d) throws IOException {
    headers(ex, d);
    ex.sendResponseHeaders(200, body.length);
    OutputStream out = ex.getResponseBody();
    int half = body.length / 2;
    bytes.add(half);
    out.write(body, 0, half);
    out.flush();
    // Thrown out of the handler, this makes the HTTP server close the connection at once.
    throw new ConnectionCutException();
  }

  private static void headers(HttpExchange ex, RateLimiter.Decision d) {
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", CONTENT_TYPE);
    h.set("X-RateLimit-Limit", Integer.toString(d.limit()));
    h.set("X-RateLimit-Remaining", Integer.toString(d.remaining()));
    h.set("X-RateLimit-Reset", Long.toString(d.resetEpochSecond()));
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    while (in.read(buf) >= 0) {
      // discard: no endpoint reads a body
    }
  }

  /** Aborts an exchange on purpose; the HTTP server closes the connection when it sees it. */
  static final class ConnectionCutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConnectionCutException() {
      super("response cut on purpose by fault injection", null, false, false);
    }
  }
}
