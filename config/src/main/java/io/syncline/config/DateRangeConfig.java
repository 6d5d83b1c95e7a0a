package io.syncline.config;

/**
 * The parameters that limit a backfill to a date range (key {@code date-range} of a resource).
 * Immutable and thread-safe.
 *
 * @param from {@code from}: the parameter for the first date, such as {@code created_from}
 * @param to {@code to}: the parameter for the last date, such as {@code created_to}
 */
public record DateRangeConfig(String from, String to) {}
