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
      // By value without allocating: more significant digits is larger, then digit by digit.
      int ia = firstSignificant(a);
      int ib = firstSignificant(b);
      int length = a.length() - ia;
      if (length != b.length() - ib) {
        return Integer.compare(length, b.length() - ib);
      }
      for (int k = 0; k < length; k++) {
        int d = a.charAt(ia + k) - b.charAt(ib + k);
        if (d != 0) {
          return d;
        }
      }
      return 0;
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static int firstSignificant(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return i;
  }
}
