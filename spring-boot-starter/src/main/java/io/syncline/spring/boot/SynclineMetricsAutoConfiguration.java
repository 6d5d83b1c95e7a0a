package io.syncline.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncline.http.HttpSourceListener;
import io.syncline.micrometer.SynclineMetrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@link SynclineMetrics} when the application has a Micrometer {@link MeterRegistry} (Actuator
 * provides one): the engine gets it as a listener and meters its store, the HTTP source reports to
 * it, and every resource gets a {@code syncline.data.age} gauge. Backs off when the application
 * defines its own {@link SynclineMetrics}.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(prefix = "syncline", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(MeterRegistry.class)
public class SynclineMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls it. */
  public SynclineMetricsAutoConfiguration() {}

  /**
   * The metrics.
   *
   * @param registry the application's registry
   * @param clock a {@link Clock} bean, if the application has one
   * @return the metrics
   */
  @Bean
  @ConditionalOnMissingBean
  public SynclineMetrics synclineMetrics(MeterRegistry registry, ObjectProvider<Clock> clock) {
    SynclineMetrics.Builder b = SynclineMetrics.builder(registry);
    clock.ifAvailable(b::clock);
    return b.build();
  }

  /**
   * The HTTP source's listener that feeds the metrics.
   *
   * @param metrics the metrics
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean(name = "synclineHttpMetrics")
  public HttpSourceListener synclineHttpMetrics(SynclineMetrics metrics) {
    return metrics.httpListener();
  }
}
