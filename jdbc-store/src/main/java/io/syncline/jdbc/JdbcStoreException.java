package io.syncline.jdbc;

import java.util.Optional;

/**
 * A database operation of a {@link JdbcRecordStore} failed. The message names the resource (when
 * the operation concerned one), the table and the dialect, and never contains a connection URL,
 * user or password; the cause is the driver's exception. A failed {@code write} left nothing
 * behind: the page and its state rolled back together.
 */
public class JdbcStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String resource;

  /**
   * Creates an exception.
   *
   * @param resource the resource concerned, or null when the operation was not about one
   * @param message what failed and what to do
   * @param cause the underlying failure
   */
  public JdbcStoreException(String resource, String message, Throwable cause) {
    // Drivers may echo credentials in their messages: the attached causes are redacted too.
    super(resource == null ? message : "Resource '" + resource + "': " + message,
        io.syncline.jdbc.internal.Redacted.chain(cause));
    this.resource = resource;
  }

  /** @return the resource concerned, if the failed operation was about one */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }
}
