package io.syncline.config;

/**
 * The sort parameter (key {@code sort} of a listing). Immutable and thread-safe.
 *
 * @param parameter {@code parameter}: the parameter, default {@code sort}; {@code none} when the
 *     API sorts by itself
 * @param byId {@code by-id}: the value for ascending id, default {@code id}
 * @param byUpdatedAt {@code by-updated-at}: the value for ascending (updated_at, id), default {@code updated_at}
 * @param newestFirst {@code newest-first}: for an API without a timestamp filter, the value that
 *     lists newest first (such as {@code -updated_at}); incremental runs then stop at the cursor
 */
public record SortConfig(String parameter, String byId, String byUpdatedAt, String newestFirst) {}
