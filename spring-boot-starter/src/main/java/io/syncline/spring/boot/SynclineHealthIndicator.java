package io.syncline.spring.boot;

import io.syncline.Resource;
import io.syncline.SyncEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code syncline} health component: one detail per resource with its {@link ResourceHealth}
 * (state, age, TTL, records, last error). {@code DOWN} while any resource's last run failed (the
 * application then serves stale data), {@code UP} otherwise — stale and backfilling resources are
 * normal between and during syncs. Reads the store only; never calls the API. Thread-safe.
 */
public class SynclineHealthIndicator extends AbstractHealthIndicator {
  private final SyncEngine engine;

  /**
   * Creates the indicator.
   *
   * @param engine the engine whose resources are reported
   */
  public SynclineHealthIndicator(SyncEngine engine) {
    super("Syncline health check failed");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, Object> resources = new LinkedHashMap<>();
    boolean failing = false;
    for (Resource r : engine.resources()) {
      ResourceHealth h = ResourceHealth.of(engine.status(r));
      failing |= h.state().equals(ResourceHealth.FAILING);
      resources.put(r.name(), h.details());
    }
    (failing ? builder.down() : builder.up()).withDetail("resources", resources);
  }
}
