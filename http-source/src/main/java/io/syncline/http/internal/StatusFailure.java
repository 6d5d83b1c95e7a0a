package io.syncline.http.internal;

/** A response whose status is not 2xx, raised inside one attempt so the retry loop can classify it. */
final class StatusFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final transient Response response;

  StatusFailure(Response response) {
    super("status " + response.status(), null, false, false);
    this.response = response;
  }
}
