package io.syncline.http;

import io.syncline.http.internal.Governor;
import java.util.Optional;

/**
 * Paces the requests of every resource of one API, which share the vendor's quota: a smooth
 * client-side rate limit, and a pause for everybody once the server says its quota is spent
 * ({@code 429} with {@code Retry-After}, or {@code X-RateLimit-Remaining: 0}).
 *
 * <p>Create one per API and hand it to every {@link HttpRecordSource} that talks to that API
 * with {@link HttpRecordSource.Builder#governor(RateGovernor)}. Thread-safe.
 */
public final class RateGovernor {
  final Governor governor;

  private RateGovernor(Optional<RateLimit> limit) {
    this.governor = new Governor(limit);
  }

  /**
   * A governor that spaces requests to a rate.
   *
   * @param limit the rate
   * @return a new governor
   */
  public static RateGovernor of(RateLimit limit) {
    return new RateGovernor(Optional.of(limit));
  }

  /**
   * A governor without a client-side rate that still honours the server's quota signals.
   *
   * @return a new governor
   */
  public static RateGovernor unlimited() {
    return new RateGovernor(Optional.empty());
  }

  @Override
  public String toString() {
    return "RateGovernor[" + governor + "]";
  }
}
