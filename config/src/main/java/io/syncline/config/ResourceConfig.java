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
 * @param deletionFeed {@code deletion-feed}: the path of the resource's deletion feed (entries
 *     {@code {"id": …, "deleted_at": …}}), read with every incremental run; none by default
 * @param idListing {@code id-listing}: parameters that make the listing return ids only, for id
 *     sweeps, such as {@code {fields: id}}; none by default (sweeps read the ordinary listing)
 * @param sweepEvery {@code sweep-every}: how often {@code sync} runs an id sweep, such as {@code 24h};
 *     never by default
 * @param maxSweepShare {@code max-sweep-share}: the largest share of live records a sweep may mark
 *     deleted, default 0.10
 * @param convention {@code convention}: this resource's list convention when it differs from
 *     {@code api.convention} (same values); its {@code listing} keys apply over it
 * @param softDelete {@code soft-delete}: the field by which records say they are deleted; none by
 *     default (every record listed is live)
 * @param invalidRecords {@code invalid-records}: what a run does with a record it cannot use (no
 *     id, a timestamp missing or unparsable): {@code fail} (the default) fails the page,
 *     {@code set-aside} keeps it in the store's rejected records and goes on
 */
public record ResourceConfig(String path, String idField, String timestampField, Integer pageSize, String ttl,
    String lookback, String initialLookback, String fullRefreshInterval, DateRangeConfig dateRange,
    Map<String, String> filters, ListingConfig listing, String deletionFeed, Map<String, String> idListing,
    String sweepEvery, Double maxSweepShare, String convention, SoftDeleteConfig softDelete,
    String invalidRecords) {

  /** Copies the maps. */
  public ResourceConfig {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    idListing = idListing == null ? Map.of() : Map.copyOf(idListing);
  }
}
