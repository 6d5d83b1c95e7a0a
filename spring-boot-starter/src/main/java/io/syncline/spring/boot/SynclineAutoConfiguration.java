package io.syncline.spring.boot;

import io.syncline.FreshnessPolicy;
import io.syncline.SyncEngine;
import io.syncline.SyncListener;
import io.syncline.config.SyncDefinition;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.HttpSourceListener;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.micrometer.SynclineMetrics;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configures Syncline from {@code syncline.*} properties (see {@link SynclineProperties}):
 * <ul>
 *   <li>a {@link SyncDefinition} when {@code syncline.api.base-url} is set;
 *   <li>a {@link JdbcRecordStore} on the application's single {@link DataSource};
 *   <li>an {@link HttpRecordSource} for the definition (token from the environment variable that
 *       {@code syncline.api.auth.token-env} names, read through Spring's {@link Environment});
 *   <li>a {@link SyncEngine} over the source and store with the definition's resources, every
 *       {@link SyncListener} bean and, with a Micrometer registry, {@link SynclineMetrics}
 *       ({@link SynclineMetricsAutoConfiguration});
 *   <li>with {@code syncline.schedule.enabled=true}, a {@link SynclineScheduler}.
 * </ul>
 * Every bean backs off when the application defines its own of that type. {@code syncline.enabled=false}
 * turns it all off. Health and info contributors are in {@link SynclineActuatorAutoConfiguration}.
 */
@AutoConfiguration(after = SynclineMetricsAutoConfiguration.class,
    afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "syncline", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SynclineProperties.class)
public class SynclineAutoConfiguration {

  /** What configuration errors call the properties. */
  static final String SOURCE = "Spring properties";

  /** Creates the auto-configuration; Spring calls it. */
  public SynclineAutoConfiguration() {}

  /**
   * The checked API and resources.
   *
   * @param properties the properties
   * @return the definition
   * @throws io.syncline.config.ConfigException naming the {@code syncline.*} key when a value is wrong
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "syncline.api", name = "base-url")
  public SyncDefinition synclineDefinition(SynclineProperties properties) {
    return SyncDefinition.of(properties.config(), SOURCE, "syncline.");
  }

  /**
   * The store, on the application's data source.
   *
   * @param dataSource the data source
   * @param properties the properties
   * @return the store
   */
  @Bean
  @ConditionalOnMissingBean(RecordStore.class)
  @ConditionalOnSingleCandidate(DataSource.class)
  public JdbcRecordStore synclineRecordStore(DataSource dataSource, SynclineProperties properties) {
    JdbcRecordStore.Builder b = JdbcRecordStore.builder(dataSource).migrateOnFirstUse(properties.store().migrate());
    String prefix = properties.store().tablePrefix();
    if (prefix != null && !prefix.isEmpty()) {
      b.tablePrefix(prefix);
    }
    return b.build();
  }

  /**
   * The HTTP source of the definition's API.
   *
   * @param definition the definition
   * @param environment looks up the token's variable (OS environment, system properties, property files)
   * @param listeners every {@link HttpSourceListener} bean
   * @param clock a {@link Clock} bean, if the application has one
   * @return the source
   */
  @Bean
  @ConditionalOnMissingBean(RecordSource.class)
  @ConditionalOnBean(SyncDefinition.class)
  public HttpRecordSource synclineRecordSource(SyncDefinition definition, Environment environment,
      ObjectProvider<HttpSourceListener> listeners, ObjectProvider<Clock> clock) {
    HttpRecordSource.Builder b = definition.sourceBuilder(environment::getProperty);
    listeners.orderedStream().forEach(b::listener);
    clock.ifAvailable(b::clock);
    return b.build();
  }

  /**
   * The engine: the definition's resources, synced from the source into the store.
   *
   * @param definition the definition
   * @param source the source
   * @param store the store
   * @param properties the properties
   * @param listeners every {@link SyncListener} bean (metrics among them)
   * @param metrics the metrics, with a meter registry
   * @param freshness a {@link FreshnessPolicy} bean, if the application has one
   * @param clock a {@link Clock} bean, if the application has one
   * @return the engine
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean({SyncDefinition.class, RecordSource.class, RecordStore.class})
  public SyncEngine synclineEngine(SyncDefinition definition, RecordSource source, RecordStore store,
      SynclineProperties properties, ObjectProvider<SyncListener> listeners, ObjectProvider<SynclineMetrics> metrics,
      ObjectProvider<FreshnessPolicy> freshness, ObjectProvider<Clock> clock) {
    SynclineMetrics m = metrics.getIfAvailable();
    RecordStore effective = m == null ? store : m.meter(store);
    SyncEngine.Builder b = SyncEngine.builder(source, effective).resources(definition.resources());
    List<SyncListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      b.listener(event -> all.forEach(l -> {
        try {
          l.onEvent(event);
        } catch (RuntimeException ignored) {
          // one listener's failure does not keep the event from the others
        }
      }));
    }
    freshness.ifAvailable(b::freshnessPolicy);
    clock.ifAvailable(b::clock);
    if (properties.engine().owner() != null) {
      b.owner(properties.engine().owner());
    }
    if (properties.engine().leaseDuration() != null) {
      b.leaseDuration(properties.engine().leaseDuration());
    }
    if (m != null) {
      m.registerDataAge(store, definition.resources());
    }
    return b.build();
  }

  /**
   * The periodic {@code syncAll}, when {@code syncline.schedule.enabled=true}.
   *
   * @param engine the engine
   * @param properties the properties
   * @return the scheduler, started and stopped with the context
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SyncEngine.class)
  @ConditionalOnProperty(prefix = "syncline.schedule", name = "enabled", havingValue = "true")
  public SynclineScheduler synclineScheduler(SyncEngine engine, SynclineProperties properties) {
    SynclineProperties.Schedule s = properties.schedule();
    return new SynclineScheduler(engine, s.interval(), s.initialDelay(), s.jitter());
  }
}
