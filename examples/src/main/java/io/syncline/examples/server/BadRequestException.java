package io.syncline.examples.server;

/** A request the API answers with {@code 400}; the message says what to fix and goes to the client. */
final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message, null, false, false);
  }
}
