package io.syncline.jdbc;

import io.syncline.jdbc.internal.Redacted;
import io.syncline.jdbc.internal.TransientFailure;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A database operation of a {@link JdbcRecordStore} failed. The message names the resource (when
 * the operation concerned one), what was done, the table, the dialect and the SQLSTATE; it never
 * contains a connection URL, user or password, nor record data (no statement, bound value or
 * quoted literal a driver echoed). The cause is the driver's exception, or a copy of its chain
 * with the same redaction applied to every message. A failed {@code write} left nothing behind:
 * the page and its state rolled back together.
 */
public class JdbcStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final String sqlState;
  private final boolean transientFailure;

  /**
   * Creates an exception.
   *
   * @param resource the resource concerned, or null when the operation was not about one
   * @param message what failed and what to do; must not contain record data
   * @param cause the underlying failure
   */
  public JdbcStoreException(String resource, String message, Throwable cause) {
    // Drivers may echo credentials and values in their messages: the attached causes are redacted too.
    super(resource == null ? message : "Resource '" + resource + "': " + message, Redacted.chain(cause));
    this.resource = resource;
    SQLException coded = cause == null ? null : TransientFailure.firstSqlException(cause);
    this.sqlState = coded != null ? coded.getSQLState()
        : cause instanceof JdbcStoreException e ? e.sqlState : null;
    this.transientFailure = cause != null && TransientFailure.isTransient(cause);
  }

  /** @return the resource concerned, if the failed operation was about one */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }

  /** @return the first SQLSTATE the driver reported, if any (e.g. {@code 08006}, {@code 42501}) */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /**
   * Tells whether the failure looked transient: a lost or refused connection, a server starting
   * up, shutting down or failing over, a deadlock or serialization failure. The store has already
   * retried such failures for its retry budget; running the sync again later may well succeed.
   *
   * @return true for a transient failure, false for a permanent one (credentials, privileges,
   *     schema, data)
   */
  public boolean isTransient() {
    return transientFailure;
  }
}
