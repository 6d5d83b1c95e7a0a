package io.syncline.spring.boot;

import io.syncline.SyncEngine;
import io.syncline.config.SyncDefinition;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Actuator contributions, when Actuator is on the class path: the {@code syncline} health
 * component ({@code management.health.syncline.enabled}) and the {@code syncline} info
 * ({@code management.info.syncline.enabled}). Each backs off when the application defines its own.
 */
@AutoConfiguration(after = SynclineAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public class SynclineActuatorAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public SynclineActuatorAutoConfiguration() {}

  /**
   * The health component.
   *
   * @param engine the engine
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "synclineHealthIndicator")
  @ConditionalOnBean(SyncEngine.class)
  @ConditionalOnEnabledHealthIndicator("syncline")
  public SynclineHealthIndicator synclineHealthIndicator(SyncEngine engine) {
    return new SynclineHealthIndicator(engine);
  }

  /**
   * The info contribution.
   *
   * @param definition the configured API and resources
   * @return the contributor
   */
  @Bean
  @ConditionalOnMissingBean(name = "synclineInfoContributor")
  @ConditionalOnBean(SyncDefinition.class)
  @ConditionalOnEnabledInfoContributor("syncline")
  public SynclineInfoContributor synclineInfoContributor(SyncDefinition definition) {
    return new SynclineInfoContributor(definition);
  }
}
