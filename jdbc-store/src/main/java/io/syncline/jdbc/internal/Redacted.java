package io.syncline.jdbc.internal;

import java.util.regex.Pattern;

/**
 * A driver message made safe to put in our exception messages: credentials that drivers may echo
 * (URL user-info, {@code password=…}, {@code user=…}) are replaced by {@code ***}.
 */
public final class Redacted {
  private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s]+@");
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)\\b([a-z]*(?:password|passwd|pwd|secret|token)|user|username)=([^&;\\s,)]*)");

  private Redacted() {}

  /**
   * Redacts a message.
   *
   * @param message a driver's message, may be null
   * @return the message without credentials
   */
  public static String message(String message) {
    if (message == null) {
      return "";
    }
    String s = USER_INFO.matcher(message).replaceAll("$1***@");
    return KEY_VALUE.matcher(s).replaceAll("$1=***");
  }

  /**
   * A failure's cause chain with every message redacted, for attaching to our exceptions (whose
   * stack traces print the causes). A chain with nothing to redact is returned as it is; otherwise
   * each exception is copied with its redacted message, its stack trace, and for SQL exceptions its
   * SQL state and vendor code (retry decisions read them).
   *
   * @param t the failure, may be null
   * @return the same chain, or a redacted copy of it
   */
  public static Throwable chain(Throwable t) {
    if (t == null || !needsRedaction(t)) {
      return t;
    }
    return copy(t, 0);
  }

  private static boolean needsRedaction(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && !m.equals(message(m))) {
        return true;
      }
    }
    return false;
  }

  private static Throwable copy(Throwable t, int depth) {
    String safe = t.getClass().getName() + ": " + message(t.getMessage());
    Throwable cause = t.getCause() == null || t.getCause() == t || depth > 20 ? null : copy(t.getCause(), depth + 1);
    Throwable c;
    if (t instanceof java.sql.SQLException sql) {
      c = new java.sql.SQLException(safe, sql.getSQLState(), sql.getErrorCode(), cause);
    } else {
      c = new RuntimeException(safe, cause);
    }
    c.setStackTrace(t.getStackTrace());
    return c;
  }

  /**
   * Describes a failure safely: its class and redacted message, following causes to the driver's.
   *
   * @param t the failure
   * @return a one-line description
   */
  public static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + message(root.getMessage());
  }
}
