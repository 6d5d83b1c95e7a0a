package io.syncline;

import java.util.Comparator;

/**
 * The order of record ids: ids made only of digits compare as numbers ({@code "9" < "10"}),
 * every other id compares as text, and numeric ids sort before textual ones.
 *
 * <p>Thread-safe and stateless; use {@link #INSTANCE}.
 */
public final class IdOrder implements Comparator<String> {

  /** The only instance. */
  public static final IdOrder INSTANCE = new IdOrder();

  private IdOrder() {}

  /**
   * Tells whether an id is a non-negative integer written in decimal digits.
   *
   * @param id the id
   * @return true when the id has only the digits 0-9
   */
  public static boolean isNumeric(String id) {
    if (id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compare(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      String sa = stripLeadingZeros(a);
      String sb = stripLeadingZeros(b);
      int byLength = Integer.compare(sa.length(), sb.length());
      return byLength != 0 ? byLength : sa.compareTo(sb);
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
