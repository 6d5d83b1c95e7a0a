package io.syncline.jdbc;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

/** The store contract on embedded H2 (in memory), dialect detected. */
class H2ContractTest extends JdbcStoreContract {
  private static final String URL = "jdbc:h2:mem:syncline_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  static Jdbi h2(String url) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(url);
    ds.setUser("sa");
    return Jdbi.create(ds);
  }

  @Override
  protected Jdbi newJdbi() {
    return h2(URL);
  }

  @Override
  protected String tag() {
    return "h2";
  }
}
