package io.syncline.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP relay that emulates a slower network link in front of a server: requests pass
 * as they come, responses are paced to a fixed number of bytes per second, shared by every
 * connection (one link, as to a vendor's API over the internet). Loopback alone has no bandwidth
 * limit, so it cannot show what compression saves; through this relay it can.
 *
 * <p>Threads are daemons; {@link #close()} stops accepting and closes every relayed connection.
 */
final class ThrottledLink implements AutoCloseable {
  private static final int CHUNK = 8 * 1024;

  private final InetSocketAddress target;
  private final long bytesPerSecond;
  private final ServerSocket listener;
  private long linkFreeAtNanos = System.nanoTime();

  private ThrottledLink(InetSocketAddress target, long bytesPerSecond) throws IOException {
    this.target = target;
    this.bytesPerSecond = bytesPerSecond;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "throttled-link-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a relay to a server.
   *
   * @param server the server's base URL (host and port are used)
   * @param megabitsPerSecond the link's downstream speed
   * @return the running relay
   * @throws IOException when no loopback port can be opened
   */
  static ThrottledLink start(URI server, double megabitsPerSecond) throws IOException {
    return new ThrottledLink(new InetSocketAddress(server.getHost(), server.getPort()),
        (long) (megabitsPerSecond * 1_000_000 / 8));
  }

  /** @return the base URL that reaches the server through the link */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        pipe(client, server, false);
        pipe(server, client, true);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean paced) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[CHUNK];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (paced) {
            waitUntil(reserve(n));
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed: close both below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, paced ? "throttled-link-down" : "throttled-link-up");
    t.setDaemon(true);
    t.start();
  }

  // The instant at which the link has carried these bytes after everything reserved before them.
  private synchronized long reserve(int bytes) {
    long now = System.nanoTime();
    long start = Math.max(now, linkFreeAtNanos);
    linkFreeAtNanos = start + TimeUnit.SECONDS.toNanos(bytes) / bytesPerSecond;
    return linkFreeAtNanos;
  }

  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
