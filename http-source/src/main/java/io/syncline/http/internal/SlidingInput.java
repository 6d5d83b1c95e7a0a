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
  private byte[] buf = new byte[32 * 1024];
  /** Index in {@code buf} of the first byte kept. */
  private int off;
  /** Index in {@code buf} after the last byte kept. */
  private int end;
  /** Absolute offset of {@code buf[off]}. */
  private long base;

  SlidingInput(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  /** @return the bytes read so far */
  long total() {
    return base + (end - off);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int o, int n) throws IOException {
    int r = in.read(b, o, n);
    if (r > 0) {
      if (total() + r > limit) {
        throw new TooLarge(limit);
      }
      append(b, o, r);
    }
    return r;
  }

  private void append(byte[] b, int o, int n) {
    if (end + n > buf.length) {
      int kept = end - off;
      // Compact only when the buffer is full: released bytes are dropped in one move, not per record.
      byte[] target = kept + n > buf.length / 2 ? new byte[Math.max(buf.length * 2, kept + n)] : buf;
      System.arraycopy(buf, off, target, 0, kept);
      buf = target;
      off = 0;
      end = kept;
    }
    System.arraycopy(b, o, buf, end, n);
    end += n;
  }

  /**
   * The text between two absolute offsets, which must not have been released.
   *
   * @param start the first byte's offset
   * @param stop the offset after the last byte
   * @return the UTF-8 text
   */
  String slice(long start, long stop) {
    if (start < base || stop > total() || stop < start) {
      throw new IllegalStateException("slice " + start + ".." + stop + " outside the kept window " + base + ".."
          + total());
    }
    return new String(buf, off + (int) (start - base), (int) (stop - start), StandardCharsets.UTF_8);
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
    off += (int) (to - base);
    base = to;
    if (off == end) {
      off = 0;
      end = 0;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
