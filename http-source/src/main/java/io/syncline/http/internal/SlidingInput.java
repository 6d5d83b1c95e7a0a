package io.syncline.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a decoded body to the JSON parser while keeping only the bytes not yet released (the
 * parser's read-ahead and the record being read), so a record's exact text can be sliced out by
 * its byte offsets without holding the whole decoded body. Counts the bytes read and fails once
 * they exceed a limit (a compression bomb). Used by one thread. Not API.
 */
final class SlidingInput extends InputStream {

  /** The decoded body grew beyond the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("decoded response body larger than " + limit + " bytes");
    }
  }

  private final InputStream in;
  private final long limit;
  private byte[] buf = new byte[16 * 1024];
  /** Absolute offset of {@code buf[0]}. */
  private long base;
  /** Valid bytes in {@code buf}. */
  private int len;

  SlidingInput(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  /** @return the bytes read so far */
  long total() {
    return base + len;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    int r = in.read(b, off, n);
    if (r > 0) {
      if (total() + r > limit) {
        throw new TooLarge(limit);
      }
      append(b, off, r);
    }
    return r;
  }

  private void append(byte[] b, int off, int n) {
    if (len + n > buf.length) {
      byte[] bigger = new byte[Math.max(buf.length * 2, len + n)];
      System.arraycopy(buf, 0, bigger, 0, len);
      buf = bigger;
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  /**
   * The text between two absolute offsets, which must not have been released.
   *
   * @param start the first byte's offset
   * @param end the offset after the last byte
   * @return the UTF-8 text
   */
  String slice(long start, long end) {
    if (start < base || end > total() || end < start) {
      throw new IllegalStateException("slice " + start + ".." + end + " outside the kept window " + base + ".."
          + total());
    }
    return new String(buf, (int) (start - base), (int) (end - start), StandardCharsets.UTF_8);
  }

  /**
   * Forgets the bytes before an absolute offset.
   *
   * @param upTo the offset
   */
  void release(long upTo) {
    long to = Math.min(upTo, total());
    if (to <= base) {
      return;
    }
    int drop = (int) (to - base);
    System.arraycopy(buf, drop, buf, 0, len - drop);
    len -= drop;
    base = to;
    if (buf.length > 64 * 1024 && len < buf.length / 4) {
      byte[] smaller = new byte[Math.max(16 * 1024, len * 2)];
      System.arraycopy(buf, 0, smaller, 0, len);
      buf = smaller;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
