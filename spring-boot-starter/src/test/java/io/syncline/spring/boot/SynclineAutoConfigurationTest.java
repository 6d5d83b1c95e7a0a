package io.syncline.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncline.Resource;
import io.syncline.SyncEngine;
import io.syncline.config.SyncDefinition;
import io.syncline.http.HttpRecordSource;
import io.syncline.http.Paginator;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.micrometer.SynclineMetrics;
import io.syncline.spi.RecordSource;
import io.syncline.spi.RecordStore;
import io.syncline.testing.InMemoryRecordSource;
import io.syncline.testing.InMemoryRecordStore;
import java.time.Clock;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the auto-configuration, each with and without what it depends on. */
class SynclineAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SynclineMetricsAutoConfiguration.class, SynclineAutoConfiguration.class,
          SynclineActuatorAutoConfiguration.class))
      .withUserConfiguration(H2.class)
      .withPropertyValues(
          "syncline.api.base-url=http://127.0.0.1:9",
          "syncline.api.auth.token-env=TEST_TOKEN",
          "TEST_TOKEN=t0k3n",
          "syncline.resources.orders.path=/v1/orders",
          "syncline.resources.orders.timestamp-field=updated_at",
          "syncline.resources.orders.ttl=2h",
          "syncline.resources.technicians.path=/v1/technicians",
          "syncline.resources.technicians.page-size=50");

  @Configuration(proxyBeanMethods = false)
  static class H2 {
    @Bean
    JdbcDataSource dataSource() {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      return ds;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnEngine {
    static final SyncEngine ENGINE = SyncEngine.builder(new InMemoryRecordSource(Clock.systemUTC()),
        new InMemoryRecordStore()).resource(Resource.builder("x").build()).build();

    @Bean
    SyncEngine myEngine() {
      return ENGINE;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnStoreAndSource {
    @Bean
    RecordStore myStore() {
      return new InMemoryRecordStore();
    }

    @Bean
    RecordSource mySource() {
      return new InMemoryRecordSource(Clock.systemUTC());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void propertiesAndADataSourceGiveADefinitionStoreSourceAndEngine() {
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).hasSingleBean(SyncDefinition.class).hasSingleBean(JdbcRecordStore.class)
          .hasSingleBean(HttpRecordSource.class).hasSingleBean(SyncEngine.class)
          .doesNotHaveBean(SynclineScheduler.class).doesNotHaveBean(SynclineMetrics.class);
      assertThat(ctx.getBean(SyncEngine.class).resources()).extracting(Resource::name)
          .containsExactly("orders", "technicians");
      assertThat(ctx.getBean(SyncEngine.class).resource("technicians").pageSize()).isEqualTo(50);
      assertThat(ctx.getBean(HttpRecordSource.class).toString()).doesNotContain("t0k3n");
    });
  }

  @Test
  void withoutABaseUrlOnlyTheStoreIsConfigured() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SynclineAutoConfiguration.class))
        .withUserConfiguration(H2.class)
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(JdbcRecordStore.class)
              .doesNotHaveBean(SyncDefinition.class).doesNotHaveBean(RecordSource.class)
              .doesNotHaveBean(SyncEngine.class);
        });
  }

  @Test
  void withoutADataSourceThereIsNoStoreAndNoEngine() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SynclineAutoConfiguration.class))
        .withPropertyValues("syncline.api.base-url=http://127.0.0.1:9", "syncline.resources.a.path=/a")
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(HttpRecordSource.class)
            .doesNotHaveBean(RecordStore.class).doesNotHaveBean(SyncEngine.class));
  }

  @Test
  void disabledConfiguresNothing() {
    runner.withPropertyValues("syncline.enabled=false").run(ctx -> assertThat(ctx).hasNotFailed()
        .doesNotHaveBean(SyncDefinition.class).doesNotHaveBean(RecordStore.class).doesNotHaveBean(SyncEngine.class));
  }

  @Test
  void anEngineOfTheApplicationsOwnWins() {
    runner.withUserConfiguration(OwnEngine.class).run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(SyncEngine.class);
      assertThat(ctx.getBean(SyncEngine.class)).isSameAs(OwnEngine.ENGINE);
    });
  }

  @Test
  void aStoreAndSourceOfTheApplicationsOwnAreUsedByTheEngine() {
    runner.withUserConfiguration(OwnStoreAndSource.class).run(ctx -> {
      assertThat(ctx).hasNotFailed().doesNotHaveBean(JdbcRecordStore.class).doesNotHaveBean(HttpRecordSource.class)
          .hasSingleBean(SyncEngine.class);
      assertThat(ctx.getBean(RecordStore.class)).isInstanceOf(InMemoryRecordStore.class);
    });
  }

  @Test
  void theScheduleIsOffByDefaultAndOnWhenEnabled() {
    runner.withPropertyValues("syncline.schedule.enabled=true", "syncline.schedule.interval=1h",
        "syncline.schedule.initial-delay=1h", "syncline.schedule.jitter=1m").run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(SynclineScheduler.class);
          assertThat(ctx.getBean(SynclineScheduler.class).isRunning()).isTrue();
          assertThat(ctx.getBean(SynclineScheduler.class).toString()).contains("PT1H").contains("PT1M");
        });
  }

  @Test
  void aMeterRegistryAddsMetricsAndDataAgeGauges() {
    runner.withUserConfiguration(Registry.class).run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(SynclineMetrics.class);
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      assertThat(registry.find("syncline.data.age").tag("resource", "orders").gauge()).isNotNull();
    });
  }

  @Test
  void healthAndInfoAreContributedAndCanBeTurnedOff() {
    runner.run(ctx -> {
      assertThat(ctx).hasSingleBean(SynclineHealthIndicator.class).hasSingleBean(SynclineInfoContributor.class);
      assertThat(ctx.getBean(SynclineHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
    });
    runner.withPropertyValues("management.health.syncline.enabled=false", "management.info.syncline.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(SynclineHealthIndicator.class)
            .doesNotHaveBean(SynclineInfoContributor.class));
  }

  @Test
  void anUnknownKeyFailsTheStartNamingIt() {
    runner.withPropertyValues("syncline.resources.orders.page-sise=10").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("syncline.resources.orders.page-sise");
    });
  }

  @Test
  void aBadValueFailsTheStartNamingTheKeyAndWhatIsAllowed() {
    runner.withPropertyValues("syncline.resources.orders.page-size=0").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause()
          .hasMessageStartingWith("Spring properties: syncline.resources.orders.page-size:")
          .hasMessageContaining("1..100000");
    });
  }

  @Test
  void aMissingTokenFailsTheStartNamingTheVariable() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SynclineAutoConfiguration.class))
        .withPropertyValues("syncline.api.base-url=http://127.0.0.1:9", "syncline.api.auth.token-env=NO_SUCH_TOKEN_VAR",
            "syncline.resources.a.path=/a")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("NO_SUCH_TOKEN_VAR is not set");
        });
  }

  @Test
  void aConventionPropertyBuildsTheConventionsEndpoints() {
    runner.withPropertyValues("syncline.api.convention=link-header-since",
        "syncline.resources.technicians.convention=page-token",
        "syncline.resources.technicians.listing.paginator.pointer=/meta/cursor").run(ctx -> {
          assertThat(ctx).hasNotFailed();
          SyncDefinition def = ctx.getBean(SyncDefinition.class);
          assertThat(def.endpoints().get("orders").paginator()).isEqualTo(Paginator.linkHeader());
          assertThat(def.endpoints().get("orders").timestampFilter().orElseThrow().parameter()).isEqualTo("since");
          assertThat(def.endpoints().get("technicians").paginator())
              .isEqualTo(Paginator.pageToken("/meta/cursor", "page_token"));
        });
  }

  @Test
  void anUnknownConventionPropertyFailsNamingThePropertyAndTheAllowedValues() {
    runner.withPropertyValues("syncline.api.convention=graphql").run(ctx ->
        assertThat(ctx.getStartupFailure()).rootCause()
            .hasMessageContaining("syncline.api.convention: 'graphql' is not allowed; use demo-api"));
  }
}
