package io.syncline.http.internal;

/** A failure of one attempt that retrying cannot fix (redirect loop, bad redirect, no token, a
 * body larger than the page limit). */
final class PermanentFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PermanentFailure(String message) {
    super(message);
  }
}
