package io.syncline.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The declarative description of one HTTP API and the resources Syncline keeps of it: the root
 * of a {@code syncline.yml} file, and of the {@code syncline.*} Spring properties, with the same
 * keys. Every value may be left out (null) to take its default; {@link SyncDefinition#of} checks
 * the values and builds the {@link io.syncline.Resource} and {@link io.syncline.http.Endpoint}
 * objects code would build.
 *
 * <pre>{@code
 * api:
 *   base-url: https://api.example.com
 *   auth: { token-env: EXAMPLE_TOKEN }
 *   rate-limit: { requests: 20, per: 1s }
 * resources:
 *   orders:
 *     path: /v1/orders
 *     timestamp-field: updated_at
 *     page-size: 500
 *     ttl: 2h
 *     lookback: 5m
 *     date-range: { from: created_from, to: created_to }
 * }</pre>
 *
 * <p>Immutable (the maps are copied) and thread-safe.
 *
 * @param api the API: base URL, auth, politeness and the default listing convention
 * @param resources the resources by name, in the order they are declared
 */
public record SynclineConfig(ApiConfig api, Map<String, ResourceConfig> resources) {

  /** Copies the map, keeping its order. */
  public SynclineConfig {
    resources = resources == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
  }
}
