package io.syncline.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a response's {@code Content-Encoding} as a stream: {@code gzip} (and {@code x-gzip}),
 * {@code deflate} (zlib-wrapped as the RFC says, or raw as some servers send it) and
 * {@code identity}. The decoded body is never held whole: callers read it through the returned
 * stream. Stateless and thread-safe. Not API.
 */
final class ContentDecoding {
  /** What {@code Accept-Encoding} asks for when compression is on. */
  static final String ACCEPTED = "gzip, deflate";

  private ContentDecoding() {}

  /**
   * The body's content coding, lower case, {@code identity} when none.
   *
   * @param headers the response headers
   * @return the coding
   * @throws PermanentFailure for codings this source cannot decode
   */
  static String of(HttpHeaders headers) {
    String value = headers.firstValue("Content-Encoding").orElse("").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "identity" -> "identity";
      case "gzip", "x-gzip" -> "gzip";
      case "deflate" -> "deflate";
      default -> throw new PermanentFailure("the response has Content-Encoding '" + clip(value) + "', which "
          + "this source cannot decode (it asks only for " + ACCEPTED + "); the server ignored Accept-Encoding");
    };
  }

  /**
   * Opens a decoding stream over a body's wire bytes. Close it: a deflate stream holds native
   * memory until then.
   *
   * @param coding what {@link #of} returned
   * @param wire the body as received
   * @return the decoded bytes, as a stream
   * @throws IOException when the body does not start like its coding says (not gzip, cut header)
   */
  static InputStream open(String coding, byte[] wire) throws IOException {
    InputStream in = new ByteArrayInputStream(wire);
    return switch (coding) {
      case "gzip" -> new GZIPInputStream(in, 8192);
      case "deflate" -> {
        // RFC 9110 deflate is zlib-wrapped; some servers send raw deflate: tell by the zlib header.
        boolean zlib = wire.length >= 2 && (wire[0] & 0x0f) == 8 && ((wire[0] & 0xff) * 256 + (wire[1] & 0xff)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        yield new InflaterInputStream(in, inflater, 8192) {
          @Override
          public void close() throws IOException {
            try {
              super.close();
            } finally {
              inflater.end();
            }
          }
        };
      }
      default -> in;
    };
  }

  /**
   * The start of a body as text, decoded when possible, for error messages.
   *
   * @param headers the response headers
   * @param wire the body as received
   * @param max the most bytes to decode
   * @return up to {@code max} bytes of text
   */
  static String excerpt(HttpHeaders headers, byte[] wire, int max) {
    try {
      String coding = of(headers);
      try (InputStream in = open(coding, wire)) {
        return new String(in.readNBytes(max), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      return new String(wire, 0, Math.min(wire.length, max), StandardCharsets.UTF_8);
    }
  }

  private static String clip(String s) {
    String one = s.replaceAll("[\\p{Cntrl}]+", " ");
    return one.length() > 40 ? one.substring(0, 40) + "…" : one;
  }
}
