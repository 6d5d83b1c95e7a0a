package io.syncline.config;

import java.util.Map;

/**
 * One resource (key {@code resources.<name>}); null values take the defaults of
 * {@link io.syncline.Resource.Builder}. Immutable and thread-safe.
 *
 * @param path {@code path}: the path below the base URL, starting with {@code /} (required)
 * @param idField {@code id-field}: the JSON field holding the id, default {@code id}
 * @param timestampField {@code timestamp-field}: the JSON field holding the last-modified time;
 *     absent makes the resource id-only (synced by {@code id > last_id} plus periodic full refreshes)
 * @param pageSize {@code page-size}: records asked for per page, default 100
 * @param ttl {@code ttl}: how long local data counts as fresh, a duration such as {@code 2h}
 * @param lookback {@code lookback}: window re-read before the cursor on every incremental run, default 0
 * @param initialLookback {@code initial-lookback}: how far the first incremental run without state reads, default {@code 24h}
 * @param fullRefreshInterval {@code full-refresh-interval}: how often an id-only resource is read in full, default {@code 24h}
 * @param dateRange {@code date-range}: the parameters that limit a backfill to dates
 * @param filters {@code filters}: fixed filters (query parameters) for this resource
 * @param listing {@code listing}: listing keys that differ from the API's {@code listing}
 */
public record ResourceConfig(String path, String idField, String timestampField, Integer pageSize, String ttl,
    String lookback, String initialLookback, String fullRefreshInterval, DateRangeConfig dateRange,
    Map<String, String> filters, ListingConfig listing) {

  /** Copies the map. */
  public ResourceConfig {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }
}
