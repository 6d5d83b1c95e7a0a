package io.syncline.http.internal;

import io.syncline.InvalidRecordException;
import java.io.IOException;
import java.util.Optional;

/**
 * A body that cannot be used but may be fine on another attempt: it ended before its JSON did
 * (the connection was cut), or its JSON is garbled (a proxy or a half-written buffer). Retried
 * as transient; when the attempts run out, a garbled body fails the page with its
 * {@link #whenFinal() final form}, naming the resource, page and offset.
 */
final class TransientBodyException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient InvalidRecordException whenFinal;

  TransientBodyException(String message, Throwable cause) {
    this(message, cause, null);
  }

  TransientBodyException(String message, Throwable cause, InvalidRecordException whenFinal) {
    super(message, cause);
    this.whenFinal = whenFinal;
  }

  /** @return the failure to report when no attempt gave a usable body, if not the retry loop's own */
  Optional<InvalidRecordException> whenFinal() {
    return Optional.ofNullable(whenFinal);
  }
}
