package io.syncline;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A sync of one resource failed. The message names the resource and, when known, the page; the
 * data committed before the failure and the last checkpoint are intact, so running the sync
 * again continues from there. Messages never contain secrets.
 */
public class SyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final long page;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param page the 1-based page within the run that failed, or 0 when not tied to a page
   * @param message what failed and what to do
   * @param cause the underlying failure, may be null
   */
  public SyncException(String resource, long page, String message, Throwable cause) {
    super(format(resource, page, message), cause);
    this.resource = Objects.requireNonNull(resource, "resource");
    this.page = page;
  }

  /**
   * Creates an exception not tied to a page.
   *
   * @param resource the resource's name
   * @param message what failed and what to do
   */
  public SyncException(String resource, String message) {
    this(resource, 0, message, null);
  }

  /**
   * Creates an exception whose message is worded by the subclass (for outcomes that are not
   * failures, such as a run stopped on request).
   *
   * @param resource the resource's name
   * @param page the 1-based page the message is about, or 0
   * @param cause the underlying failure, may be null
   * @param message the complete message
   */
  protected SyncException(String resource, long page, Throwable cause, String message) {
    super(message, cause);
    this.resource = Objects.requireNonNull(resource, "resource");
    this.page = page;
  }

  private static String format(String resource, long page, String message) {
    return "Sync of resource '" + resource + "'" + (page > 0 ? " failed at page " + page : " failed")
        + ": " + message;
  }

  /** @return the resource's name */
  public String resource() {
    return resource;
  }

  /** @return the 1-based page within the run that failed, if the failure is tied to a page */
  public OptionalLong page() {
    return page > 0 ? OptionalLong.of(page) : OptionalLong.empty();
  }
}
