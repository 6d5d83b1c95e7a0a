package io.syncline.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** A JDK HTTP server on 127.0.0.1 and a free port, for tests that script their own API. */
final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a server with one handler.
   *
   * @param path the context path, e.g. {@code /} or {@code /items}
   * @param handler the handler
   * @return the running server
   */
  static LoopbackServer start(String path, HttpHandler handler) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.createContext(path, handler);
      s.start();
      return new LoopbackServer(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the server's base URL */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
