package io.syncline.config;

/**
 * Retry settings (key {@code api.retry}); each null value keeps the default of
 * {@link io.syncline.http.RetrySettings#ofDefaults()}. Immutable and thread-safe.
 *
 * @param maxAttempts {@code max-attempts}: attempts per request including the first, default 6
 * @param baseDelay {@code base-delay}: first backoff delay, default {@code 100ms}
 * @param factor {@code factor}: backoff multiplier, default 2
 * @param maxDelay {@code max-delay}: backoff cap, default {@code 10s}
 * @param jitter {@code jitter}: random fraction 0..0.9 of each delay, default 0.25
 * @param quotaWaitBudget {@code quota-wait-budget}: longest total wait for a spent quota, default {@code 15m}
 * @param forbiddenMeansRateLimited {@code forbidden-means-rate-limited}: treat 403 as a quota signal, default false
 */
public record RetryConfig(Integer maxAttempts, String baseDelay, Double factor, String maxDelay, Double jitter,
    String quotaWaitBudget, Boolean forbiddenMeansRateLimited) {}
