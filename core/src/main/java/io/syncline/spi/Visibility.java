package io.syncline.spi;

/**
 * Which records a read of the store returns: by default only live ones, records marked deleted
 * (by a soft-delete field, a deletion feed or an id sweep) only when asked.
 */
public enum Visibility {
  /** Records not marked deleted (the default of every read). */
  LIVE,
  /** Every stored record, marked deleted or not. */
  ALL
}
