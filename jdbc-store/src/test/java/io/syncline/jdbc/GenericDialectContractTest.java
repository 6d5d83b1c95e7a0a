package io.syncline.jdbc;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The store contract with the standard-SQL GENERIC dialect, forced on embedded H2. */
class GenericDialectContractTest extends JdbcStoreContract {
  private static final String URL = "jdbc:h2:mem:syncline_generic_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Override
  protected Jdbi newJdbi() {
    return H2ContractTest.h2(URL);
  }

  @Override
  protected String tag() {
    return "gen";
  }

  @Override
  protected Dialect forcedDialect() {
    return Dialect.GENERIC;
  }
}
