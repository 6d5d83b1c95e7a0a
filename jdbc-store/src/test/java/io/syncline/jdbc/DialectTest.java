package io.syncline.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DialectTest {

  @ParameterizedTest
  @CsvSource({
      "PostgreSQL, POSTGRESQL",
      "MariaDB, MARIADB",
      "MySQL, MARIADB",
      "H2, H2",
      "SQLite, SQLITE",
      "Oracle, GENERIC",
      "Apache Derby, GENERIC",
      "'', GENERIC"})
  void productNamesMapToDialects(String product, Dialect expected) {
    assertThat(Dialect.fromProductName(product)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void everyDialectShipsItsDdlWithThePrefixPlaceholder(Dialect dialect) throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(dialect.schemaResource())) {
      assertThat(in).as(dialect.schemaResource()).isNotNull();
      String ddl = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(ddl).contains("${prefix}sync_record", "${prefix}sync_state", "schema_version", "id_sort",
          "lease_expires_at", "checkpoint");
    }
  }

  @Test
  void h2IsDetected() {
    Jdbi jdbi = H2ContractTest.h2("jdbc:h2:mem:detect_" + UUID.randomUUID());
    assertThat(JdbcRecordStore.builder(jdbi).build().dialect()).isEqualTo(Dialect.H2);
  }

  @Test
  void sqliteIsDetected(@TempDir Path dir) {
    Jdbi jdbi = SqliteContractTest.sqlite(dir.resolve("detect.db"));
    assertThat(JdbcRecordStore.builder(jdbi).build().dialect()).isEqualTo(Dialect.SQLITE);
  }

  @Test
  void postgresqlIsDetected() {
    TestServer.POSTGRESQL.assumeReachable();
    assertThat(JdbcRecordStore.builder(TestServer.POSTGRESQL.dataSource()).build().dialect())
        .isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void mariadbIsDetected() {
    TestServer.MARIADB.assumeReachable();
    assertThat(JdbcRecordStore.builder(TestServer.MARIADB.dataSource()).build().dialect())
        .isEqualTo(Dialect.MARIADB);
  }

  @Test
  void aConfiguredDialectWinsOverDetection() {
    Jdbi jdbi = H2ContractTest.h2("jdbc:h2:mem:forced_" + UUID.randomUUID());
    assertThat(JdbcRecordStore.builder(jdbi).dialect(Dialect.GENERIC).build().dialect()).isEqualTo(Dialect.GENERIC);
  }

  @Test
  void migrateIsIdempotentOnEveryEmbeddedDialect(@TempDir Path dir) throws Exception {
    for (JdbcRecordStore store : new JdbcRecordStore[] {
        JdbcRecordStore.builder(H2ContractTest.h2("jdbc:h2:mem:mig_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
            .build(),
        JdbcRecordStore.builder(H2ContractTest.h2("jdbc:h2:mem:mig_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
            .dialect(Dialect.GENERIC).build(),
        JdbcRecordStore.builder(SqliteContractTest.sqlite(dir.resolve("mig.db"))).build()}) {
      store.migrate();
      store.migrate();
      assertThat(store.count("orders")).as(store.toString()).isZero();
    }
    assertThat(Files.exists(dir.resolve("mig.db"))).isTrue();
  }
}
