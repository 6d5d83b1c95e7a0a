package io.syncline.jdbc.internal;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells whether a failed page transaction lost a race with a concurrent writer, so that writing
 * the page again is safe and likely to succeed: SQLState class {@code 40} (deadlock, serialization
 * failure) or a primary-key violation ({@code 23505}; MariaDB's {@code 23000} with error 1062).
 */
public final class RaceFailure {
  private RaceFailure() {}

  /**
   * @param failure a failure, with its causes and suppressed exceptions
   * @return true when some SQLException in it reports a deadlock, serialization failure or
   *     duplicate key
   */
  public static boolean isRace(Throwable failure) {
    return isRace(failure, new IdentityHashMap<>());
  }

  private static boolean isRace(Throwable t, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, Boolean.TRUE) != null) {
      return false;
    }
    if (t instanceof SQLException e) {
      String state = e.getSQLState();
      if (state != null && (state.startsWith("40") || state.equals("23505")
          || (state.equals("23000") && e.getErrorCode() == 1062))) {
        return true;
      }
      if (isRace(e.getNextException(), seen)) {
        return true;
      }
    }
    for (Throwable s : t.getSuppressed()) {
      if (isRace(s, seen)) {
        return true;
      }
    }
    return isRace(t.getCause(), seen);
  }
}
