package io.syncline.config;

/**
 * The client-side request rate (key {@code api.rate-limit}), shared by every resource of the API.
 * Immutable and thread-safe.
 *
 * @param requests {@code requests}: requests allowed per period (required, positive)
 * @param per {@code per}: the period, a duration such as {@code 1s} or {@code 1m}, default 1 s
 * @param adaptive {@code adaptive}: whether the rate is cut when the server throttles and grows
 *     back after successes (default true); false keeps it fixed
 */
public record RateLimitConfig(Long requests, String per, Boolean adaptive) {}
