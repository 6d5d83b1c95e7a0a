package io.syncline.spring.boot;

import io.syncline.Resource;
import io.syncline.config.SyncDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code syncline} to {@code /actuator/info}: the API's base URL and each resource's
 * strategy, page size, TTL and lookback. Never the token. Thread-safe.
 */
public class SynclineInfoContributor implements InfoContributor {
  private final SyncDefinition definition;

  /**
   * Creates the contributor.
   *
   * @param definition the configured API and resources
   */
  public SynclineInfoContributor(SyncDefinition definition) {
    this.definition = definition;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> resources = new LinkedHashMap<>();
    for (Resource r : definition.resources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", definition.endpoints().get(r.name()).path());
      m.put("strategy", r.strategy().name().toLowerCase(java.util.Locale.ROOT));
      m.put("pageSize", r.pageSize());
      r.ttl().ifPresent(t -> m.put("ttl", t.toString()));
      m.put("lookback", r.lookback().toString());
      resources.put(r.name(), m);
    }
    Map<String, Object> syncline = new LinkedHashMap<>();
    syncline.put("api", definition.baseUrl().toString());
    syncline.put("resources", resources);
    builder.withDetail("syncline", syncline);
  }
}
