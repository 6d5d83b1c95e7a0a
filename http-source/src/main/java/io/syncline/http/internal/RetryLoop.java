package io.syncline.http.internal;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.syncline.InvalidRecordException;
import io.syncline.SyncException;
import io.syncline.http.HttpSourceEvent;
import io.syncline.http.HttpSourceException;
import io.syncline.http.HttpSourceListener;
import io.syncline.http.RetrySettings;
import io.syncline.http.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs one request with the source's politeness: waits for the shared governor, retries
 * transient failures with Failsafe's exponential backoff, honours the server's wait hints within
 * the quota budget, and turns what cannot be retried into a {@link HttpSourceException}.
 * Thread-safe. Not API.
 */
public final class RetryLoop {

  /** Turns a 2xx response into the result; may throw {@link TransientBodyException} to retry. */
  @FunctionalInterface
  interface Parse<T> {
    T parse(Response response) throws IOException;
  }

  /**
   * The margin added to a wait the server gives as an instant ({@code X-RateLimit-Reset}, an HTTP
   * date in {@code Retry-After}): that instant is on the server's clock, and ours may run a little
   * behind. A wait given as seconds is honoured as given. Never jittered.
   */
  public static final Duration ABSOLUTE_WAIT_MARGIN = Duration.ofSeconds(1);

  /**
   * A wait the server mandated.
   *
   * @param asked the wait as the server gave it
   * @param margin what is added to it before sleeping ({@link #ABSOLUTE_WAIT_MARGIN} or zero)
   */
  record ServerWait(Duration asked, Duration margin) {
    static final ServerWait NONE = new ServerWait(Duration.ZERO, Duration.ZERO);

    boolean present() {
      return !asked.isZero() || !margin.isZero();
    }
  }

  /** A failure worth another attempt, with the server's wait hint when it gave one. */
  static final class Retryable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ServerWait serverWait;
    final boolean quota;
    final boolean throttle;

    Retryable(String what, ServerWait serverWait, boolean quota, boolean throttle, Throwable cause) {
      super(what, cause, false, false);
      this.serverWait = serverWait;
      this.quota = quota;
      this.throttle = throttle;
    }
  }

  private final RetrySettings settings;
  private final Governor governor;
  private final Sleeper sleeper;
  private final HttpSourceListener listener;
  private final Clock clock;
  private final Transport transport;
  private final UrlRedactor redactor;

  /**
   * Creates a loop.
   *
   * @param settings the retry settings
   * @param governor the shared governor
   * @param sleeper how to wait
   * @param clock the clock used for HTTP dates and quota resets
   * @param transport the transport (for scrubbing the token from excerpts)
   * @param redactor writes URLs without secrets
   */
  public RetryLoop(RetrySettings settings, Governor governor, Sleeper sleeper, Clock clock,
      Transport transport, UrlRedactor redactor) {
    this(settings, governor, sleeper, clock, transport, redactor, event -> { });
  }

  /**
   * Creates a loop that tells a listener about responses, retries, quota waits and rate changes.
   *
   * @param settings the retry settings
   * @param governor the shared governor
   * @param sleeper how to wait
   * @param clock the clock used for HTTP dates, quota resets and response times
   * @param transport the transport (for scrubbing the token from excerpts)
   * @param redactor writes URLs without secrets
   * @param listener receives the events; exceptions it throws are swallowed
   */
  public RetryLoop(RetrySettings settings, Governor governor, Sleeper sleeper, Clock clock,
      Transport transport, UrlRedactor redactor, HttpSourceListener listener) {
    this.listener = listener;
    this.settings = settings;
    this.governor = governor;
    this.sleeper = sleeper;
    this.clock = clock;
    this.transport = transport;
    this.redactor = redactor;
  }

  /** @return the clock the loop reads */
  Clock clock() {
    return clock;
  }

  /**
   * Waits on the loop's sleeper, outside any retry.
   *
   * @param resource the resource, for the error if interrupted
   * @param page the page
   * @param d how long
   */
  void pause(String resource, long page, Duration d) {
    sleep(resource, page, d);
  }

  /** @return the URL redactor */
  UrlRedactor redactor() {
    return redactor;
  }

  /** Per-request counters. */
  private static final class Counters {
    int ordinaryFailures;
    Duration quotaWaited = Duration.ZERO;
    boolean reauthorized;
  }

  /**
   * Fetches a URL until a 2xx response parses, retrying what can be retried.
   *
   * @param resource the resource's name, for messages
   * @param page the page number, for messages
   * @param uri the URL
   * @param conditional a conditional header (name, value) to send; then a {@code 304} is passed to
   *     {@code parse} too
   * @param meter counts requests and bytes
   * @param parse turns a 2xx response (or an expected 304) into the result
   * @return the result
   * @throws HttpSourceException when the request fails for good
   */
  <T> T run(String resource, long page, URI uri, Optional<java.util.Map.Entry<String, String>> conditional,
      TrafficMeter meter, Parse<T> parse) {
    String url = redactor.redact(uri);
    Counters counters = new Counters();
    Execution<T> execution = Execution.of(policy(counters));
    while (true) {
      Governor.Permit permit = awaitGovernor(resource, page, url, counters);
      OptionalDouble rateBefore = governor.currentRate();
      Retryable failure;
      try {
        Instant sent = clock.instant();
        Response response = transport.get(uri, conditional, meter);
        emit(new HttpSourceEvent.Response(resource, page, response.status(), Duration.between(sent, clock.instant())));
        if (quotaReset(response.headers()).isPresent()) {
          observeSpentQuota(response, permit);
        }
        boolean notModified = response.status() == 304 && conditional.isPresent();
        if ((response.status() < 200 || response.status() > 299) && !notModified) {
          throw new StatusFailure(response);
        }
        T result = parse.parse(response);
        governor.succeeded();
        rateChanged(resource, rateBefore);
        execution.recordResult(result);
        return result;
      } catch (StatusFailure sf) {
        if (refreshTokenOnce(sf.response, counters)) {
          continue;
        }
        failure = classify(resource, page, url, sf.response, counters);
        if (failure.throttle) {
          governor.throttled(permit.generation());
        }
        rateChanged(resource, rateBefore);
      } catch (HttpTimeoutException e) {
        failure = new Retryable("timed out: " + e.getMessage(), ServerWait.NONE, false, false, e);
      } catch (TransientBodyException e) {
        failure = new Retryable(e.getMessage(), ServerWait.NONE, false, false, e);
      } catch (IOException e) {
        failure = new Retryable("connection failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()), ServerWait.NONE, false, false, e);
      } catch (PermanentFailure e) {
        throw new HttpSourceException(resource, page, url, 0, e.getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SyncException(resource, page, "interrupted while fetching; committed pages are kept, "
            + "run the sync again to continue", e);
      }
      if (failure.getCause() instanceof IOException && !(failure.getCause() instanceof TransientBodyException)) {
        emit(new HttpSourceEvent.RequestFailed(resource, page, failure.getMessage())); // no response came
      }
      if (!failure.quota) {
        counters.ordinaryFailures++;
      }
      execution.recordException(failure);
      if (execution.isComplete()) {
        if (failure.getCause() instanceof TransientBodyException tb && tb.whenFinal().isPresent()) {
          InvalidRecordException last = tb.whenFinal().get();
          throw new InvalidRecordException(resource, page, last.field(), null, "the body was unusable on all "
              + settings.maxAttempts() + " attempts; last: " + bodyProblem(last), tb);
        }
        throw new HttpSourceException(resource, page, url, statusOf(failure),
            "gave up after " + settings.maxAttempts() + " attempts; last failure: " + failure.getMessage()
                + ". The API may be down or overloaded; committed pages are kept, run the sync again later",
            failure.getCause());
      }
      Duration delay = execution.getDelay();
      if (failure.serverWait.present()) {
        // A server-mandated wait is honoured as given plus the fixed margin, never jittered; the
        // backoff applies only when it is longer.
        Duration mandated = failure.serverWait.asked().plus(failure.serverWait.margin());
        Duration backoff = backoff(execution.getAttemptCount());
        delay = mandated.compareTo(backoff) >= 0 ? mandated : backoff;
      }
      if (failure.quota) {
        // The budget is compared with what the server asked, unpadded.
        Duration asked = failure.serverWait.asked();
        Duration total = counters.quotaWaited.plus(asked);
        if (total.compareTo(settings.quotaWaitBudget()) > 0) {
          throw new HttpSourceException(resource, page, url, statusOf(failure), "rate limited: the API asks "
              + "to wait " + asked.toMillis() + " ms" + (counters.quotaWaited.isZero() ? "" : " more (after "
              + counters.quotaWaited.toMillis() + " ms waited already)") + ", beyond the quota wait budget of "
              + settings.quotaWaitBudget() + " (" + failure.getMessage() + "). Run the sync again after "
              + clock.instant().plus(asked) + " or raise RetrySettings.quotaWaitBudget", null);
        }
        counters.quotaWaited = total;
        governor.pauseUntil(clock.instant().plus(delay));
        emit(new HttpSourceEvent.QuotaWait(resource, page, delay));
      }
      emit(new HttpSourceEvent.Retry(resource, page, execution.getAttemptCount(), delay, statusOf(failure),
          failure.getMessage()));
      sleep(resource, page, delay);
    }
  }

  /**
   * A {@code 401} from the API's origin while the token comes from a refreshing supplier: the token
   * may have expired, so the request is sent once more with a freshly supplied one.
   */
  private boolean refreshTokenOnce(Response r, Counters counters) {
    if (r.status() != 401 || counters.reauthorized || !transport.refreshesToken() || !transport.sameOrigin(r.uri())) {
      return false;
    }
    counters.reauthorized = true;
    return true;
  }

  /** The problem an invalid-input failure names, without its standard tail. */
  private static String bodyProblem(InvalidRecordException e) {
    String m = e.getMessage();
    String head = "field '" + e.field() + "': ";
    int start = m.indexOf(head);
    int end = m.lastIndexOf("; the page was not stored");
    return start >= 0 && end > start ? m.substring(start + head.length(), end) : m;
  }

  private static int statusOf(Retryable r) {
    return r.getCause() instanceof StatusFailure sf ? sf.response.status() : 0;
  }

  private <T> RetryPolicy<T> policy(Counters counters) {
    RetryPolicyBuilder<T> b = RetryPolicy.<T>builder()
        .handleIf((result, failure) -> failure instanceof Retryable)
        .abortIf((result, failure) -> counters.ordinaryFailures >= settings.maxAttempts())
        .withMaxRetries(-1)
        .withBackoff(settings.baseDelay(), settings.maxDelay(), settings.factor());
    if (settings.jitter() > 0) {
      b.withJitter(settings.jitter());
    }
    return b.build();
  }

  /** The backoff delay before attempt {@code attempts + 1}, without jitter. */
  private Duration backoff(int attempts) {
    double nanos = settings.baseDelay().toNanos() * Math.pow(settings.factor(), Math.max(0, attempts - 1));
    return nanos >= settings.maxDelay().toNanos() ? settings.maxDelay() : Duration.ofNanos((long) nanos);
  }

  private Governor.Permit awaitGovernor(String resource, long page, String url, Counters counters) {
    Duration paused = Duration.between(clock.instant(), governor.pausedUntil());
    if (!paused.isNegative() && !paused.isZero()) {
      Duration total = counters.quotaWaited.plus(paused);
      if (total.compareTo(settings.quotaWaitBudget()) > 0) {
        throw new HttpSourceException(resource, page, url, 0, "the API's quota is spent until "
            + governor.pausedUntil() + ", beyond the quota wait budget of " + settings.quotaWaitBudget()
            + ". Run the sync again after that or raise RetrySettings.quotaWaitBudget", null);
      }
      counters.quotaWaited = total;
      emit(new HttpSourceEvent.QuotaWait(resource, page, paused));
      sleep(resource, page, paused);
    }
    Governor.Permit permit = governor.reservePermit(clock.instant());
    sleep(resource, page, permit.delay());
    return permit;
  }

  private void rateChanged(String resource, OptionalDouble before) {
    OptionalDouble after = governor.currentRate();
    if (before.isPresent() && after.isPresent() && before.getAsDouble() != after.getAsDouble()) {
      emit(new HttpSourceEvent.RateChanged(resource, before.getAsDouble(), after.getAsDouble()));
    }
  }

  private void emit(HttpSourceEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException ignored) {
      // A listener never breaks a request.
    }
  }

  private void sleep(String resource, long page, Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncException(resource, page, "interrupted while waiting to retry; committed pages are kept, "
          + "run the sync again to continue", e);
    }
  }

  private Retryable classify(String resource, long page, String url, Response r, Counters counters) {
    int s = r.status();
    // A 403 that says the quota is spent (X-RateLimit-Remaining: 0, as GitHub answers) is a rate
    // limit whatever the settings say.
    boolean limited = s == 429 || (s == 403 && (settings.forbiddenMeansRateLimited()
        || quotaReset(r.headers()).isPresent()));
    if (limited || s >= 500) {
      Optional<ServerWait> hint = serverWait(r.headers());
      String what = "status " + s + excerpt(r);
      StatusFailure cause = new StatusFailure(r);
      // A wait the server announces for its rate limit is a quota wait: bounded by the budget, not by attempts.
      boolean throttle = limited || (s == 503 && r.headers().firstValue("Retry-After").isPresent());
      return new Retryable(what, hint.orElse(ServerWait.NONE), limited && hint.isPresent(), throttle, cause);
    }
    String advice = switch (s) {
      case 401 -> counters.reauthorized
          ? "the API refused the credentials, also a freshly supplied token; check the token supplier"
          : transport.refreshesToken()
              ? "the API refused the credentials; check the token supplier"
              : "the API refused the credentials; check the token (for tokens that expire, pass a supplier "
                  + "to bearerToken(...) so a 401 is retried once with a fresh one)";
      case 403 -> "the API forbids this; check the token's permissions (or, for APIs that answer 403 when "
          + "rate limited, set RetrySettings.forbiddenMeansRateLimited)";
      case 404 -> "the API does not know this path; check the endpoint's path";
      case 400 -> "the API rejected the request; check the endpoint's parameters and filters for this resource";
      default -> "unexpected status; retrying will not help";
    };
    throw new HttpSourceException(resource, page, url, s, advice + "; response: " + excerpt(r).strip(), null);
  }

  /**
   * The server's wait hint: {@code Retry-After} (seconds, honoured as given, or an HTTP date), or a
   * spent quota's reset; a wait given as an instant gets {@link #ABSOLUTE_WAIT_MARGIN}.
   */
  Optional<ServerWait> serverWait(HttpHeaders h) {
    Optional<String> retryAfter = h.firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      Optional<ServerWait> d = parseRetryAfter(retryAfter.get().trim());
      if (d.isPresent()) {
        return d;
      }
    }
    return quotaReset(h).map(reset -> new ServerWait(nonNegative(Duration.between(clock.instant(), reset)),
        relativeReset(h) ? Duration.ZERO : ABSOLUTE_WAIT_MARGIN));
  }

  /** Whether {@code X-RateLimit-Reset} counts seconds from now rather than giving an epoch instant. */
  private static boolean relativeReset(HttpHeaders h) {
    try {
      return Double.parseDouble(h.firstValue("X-RateLimit-Reset").orElse("0").trim()) < 1_000_000_000d;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * When a response says the quota is spent ({@code X-RateLimit-Remaining: 0}), the instant it
   * resets ({@code X-RateLimit-Reset}, epoch seconds, or seconds from now for small values).
   */
  Optional<Instant> quotaReset(HttpHeaders h) {
    Optional<String> remaining = h.firstValue("X-RateLimit-Remaining");
    Optional<String> reset = h.firstValue("X-RateLimit-Reset");
    if (remaining.isEmpty() || reset.isEmpty() || !remaining.get().trim().equals("0")) {
      return Optional.empty();
    }
    try {
      double v = Double.parseDouble(reset.get().trim());
      if (!(v >= 0) || Double.isInfinite(v)) {
        return Optional.empty();
      }
      return Optional.of(v < 1_000_000_000d
          ? clock.instant().plusMillis((long) (v * 1000))
          : Instant.ofEpochMilli((long) (v * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Notes a spent quota announced on any response ({@code X-RateLimit-Remaining: 0}): pauses the
   * whole API until its reset and slows the governor down.
   */
  private void observeSpentQuota(Response r, Governor.Permit permit) {
    quotaReset(r.headers()).ifPresent(governor::pauseUntil);
    governor.throttled(permit.generation());
  }

  private Optional<ServerWait> parseRetryAfter(String v) {
    try {
      double seconds = Double.parseDouble(v);
      if (seconds >= 0 && !Double.isInfinite(seconds)) {
        return Optional.of(new ServerWait(Duration.ofNanos((long) (seconds * 1e9)), Duration.ZERO));
      }
      return Optional.empty();
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(new ServerWait(nonNegative(Duration.between(clock.instant(), at)), ABSOLUTE_WAIT_MARGIN));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private String excerpt(Response r) {
    if (r.body().length == 0) {
      return "";
    }
    String text = ContentDecoding.excerpt(r.headers(), r.body(), 400);
    text = transport.scrub(text).replaceAll("[\\p{Cntrl}]+", " ").strip();
    return ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
  }
}
