package io.syncline.jdbc.internal;

import io.syncline.jdbc.JdbcStoreException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells whether a failed store operation is worth trying again on a fresh connection once the
 * database is back: the connection was lost or refused, the server is starting up, shutting
 * down or failing over, or the transaction lost a deadlock or serialization race. Anything that
 * names a permanent cause (bad credentials, missing privileges, a missing table or column, a
 * syntax error, a constraint) is permanent even when a pool wrapped it in a transient-looking
 * exception: retrying cannot help, so the caller fails at once. Stateless and thread-safe.
 *
 * <p>Transient: SQLSTATE class {@code 08} (connection exception); {@code 40001} serialization
 * failure, {@code 40P01} deadlock; {@code 57P01} admin shutdown, {@code 57P02} crash shutdown,
 * {@code 57P03} cannot connect now ("the database system is starting up"); {@code 53300} too many
 * connections; {@code 25006} read-only transaction (a standby not yet promoted); MariaDB/MySQL
 * errors 1205 (lock wait timeout), 1213 (deadlock), 1040 (too many connections), 1053 (server
 * shutdown), 1290 (read-only), 1927 (connection killed), 2002/2003/2006/2013 (cannot connect,
 * gone away, lost); H2's 90067 (connection broken) and 90121 (database closed);
 * {@link SQLTransientConnectionException}, {@link SQLRecoverableException} and
 * {@link SQLTransactionRollbackException} when they have no SQL state (a pool's timeout); a network {@link IOException} (socket, channel, TLS,
 * end of stream) anywhere in the chain.
 *
 * <p>Permanent, whatever else the chain says: SQLSTATE class {@code 28} (invalid authorization),
 * {@code 42} (syntax error or access rule violation, e.g. {@code 42501} insufficient privilege,
 * {@code 42P01} undefined table), {@code 3D} (no such database), {@code 3F} (no such schema),
 * {@code 0A} (feature not supported), {@code 22} (data exception), {@code 23} (constraint);
 * MariaDB 1044/1045 (access denied).
 */
public final class TransientFailure {
  private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03",
      "53300", "25006", "90067", "90121");
  private static final Set<Integer> TRANSIENT_MARIADB = Set.of(1205, 1213, 1040, 1053, 1290, 1927,
      2002, 2003, 2006, 2013);
  private static final Set<String> PERMANENT_CLASSES = Set.of("28", "42", "3D", "3F", "0A", "22", "23");
  private static final Set<Integer> PERMANENT_MARIADB = Set.of(1044, 1045);

  private TransientFailure() {}

  /**
   * @param failure a failure, with its causes, next exceptions and suppressed exceptions
   * @return true when retrying on a fresh connection may succeed and nothing in the chain is
   *     permanent
   */
  public static boolean isTransient(Throwable failure) {
    boolean[] found = new boolean[2]; // [transient, permanent]
    walk(failure, new IdentityHashMap<>(), found);
    return found[0] && !found[1];
  }

  private static void walk(Throwable t, Map<Throwable, Boolean> seen, boolean[] found) {
    if (t == null || seen.put(t, Boolean.TRUE) != null) {
      return;
    }
    if (t instanceof SQLException e) {
      String state = e.getSQLState();
      int code = e.getErrorCode();
      if (state != null && state.length() >= 2 && PERMANENT_CLASSES.contains(state.substring(0, 2))
          || PERMANENT_MARIADB.contains(code)) {
        found[1] = true;
      } else if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))
          || TRANSIENT_MARIADB.contains(code)) {
        found[0] = true;
      } else if (state == null && (e instanceof SQLTransientConnectionException
          || e instanceof SQLRecoverableException || e instanceof SQLTransactionRollbackException)) {
        // Only without a SQL state: drivers' choice of subclass is unreliable (MariaDB
        // Connector/J 3 throws a user's SIGNAL SQLSTATE '45000' as SQLTransientConnectionException).
        found[0] = true;
      }
      walk(e.getNextException(), seen, found);
    } else if (isNetworkFailure(t)) {
      found[0] = true;
    } else if (t instanceof JdbcStoreException e && e.isTransient()) {
      // a store exception made of another one: its causes were made safe, their classes lost
      found[0] = true;
    }
    for (Throwable s : t.getSuppressed()) {
      walk(s, seen, found);
    }
    walk(t.getCause(), seen, found);
  }

  /** A socket, channel or TLS failure, or a stream cut short: not, say, a JSON parse error (also an IOException). */
  private static boolean isNetworkFailure(Throwable t) {
    if (!(t instanceof IOException)) {
      return false;
    }
    String pkg = t.getClass().getPackageName();
    return pkg.equals("java.net") || pkg.equals("java.nio.channels") || pkg.equals("javax.net.ssl")
        || t instanceof java.io.EOFException || t instanceof java.io.InterruptedIOException;
  }

  /**
   * @param failure a failure
   * @return the first SQL exception with a SQL state in its chain (causes, then next
   *     exceptions), or null
   */
  public static SQLException firstSqlException(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; ) {
      if (t instanceof SQLException e) {
        if (e.getSQLState() != null) {
          return e;
        }
        if (t.getCause() == null && e.getNextException() != null) {
          t = e.getNextException();
          continue;
        }
      }
      t = t.getCause();
    }
    return null;
  }
}
