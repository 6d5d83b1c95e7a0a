package io.syncline.config;

/**
 * The server-side "changed since" filter (key {@code timestamp-filter} of a listing). A resource
 * without a {@code timestamp-field} never uses one. Immutable and thread-safe.
 *
 * @param enabled {@code enabled}: false when the API cannot filter by timestamp, default true
 * @param parameter {@code parameter}: the query parameter, default {@code updated_since}
 * @param inclusive {@code inclusive}: whether the API keeps records equal to the value
 *     ({@code >=}), default true; false for {@code >}
 * @param format {@code format}: {@code iso8601} (default), {@code epoch-seconds} or {@code epoch-millis}
 * @param granularity {@code granularity}: the API's timestamp step, a duration, default {@code 1ms}
 */
public record TimestampFilterConfig(Boolean enabled, String parameter, Boolean inclusive, String format,
    String granularity) {}
