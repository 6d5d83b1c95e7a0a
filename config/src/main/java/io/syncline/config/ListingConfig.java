package io.syncline.config;

import java.util.Map;

/**
 * How an API lists records (key {@code api.listing} for every resource, {@code resources.<name>.listing}
 * to override single keys for one resource). Each null value keeps the
 * {@link io.syncline.http.Endpoint} default (the field-service convention). Where a key names a
 * parameter or pointer the API does not have, write {@code none}. Immutable and thread-safe.
 *
 * @param records {@code records}: JSON pointer of the records array, {@code ""} for a top-level array; default {@code /data}
 * @param paginator {@code paginator}: how pages follow each other, default keyset
 * @param timestampFilter {@code timestamp-filter}: the server-side updated-since filter
 * @param idFilter {@code id-filter}: the exclusive id filter parameter or {@code none}, default {@code since_id}
 * @param sort {@code sort}: the sort parameter and its values
 * @param pageSizeParameter {@code page-size-parameter}: parameter or {@code none}, default {@code per_page}
 * @param maxPageSize {@code max-page-size}: the API's largest page, default 500
 * @param hasMore {@code has-more}: JSON pointer of the more-pages flag or {@code none}, default {@code /meta/has_more}
 * @param total {@code total}: JSON pointer of the total count or {@code none}, default {@code /meta/total}
 * @param recordTimestamps {@code record-timestamps}: how records write their timestamp field:
 *     {@code iso8601} (default), {@code epoch-seconds} or {@code epoch-millis}
 * @param parameters {@code parameters}: fixed query parameters sent on every request
 */
public record ListingConfig(String records, PaginatorConfig paginator, TimestampFilterConfig timestampFilter,
    String idFilter, SortConfig sort, String pageSizeParameter, Integer maxPageSize, String hasMore, String total,
    String recordTimestamps, Map<String, String> parameters) {

  /** Copies the map. */
  public ListingConfig {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /**
   * This listing with every key it leaves out taken from another (parameters are merged, this
   * listing's win).
   *
   * @param defaults the listing to inherit from, may be null
   * @return the merged listing
   */
  public ListingConfig over(ListingConfig defaults) {
    if (defaults == null) {
      return this;
    }
    Map<String, String> merged = new java.util.LinkedHashMap<>(defaults.parameters);
    merged.putAll(parameters);
    return new ListingConfig(or(records, defaults.records), or(paginator, defaults.paginator),
        or(timestampFilter, defaults.timestampFilter), or(idFilter, defaults.idFilter), or(sort, defaults.sort),
        or(pageSizeParameter, defaults.pageSizeParameter), or(maxPageSize, defaults.maxPageSize),
        or(hasMore, defaults.hasMore), or(total, defaults.total), or(recordTimestamps, defaults.recordTimestamps),
        merged);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
