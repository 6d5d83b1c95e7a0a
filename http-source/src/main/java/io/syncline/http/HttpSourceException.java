package io.syncline.http;

import io.syncline.SyncException;
import java.util.OptionalInt;

/**
 * An HTTP request failed for good: a status that retrying cannot fix ({@code 400}, {@code 401},
 * {@code 404}, …), retries or the quota budget exhausted, a redirect loop, a next-page token that
 * repeats. The message names the resource, the page, the URL with secrets removed, the status
 * and a short excerpt of the body; it never contains the token.
 */
public class HttpSourceException extends SyncException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String url;

  /**
   * Creates an exception.
   *
   * @param resource the resource's name
   * @param page the 1-based page within the run
   * @param url the request's URL, secrets already removed
   * @param status the HTTP status, or 0 when no response arrived
   * @param message what failed and what to do
   * @param cause the underlying failure, may be null
   */
  public HttpSourceException(String resource, long page, String url, int status, String message,
      Throwable cause) {
    super(resource, page, message + " (GET " + url + (status > 0 ? ", status " + status : "") + ")", cause);
    this.status = status;
    this.url = url;
  }

  /** @return the HTTP status of the last response, if one arrived */
  public OptionalInt status() {
    return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /** @return the request's URL with secrets removed */
  public String url() {
    return url;
  }
}
