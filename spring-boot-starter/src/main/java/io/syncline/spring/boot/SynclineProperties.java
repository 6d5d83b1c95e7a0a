package io.syncline.spring.boot;

import io.syncline.config.ApiConfig;
import io.syncline.config.ResourceConfig;
import io.syncline.config.SynclineConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code syncline.*} properties. {@code syncline.api} and {@code syncline.resources} have
 * exactly the keys of a {@code syncline.yml} file (see {@link SynclineConfig}); the rest configure
 * the store, the engine and the schedule. Unknown keys fail the application's start. Immutable.
 *
 * <pre>{@code
 * syncline:
 *   api:
 *     base-url: https://api.example.com
 *     auth: { token-env: EXAMPLE_TOKEN }
 *   resources:
 *     orders: { path: /v1/orders, timestamp-field: updated_at, ttl: 2h }
 *   schedule:
 *     enabled: true
 *     interval: 5m
 * }</pre>
 *
 * @param enabled {@code syncline.enabled}: false turns the auto-configuration off, default true
 * @param api {@code syncline.api}: the API (as in a {@code syncline.yml} file)
 * @param resources {@code syncline.resources}: the resources by name (as in a {@code syncline.yml} file)
 * @param store {@code syncline.store}: the JDBC store
 * @param engine {@code syncline.engine}: the engine
 * @param schedule {@code syncline.schedule}: the optional periodic {@code syncAll}
 */
@ConfigurationProperties(prefix = "syncline", ignoreUnknownFields = false)
public record SynclineProperties(@DefaultValue("true") boolean enabled, ApiConfig api,
    Map<String, ResourceConfig> resources, @DefaultValue Store store, @DefaultValue Engine engine,
    @DefaultValue Schedule schedule) {

  /** Copies the resources, keeping their order. */
  public SynclineProperties {
    resources = resources == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
  }

  /** @return the API and resources as a configuration model */
  public SynclineConfig config() {
    return new SynclineConfig(api, resources);
  }

  /**
   * The store's settings.
   *
   * @param tablePrefix {@code table-prefix}: prefix of Syncline's table names (such as {@code crm_}), default none
   * @param migrate {@code migrate}: create or upgrade the tables on first use, default true
   */
  public record Store(String tablePrefix, @DefaultValue("true") boolean migrate) {}

  /**
   * The engine's settings.
   *
   * @param owner {@code owner}: this instance's name in leases, default a random id per engine
   * @param leaseDuration {@code lease-duration}: how long a run's lease lasts without renewal,
   *     default the engine's
   */
  public record Engine(String owner, Duration leaseDuration) {}

  /**
   * The periodic {@code syncAll}: every resource that the freshness policy says is due is synced.
   * Safe on many instances: a resource another instance is syncing is skipped (leases).
   *
   * @param enabled {@code enabled}: default false
   * @param interval {@code interval}: time between the end of one round and the start of the next, default 5m
   * @param initialDelay {@code initial-delay}: before the first round, default 10s
   * @param jitter {@code jitter}: up to this much random delay added to each wait, so instances
   *     spread out, default 0
   */
  public record Schedule(@DefaultValue("false") boolean enabled, @DefaultValue("5m") Duration interval,
      @DefaultValue("10s") Duration initialDelay, @DefaultValue("0s") Duration jitter) {}
}
