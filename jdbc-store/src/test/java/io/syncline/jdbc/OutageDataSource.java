package io.syncline.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A real database behind a switch, failing the way drivers do when the server goes away: while
 * {@link #down} says so, every new connection is refused with the configured exception; and the
 * next {@code n} commits can be made to fail after (or instead of) reaching the database, as when
 * the connection drops in the middle of a commit.
 */
final class OutageDataSource {
  private final DataSource target;
  private volatile BooleanSupplier down = () -> false;
  private volatile Supplier<SQLException> failure = OutageDataSource::connectionRefused;
  private final AtomicInteger failingCommits = new AtomicInteger();
  private volatile boolean commitReachesDatabase;
  final AtomicInteger connectionsRequested = new AtomicInteger();

  OutageDataSource(DataSource target) {
    this.target = target;
  }

  /** PostgreSQL's refusal while the server is down. */
  static SQLException connectionRefused() {
    return new SQLException("Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct",
        "08001", new java.net.ConnectException("Connection refused"));
  }

  OutageDataSource downWhile(BooleanSupplier condition) {
    this.down = condition;
    return this;
  }

  OutageDataSource failingWith(Supplier<SQLException> f) {
    this.failure = f;
    return this;
  }

  /** The next {@code n} commits fail with 08006; when {@code reached}, after the data was committed. */
  OutageDataSource failCommits(int n, boolean reached) {
    this.commitReachesDatabase = reached;
    failingCommits.set(n);
    return this;
  }

  DataSource dataSource() {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (p, m, a) -> {
          if (m.getName().equals("getConnection")) {
            connectionsRequested.incrementAndGet();
            if (down.getAsBoolean()) {
              throw failure.get();
            }
            return connection((Connection) invoke(target, m, a));
          }
          return invoke(target, m, a);
        });
  }

  private Connection connection(Connection c) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (p, m, a) -> {
          if (m.getName().equals("commit") && failingCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            if (commitReachesDatabase) {
              c.commit();
            } else {
              c.rollback();
            }
            throw new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new java.net.SocketException("Connection reset"));
          }
          return invoke(c, m, a);
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] a) throws Throwable {
    try {
      return m.invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
