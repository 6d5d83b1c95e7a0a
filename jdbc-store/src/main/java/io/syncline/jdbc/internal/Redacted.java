package io.syncline.jdbc.internal;

import java.util.regex.Pattern;

/**
 * A driver message made safe to put in our exception messages: credentials that drivers may echo
 * (URL user-info, {@code password=…}, {@code user=…}) are replaced by {@code ***}.
 */
public final class Redacted {
  private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s]+@");
  private static final Pattern KEY_VALUE =
      Pattern.compile("(?i)\\b(password|passwd|pwd|user|username)=([^&;\\s,)]*)");

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
