package io.syncline.jdbc.internal;

import io.syncline.IdOrder;

/**
 * The {@code id_sort} column: a text key whose binary order is {@link IdOrder}'s. A numeric id
 * becomes {@code "0"} + its digit count on three digits + its digits without leading zeros (so
 * {@code "9"} → {@code "00019"} sorts before {@code "10"} → {@code "000210"}); any other id
 * becomes {@code "1"} + the id, after every numeric one.
 */
public final class IdSortKey {
  /** Longest id the schema stores. */
  public static final int MAX_ID_LENGTH = 255;

  private IdSortKey() {}

  /**
   * Computes the sort key of an id.
   *
   * @param id the record id, at most {@value #MAX_ID_LENGTH} characters
   * @return the key
   */
  public static String of(String id) {
    if (!IdOrder.isNumeric(id)) {
      return "1" + id;
    }
    int i = 0;
    while (i < id.length() - 1 && id.charAt(i) == '0') {
      i++;
    }
    int length = id.length() - i;
    // Not String.format: it builds a Formatter and locale symbols per call, once per stored record.
    return new StringBuilder(4 + length).append('0').append((char) ('0' + length / 100))
        .append((char) ('0' + length / 10 % 10)).append((char) ('0' + length % 10)).append(id, i, id.length()).toString();
  }
}
