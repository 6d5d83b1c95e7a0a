package io.syncline;

/**
 * What fetching cost on the wire: HTTP requests sent (retries and redirects included), how many
 * of them the server answered {@code 304 Not Modified}, and response body bytes as they crossed
 * the wire (compressed, when the server compressed) and after decoding. Header bytes are not
 * counted. Reported per page ({@link io.syncline.spi.Page#traffic()}), per run
 * ({@link SyncResult#traffic()}, {@link Progress#traffic()}) and for a resource's last run
 * ({@link SyncState#lastTraffic()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param requests requests sent
 * @param notModified requests answered {@code 304 Not Modified} (no body)
 * @param wireBytes response body bytes received, before decoding
 * @param decodedBytes response body bytes after decoding ({@code Content-Encoding} removed)
 */
public record Traffic(long requests, long notModified, long wireBytes, long decodedBytes) {

  /** No traffic: what a source that does not count reports. */
  public static final Traffic NONE = new Traffic(0, 0, 0, 0);

  /** Validates the components. */
  public Traffic {
    if (requests < 0 || notModified < 0 || wireBytes < 0 || decodedBytes < 0) {
      throw new IllegalArgumentException("traffic counts are never negative: " + requests + ", " + notModified
          + ", " + wireBytes + ", " + decodedBytes);
    }
    if (notModified > requests) {
      throw new IllegalArgumentException("more 304 answers (" + notModified + ") than requests (" + requests + ")");
    }
  }

  /**
   * The traffic of one request answered with a body.
   *
   * @param wireBytes body bytes received
   * @param decodedBytes body bytes after decoding
   * @return the traffic
   */
  public static Traffic ofResponse(long wireBytes, long decodedBytes) {
    return new Traffic(1, 0, wireBytes, decodedBytes);
  }

  /**
   * The traffic of one request answered {@code 304 Not Modified}.
   *
   * @return the traffic
   */
  public static Traffic ofNotModified() {
    return new Traffic(1, 1, 0, 0);
  }

  /**
   * Adds two traffics.
   *
   * @param other the other
   * @return the sum
   */
  public Traffic plus(Traffic other) {
    return new Traffic(requests + other.requests, notModified + other.notModified, wireBytes + other.wireBytes,
        decodedBytes + other.decodedBytes);
  }

  /**
   * The share of decoded bytes that crossed the wire: 1 without compression, about 0.1 to 0.2 for
   * gzip-compressed JSON listings.
   *
   * @return wire bytes / decoded bytes, 1 when nothing was decoded
   */
  public double compressionRatio() {
    return decodedBytes == 0 ? 1.0 : (double) wireBytes / decodedBytes;
  }

  /**
   * Encodes for storage as {@code requests,notModified,wireBytes,decodedBytes}.
   *
   * @return the text
   */
  public String encode() {
    return requests + "," + notModified + "," + wireBytes + "," + decodedBytes;
  }

  /**
   * Decodes {@link #encode()}'s text.
   *
   * @param text the text
   * @return the traffic
   * @throws IllegalArgumentException for text not written by {@link #encode()}
   */
  public static Traffic decode(String text) {
    String[] p = text.split(",");
    if (p.length != 4) {
      throw new IllegalArgumentException("not an encoded traffic: " + text);
    }
    try {
      return new Traffic(Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim()), Long.parseLong(p[2].trim()),
          Long.parseLong(p[3].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an encoded traffic: " + text, e);
    }
  }

  /** @return e.g. {@code 48 requests (0 not modified), 812.4 KiB on the wire, 4.5 MiB decoded} */
  @Override
  public String toString() {
    return requests + " request" + (requests == 1 ? "" : "s") + " (" + notModified + " not modified), "
        + bytes(wireBytes) + " on the wire, " + bytes(decodedBytes) + " decoded";
  }

  /**
   * Writes a byte count for people: {@code 512 B}, {@code 3.1 KiB}, {@code 4.5 MiB}, {@code 1.2 GiB}.
   *
   * @param n bytes
   * @return the text
   */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
