package io.syncline.config;

import java.util.List;
import java.util.Map;

/**
 * The API part of a {@link SynclineConfig} (key {@code api}). Immutable and thread-safe; null
 * values take the defaults of {@link io.syncline.http.HttpRecordSource.Builder}.
 *
 * @param baseUrl {@code base-url}: absolute http(s) URL without credentials or query (required)
 * @param auth {@code auth}: where the bearer token comes from; none when absent
 * @param rateLimit {@code rate-limit}: client-side rate; unlimited when absent
 * @param retry {@code retry}: retry and backoff settings
 * @param connectTimeout {@code connect-timeout}: a duration such as {@code 10s}, default 10 s
 * @param requestTimeout {@code request-timeout}: a duration, default 30 s
 * @param maxPageBytes {@code max-page-bytes}: largest body read for one page, default 64 MiB
 * @param headers {@code headers}: extra non-secret headers sent on every request
 * @param secretParameters {@code secret-parameters}: query parameters hidden in messages
 * @param listing {@code listing}: listing keys every resource uses unless it overrides them,
 *     applied over the {@code convention}
 * @param convention {@code convention}: the ready-made list convention of every resource (one of
 *     {@link io.syncline.http.Conventions}): {@code demo-api} (default), {@code link-header-since},
 *     {@code starting-after}, {@code page-token}, {@code offset-limit}, {@code page-per-page} or
 *     {@code newest-first-starting-after}
 */
public record ApiConfig(String baseUrl, AuthConfig auth, RateLimitConfig rateLimit, RetryConfig retry,
    String connectTimeout, String requestTimeout, Long maxPageBytes, Map<String, String> headers,
    List<String> secretParameters, ListingConfig listing, String convention) {

  /** Copies the collections. */
  public ApiConfig {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    secretParameters = secretParameters == null ? List.of() : List.copyOf(secretParameters);
  }
}
