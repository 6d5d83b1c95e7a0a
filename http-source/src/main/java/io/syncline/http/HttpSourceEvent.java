package io.syncline.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Something the HTTP source did, delivered to {@link HttpSourceListener}s. Values are immutable;
 * URLs are redacted (secret query parameters hidden) and no event carries a token.
 */
public sealed interface HttpSourceEvent
    permits HttpSourceEvent.Response, HttpSourceEvent.RequestFailed, HttpSourceEvent.Retry,
        HttpSourceEvent.QuotaWait, HttpSourceEvent.RateChanged {

  /** @return the resource whose page was being fetched */
  String resource();

  /**
   * The API answered a request (any status: 2xx, 429, 5xx...).
   *
   * @param resource the resource
   * @param page the run's page number
   * @param status the HTTP status
   * @param elapsed from sending the request until its body was read, on the source's clock
   */
  record Response(String resource, long page, int status, Duration elapsed) implements HttpSourceEvent {
    /** Validates the components. */
    public Response {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return whether the API said its rate limit was hit (status 429) */
    public boolean rateLimited() {
      return status == 429;
    }
  }

  /**
   * A request got no response: timeout or connection failure.
   *
   * @param resource the resource
   * @param page the run's page number
   * @param reason what went wrong, one line
   */
  record RequestFailed(String resource, long page, String reason) implements HttpSourceEvent {
    /** Validates the components. */
    public RequestFailed {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A failed attempt will be retried after a delay.
   *
   * @param resource the resource
   * @param page the run's page number
   * @param attempt the number of the attempt that failed, from 1
   * @param delay how long the source waits before the next attempt
   * @param status the failed attempt's HTTP status, 0 when it got no response
   * @param reason why it failed, one line
   */
  record Retry(String resource, long page, int attempt, Duration delay, int status, String reason)
      implements HttpSourceEvent {
    /** Validates the components. */
    public Retry {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The source waits because the API's quota is spent ({@code Retry-After} on a 429, or
   * {@code X-RateLimit-Remaining: 0} until the reset).
   *
   * @param resource the resource
   * @param page the run's page number
   * @param duration how long it waits
   */
  record QuotaWait(String resource, long page, Duration duration) implements HttpSourceEvent {
    /** Validates the components. */
    public QuotaWait {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * The adaptive rate changed: cut after a throttle, or grown back after successes.
   *
   * @param resource the resource whose response caused the change
   * @param previousPerSecond the rate before, in requests per second
   * @param currentPerSecond the rate now
   */
  record RateChanged(String resource, double previousPerSecond, double currentPerSecond) implements HttpSourceEvent {
    /** Validates the components. */
    public RateChanged {
      Objects.requireNonNull(resource, "resource");
    }

    /** @return whether the rate went down */
    public boolean decreased() {
      return currentPerSecond < previousPerSecond;
    }
  }
}
