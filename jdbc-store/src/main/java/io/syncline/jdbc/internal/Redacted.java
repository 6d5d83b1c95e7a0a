package io.syncline.jdbc.internal;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A driver message made safe to put in our exception messages and in the causes we attach to
 * them. Drivers and servers echo two kinds of things we must never repeat:
 * <ul>
 *   <li>credentials (URL user-info, {@code password=…}, {@code user=…}), replaced by {@code ***};
 *   <li>record data: statements with their bound values ({@code BatchUpdateException}'s
 *       "Batch entry 0 INSERT INTO … VALUES (…)", Jdbi's "[statement:…, arguments:…]",
 *       MariaDB's "Query is: …"), the server's detail lines ("Key (id)=(…) already exists",
 *       "Where: JSON data, line 1: …") and literals quoted in the message ("Duplicate entry
 *       '…'", "invalid input syntax for type integer: "…"", a trigger's {@code RAISE} of a payload).
 * </ul>
 * A safe message keeps only the first line, cut where a statement or a parameter list begins,
 * with every quoted literal and every {@code {…}} / {@code […]} span replaced by an ellipsis.
 * Stateless and thread-safe.
 */
public final class Redacted {
  private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s]+@");
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)\\b([a-z]*(?:password|passwd|pwd|secret|token)|user|username)=([^&;\\s,)]*)");
  /** Where a statement, its parameters or the server's detail begins: everything after it goes. */
  private static final Pattern ECHO = Pattern.compile("(?i)\\bbatch entry\\b|\\[statement:|\\barguments:"
      + "|\\bquery is\\b|\\bparameters?\\s*[\\[:=]|\\bdetail:|\\bwhere:|\\bhint:|\\binsert\\s+into\\b"
      + "|\\bupdate\\s+\\S+\\s+set\\b|\\bdelete\\s+from\\b|\\bmerge\\s+into\\b|\\bselect\\s.*\\bfrom\\b"
      + "|\\bvalues\\s*\\(|\\bcall\\s+\\S+\\s*\\(");
  /** "can't", "doesn't": English, not the start of a literal. */
  private static final Pattern CONTRACTION = Pattern.compile("(?i)\\b(can|don|won|isn|doesn|didn|couldn|wasn|aren|hasn|haven)'t\\b");
  private static final Pattern SINGLE_QUOTED = Pattern.compile("'(?:''|[^'\\\\]|\\\\.)*'?");
  private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"?");
  private static final Pattern BACK_QUOTED = Pattern.compile("`[^`]*`?");
  private static final Pattern BRACES = Pattern.compile("\\{.*}|\\{.*");
  private static final Pattern BRACKETS = Pattern.compile("\\[.*]|\\[.*");
  private static final int MAX_LENGTH = 240;

  private Redacted() {}

  /**
   * Makes a driver's message safe: no credentials, no statement, no value.
   *
   * @param message a driver's message, may be null
   * @return its first line without credentials, statements, details or quoted literals
   */
  public static String message(String message) {
    if (message == null) {
      return "";
    }
    String s = USER_INFO.matcher(message).replaceAll("$1***@");
    s = KEY_VALUE.matcher(s).replaceAll("$1=***");
    int newline = s.indexOf('\n');
    int cr = s.indexOf('\r');
    int end = newline < 0 ? cr : cr < 0 ? newline : Math.min(newline, cr);
    if (end >= 0) {
      s = s.substring(0, end);
    }
    var echo = ECHO.matcher(s);
    if (echo.find()) {
      s = s.substring(0, echo.start()) + "…";
    }
    s = CONTRACTION.matcher(s).replaceAll("$1\u2019t");
    s = SINGLE_QUOTED.matcher(s).replaceAll("'…'");
    s = DOUBLE_QUOTED.matcher(s).replaceAll("\"…\"");
    s = BACK_QUOTED.matcher(s).replaceAll("`…`");
    s = BRACES.matcher(s).replaceAll("{…}");
    s = BRACKETS.matcher(s).replaceAll("[…]");
    s = s.strip();
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s;
  }

  /**
   * A failure's cause chain made safe, for attaching to our exceptions (whose stack traces print
   * the causes). A chain whose messages are all safe already is returned as it is; otherwise each
   * exception is copied with its safe message (prefixed with its class name), its stack trace, its
   * suppressed exceptions and, for SQL exceptions, its SQL state, vendor code and next exception
   * (retry decisions read them).
   *
   * @param t the failure, may be null
   * @return the same chain, or a safe copy of it
   */
  public static Throwable chain(Throwable t) {
    if (t == null || isSafe(t, new IdentityHashMap<>())) {
      return t;
    }
    return copy(t, 0);
  }

  private static boolean isSafe(Throwable t, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, Boolean.TRUE) != null) {
      return true;
    }
    String m = t.getMessage();
    if (m != null && !ours(t) && !m.equals(message(m))) {
      return false;
    }
    if (t instanceof SQLException e && !isSafe(e.getNextException(), seen)) {
      return false;
    }
    for (Throwable s : t.getSuppressed()) {
      if (!isSafe(s, seen)) {
        return false;
      }
    }
    return isSafe(t.getCause(), seen);
  }

  /** Syncline's own exceptions write safe messages (from safe descriptions) themselves. */
  private static boolean ours(Throwable t) {
    return t.getClass().getName().startsWith("io.syncline.");
  }

  private static Throwable copy(Throwable t, int depth) {
    String safe = t.getClass().getName() + (t.getMessage() == null ? ""
        : ": " + (ours(t) ? t.getMessage() : message(t.getMessage())));
    boolean deeper = depth < 20;
    Throwable cause = t.getCause() == null || t.getCause() == t || !deeper ? null : copy(t.getCause(), depth + 1);
    Throwable c;
    if (t instanceof SQLException sql) {
      SQLException s = new SQLException(safe, sql.getSQLState(), sql.getErrorCode(), cause);
      SQLException next = sql.getNextException();
      if (next != null && next != sql && next != t.getCause() && deeper) {
        s.setNextException((SQLException) copy(next, depth + 1));
      }
      c = s;
    } else {
      c = new RuntimeException(safe, cause);
    }
    c.setStackTrace(t.getStackTrace());
    if (deeper) {
      for (Throwable suppressed : t.getSuppressed()) {
        c.addSuppressed(copy(suppressed, depth + 1));
      }
    }
    return c;
  }

  /**
   * Describes a failure safely in one line: the class and safe message of the failure it comes
   * down to (the root cause; a batch's own message is skipped for the error behind it), and the
   * first SQL state and vendor error code found in the chain.
   *
   * @param t the failure
   * @return a one-line description without credentials or record data
   */
  public static String describe(Throwable t) {
    Throwable root = t;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    while (seen.put(root, Boolean.TRUE) == null) {
      Throwable next = root.getCause();
      if (next == null && root instanceof SQLException sql) {
        next = sql.getNextException();
      }
      if (next == null || seen.containsKey(next)) {
        break;
      }
      root = next;
    }
    String text = root instanceof BatchUpdateException ? "the batch was aborted" : message(root.getMessage());
    StringBuilder b = new StringBuilder(root.getClass().getSimpleName());
    if (!text.isEmpty()) {
      b.append(": ").append(text);
    }
    SQLException coded = TransientFailure.firstSqlException(t);
    if (coded != null) {
      b.append(" [SQLSTATE ").append(coded.getSQLState());
      if (coded.getErrorCode() != 0) {
        b.append(", error ").append(coded.getErrorCode());
      }
      b.append(']');
    }
    return b.toString();
  }
}
