package io.syncline;

import java.util.Objects;

/**
 * A cache validator a source got with the first page of an incremental pass ({@code ETag} or
 * {@code Last-Modified}), kept in the resource's {@link SyncState} so the next pass can ask
 * "has this changed?" ({@code If-None-Match} / {@code If-Modified-Since}) and be answered
 * {@code 304 Not Modified} without a body.
 *
 * <p>A validator only speaks for the exact request it came from, which {@link #requestKey()}
 * identifies (an opaque digest the source computes from the request it sent, never containing
 * secrets); a source sends it only with an identical request. Immutable and thread-safe.
 *
 * @param kind the validator's kind
 * @param value the header value as the server sent it, e.g. {@code "W/\"abc\""}
 * @param requestKey identifies the request the validator belongs to (the source's digest)
 */
public record Validator(Kind kind, String value, String requestKey) {

  /** Which header carried the validator, and so which conditional header sends it back. */
  public enum Kind {
    /** {@code ETag}, sent back as {@code If-None-Match}. */
    ETAG,
    /** {@code Last-Modified}, sent back as {@code If-Modified-Since}. */
    LAST_MODIFIED
  }

  /** Validates the components. */
  public Validator {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(requestKey, "requestKey");
    if (value.isEmpty() || value.length() > 1000 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("a validator is 1 to 1000 printable characters: " + value.length());
    }
    if (requestKey.isEmpty() || requestKey.length() > 200 || requestKey.contains(" ")) {
      throw new IllegalArgumentException("a request key is 1 to 200 characters without spaces");
    }
  }

  /**
   * Encodes for storage: {@code kind requestKey value}.
   *
   * @return the text
   */
  public String encode() {
    return kind.name() + " " + requestKey + " " + value;
  }

  /**
   * Decodes {@link #encode()}'s text.
   *
   * @param text the text
   * @return the validator
   * @throws IllegalArgumentException for text not written by {@link #encode()}
   */
  public static Validator decode(String text) {
    int a = text.indexOf(' ');
    int b = a < 0 ? -1 : text.indexOf(' ', a + 1);
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException("not an encoded validator");
    }
    return new Validator(Kind.valueOf(text.substring(0, a)), text.substring(b + 1), text.substring(a + 1, b));
  }
}
