package io.syncline.http.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Sends one GET and reads the response whole, following redirects itself so the
 * {@code Authorization} header only ever goes to the base URL's origin (scheme, host, port).
 * Thread-safe. Not API.
 */
public final class Transport {
  private static final int MAX_REDIRECTS = 5;

  private final Supplier<HttpClient> clients;
  private volatile HttpClient client;
  private final URI base;
  private final List<Map.Entry<String, String>> headers;
  private final Optional<Supplier<String>> token;
  private final boolean refreshesToken;
  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final boolean compression;
  private final String userAgent;
  /** The tokens sent lately (at most {@value #REMEMBERED_TOKENS}), scrubbed from excerpts. */
  private final Deque<String> sentTokens = new ConcurrentLinkedDeque<>();
  private static final int REMEMBERED_TOKENS = 4;

  /**
   * Creates a transport.
   *
   * @param clients makes the client, once, on the first request (a source that never fetches, as for
   *     {@code status}, never pays for the TLS context); its redirect policy must be
   *     {@link HttpClient.Redirect#NEVER}
   * @param base the API's base URL; credentials go only to its origin
   * @param headers headers sent on every request
   * @param token the bearer token supplier, if the API needs one
   * @param refreshesToken whether the supplier may return a fresh token after a {@code 401}
   * @param requestTimeout the time allowed for one request, body included
   * @param maxBodyBytes the largest body read, on the wire and decoded; a longer one fails the request
   * @param compression whether to ask for gzip and deflate bodies ({@code Accept-Encoding})
   * @param userAgent the {@code User-Agent} header's value
   */
  public Transport(Supplier<HttpClient> clients, URI base, List<Map.Entry<String, String>> headers,
      Optional<Supplier<String>> token, boolean refreshesToken, Duration requestTimeout, long maxBodyBytes,
      boolean compression, String userAgent) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.base = base;
    this.headers = List.copyOf(headers);
    this.token = token;
    this.refreshesToken = token.isPresent() && refreshesToken;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.compression = compression;
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = Objects.requireNonNull(clients.get(), "clients.get()");
          client = c;
        }
      }
    }
    return c;
  }

  /** @return the largest body read, on the wire and decoded */
  long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** @return the {@code Accept-Encoding} this transport sends, {@code identity} without compression */
  String acceptEncoding() {
    return compression ? ContentDecoding.ACCEPTED : "identity";
  }

  /** @return whether a {@code 401} is worth one more attempt with a freshly supplied token */
  boolean refreshesToken() {
    return refreshesToken;
  }

  /** @return the API's base URL */
  URI base() {
    return base;
  }

  /**
   * Fetches a URL.
   *
   * @param uri the URL
   * @param conditional a conditional header (name, value) to send, if any
   * @param meter counts the requests and body bytes
   * @return the response, read whole
   * @throws IOException on connection errors, cut bodies and timeouts
   * @throws InterruptedException when interrupted
   */
  Response get(URI uri, Optional<Map.Entry<String, String>> conditional, TrafficMeter meter)
      throws IOException, InterruptedException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      Response r;
      try {
        r = once(current, conditional);
      } catch (IOException e) {
        meter.unanswered();
        throw e;
      }
      meter.response(r.status(), r.body().length);
      if (!isRedirect(r.status())) {
        return r;
      }
      Optional<String> location = r.headers().firstValue("Location");
      if (location.isEmpty()) {
        return r;
      }
      if (hop >= MAX_REDIRECTS) {
        throw new PermanentFailure("more than " + MAX_REDIRECTS + " redirects; the API is redirecting in a loop");
      }
      URI next = current.resolve(location.get().trim());
      String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new PermanentFailure("redirect to a non-HTTP URL (" + scheme + "); refusing to follow it");
      }
      current = next;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Tells whether a URL has the base URL's origin, the only one credentials are sent to.
   *
   * @param uri the URL
   * @return true for the same scheme, host and port
   */
  boolean sameOrigin(URI uri) {
    return Objects.equals(lower(uri.getScheme()), lower(base.getScheme()))
        && Objects.equals(lower(uri.getHost()), lower(base.getHost()))
        && port(uri) == port(base);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private Response once(URI uri, Optional<Map.Entry<String, String>> conditional)
      throws IOException, InterruptedException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("Accept-Encoding", acceptEncoding())
        .header("User-Agent", userAgent);
    for (Map.Entry<String, String> h : headers) {
      rb.header(h.getKey(), h.getValue());
    }
    conditional.ifPresent(h -> rb.header(h.getKey(), h.getValue()));
    if (token.isPresent() && sameOrigin(uri)) {
      String t;
      try {
        t = token.get().get();
      } catch (RuntimeException e) {
        // The supplier's exception may quote a token or the credentials it refreshes with: name only
        // its type, and do not attach it.
        throw new PermanentFailure("the token supplier failed with " + e.getClass().getName()
            + "; its exception is not attached since it may quote credentials, so log it inside the supplier");
      }
      if (t == null || t.isBlank()) {
        throw new PermanentFailure("the token supplier returned no token");
      }
      remember(t);
      rb.header("Authorization", "Bearer " + t);
    }
    // HttpRequest's timeout ends when the headers arrive; BoundedBody holds the body to the same
    // deadline. send, not sendAsync and a bounded get: sendAsync hands every response to the
    // client's executor, measured 25-30 % fewer pages per second over loopback.
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    try {
      HttpResponse<byte[]> resp = client().send(rb.build(), info -> new BoundedBody(maxBodyBytes, deadline,
          requestTimeout));
      return new Response(resp.statusCode(), resp.headers(), resp.body() == null ? new byte[0] : resp.body(), uri);
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BoundedBody.TooLarge) {
          throw new PermanentFailure("the response body is larger than " + maxBodyBytes + " bytes, the most "
              + "read for one page; lower the resource's page size or raise HttpRecordSource.Builder.maxPageBytes");
        }
      }
      throw e;
    }
  }

  private void remember(String t) {
    if (!t.equals(sentTokens.peekFirst())) {
      sentTokens.remove(t);
      sentTokens.addFirst(t);
      while (sentTokens.size() > REMEMBERED_TOKENS) {
        sentTokens.pollLast();
      }
    }
  }

  /**
   * Removes the tokens sent lately from text that may echo them (a response body excerpt),
   * without asking the supplier again (a refreshing supplier may be costly to call).
   *
   * @param text the text
   * @return the text with each token replaced by {@code ***}
   */
  String scrub(String text) {
    String out = text;
    for (String t : sentTokens) {
      if (t.length() >= 4) {
        out = out.replace(t, "***");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "Transport[" + base + ", auth=" + (token.isPresent() ? "bearer ***" : "none") + "]";
  }
}
