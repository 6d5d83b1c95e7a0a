package io.syncline.http.internal;

import java.io.IOException;

/** A body that ended before its JSON did: the connection was cut, so retrying can help. */
final class TransientBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  TransientBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
