package io.syncline.internal;

import io.syncline.Traffic;

/**
 * What one lap of an id sweep listed: its pages, ids and traffic, whether the listing was paged by
 * position (a continuation token: page numbers, offsets, links, opaque tokens) rather than by the
 * last id, and an order-independent fingerprint of the ids listed (their count and the sum of a
 * 64-bit hash of each), so that two laps can be compared without keeping either in memory.
 * Immutable. Not API.
 *
 * @param pages pages fetched
 * @param fetched ids listed, repeats included
 * @param traffic what the lap cost
 * @param positional whether any page was continued by a token rather than by the last id
 * @param hashSum the sum of {@link #hash(String)} over the ids listed
 */
record IdLap(long pages, long fetched, Traffic traffic, boolean positional, long hashSum) {

  /** A lap before its first page. */
  static final IdLap NONE = new IdLap(0, 0, Traffic.NONE, false, 0);

  /**
   * @param ids the ids of one page
   * @param pageTraffic its traffic
   * @param continued whether the page came with a continuation token
   * @return this lap with the page added
   */
  IdLap plus(java.util.List<String> ids, Traffic pageTraffic, boolean continued) {
    long sum = hashSum;
    for (String id : ids) {
      sum += hash(id);
    }
    return new IdLap(pages + 1, fetched + ids.size(), traffic.plus(pageTraffic), positional || continued, sum);
  }

  /**
   * @param other another lap of the same sweep
   * @return whether both listed the same ids as many times each (up to a 2^-64 collision)
   */
  boolean listedTheSameAs(IdLap other) {
    return fetched == other.fetched && hashSum == other.hashSum;
  }

  /** 64-bit FNV-1a over the id's chars, finished with MurmurHash3's fmix64. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
