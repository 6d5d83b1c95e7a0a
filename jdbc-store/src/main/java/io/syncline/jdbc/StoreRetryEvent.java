package io.syncline.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A store operation met a transient database failure (see {@link JdbcStoreException#isTransient()})
 * and was retried, recovered, or given up once the outage outlasted the retry budget. Immutable.
 *
 * @param kind what happened
 * @param resource the resource the operation concerned, if any
 * @param operation what the store was doing, e.g. "Writing a page of 100 records (rolled back)"
 * @param attempt the attempt that just failed (RETRYING, GAVE_UP) or succeeded (RECOVERED), from 1
 * @param sqlState the SQLSTATE of the last failure, if the driver gave one
 * @param failure the last failure, described without record data or credentials
 * @param outage how long the database has been failing, from the first failure of this outage
 *     (by any operation of the store) to now
 * @param delay the wait before the next attempt (RETRYING), otherwise zero
 * @param budget the store's retry budget
 */
public record StoreRetryEvent(Kind kind, Optional<String> resource, String operation, int attempt,
    Optional<String> sqlState, String failure, Duration outage, Duration delay, Duration budget) {

  /** What happened. */
  public enum Kind {
    /** An attempt failed transiently; the store waits {@code delay} and tries again. */
    RETRYING,
    /** An attempt succeeded after failed ones: the database is back. */
    RECOVERED,
    /** The outage outlasted the budget: the operation fails with a {@link JdbcStoreException}. */
    GAVE_UP
  }

  /** Validates the components. */
  public StoreRetryEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(sqlState, "sqlState");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(outage, "outage");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(budget, "budget");
  }
}
