package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** What a library logs reaches the terminal as one line, its exception named but never quoted. */
class CliLoggingTest {
  private static final String PAYLOAD = "Jane Customer";

  private static LogRecord poolWarning() {
    SQLException server = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO sync_record VALUES (('orders'),"
        + " ('{\"customer\":\"" + PAYLOAD + "\"}')) was aborted", "57P01", 0, new int[0], server);
    LogRecord r = new LogRecord(Level.WARNING, "{0} - Connection {1} marked as broken because of SQLSTATE({2})");
    r.setParameters(new Object[] {"syncline-cli", "PgConnection@1", "57P01"});
    r.setLoggerName("com.zaxxer.hikari.pool.ProxyConnection");
    r.setThrown(batch);
    return r;
  }

  private static String publish(boolean verbose) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CliLogging.OneLineHandler h = new CliLogging.OneLineHandler(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        verbose);
    h.publish(poolWarning());
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aLoggedExceptionIsOneLineWithItsClassAndSqlStateButNotItsMessage() {
    String out = publish(false);

    assertThat(out.lines().toList()).singleElement().isEqualTo("warning: [ProxyConnection] syncline-cli - Connection"
        + " PgConnection@1 marked as broken because of SQLSTATE(57P01) (BatchUpdateException SQLSTATE 57P01,"
        + " caused by SQLException SQLSTATE 57P01; --verbose for the trace)");
  }

  @Test
  void verboseAddsTheTraceStillWithoutTheDriversMessages() {
    String out = publish(true);

    assertThat(out.lines().count()).isGreaterThan(3);
    assertThat(out).contains("java.sql.BatchUpdateException [SQLSTATE 57P01, error 0] (message withheld",
        "Caused by: java.sql.SQLException [SQLSTATE 57P01", "at io.syncline.examples.cli.CliLoggingTest")
        .doesNotContain(PAYLOAD).doesNotContain("INSERT");
  }

  @Test
  void recordsBelowWarningAreNotShown() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CliLogging.install(err, false);
    java.util.logging.Logger.getLogger("com.zaxxer.hikari.HikariDataSource").info("Starting...");
    java.util.logging.Logger.getLogger("org.postgresql.Driver").warning("a warning");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("warning: [Driver] a warning" + System.lineSeparator());
  }
}
