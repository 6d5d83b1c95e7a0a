package io.syncline.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What drivers put in their messages, and what of it may reach ours. */
class RedactedTest {
  private static final String PAYLOAD = "Jane Customer";

  @Test
  void aBatchEntryEchoingTheStatementAndItsValuesKeepsNothingOfThem() {
    String pg = "Batch entry 0 INSERT INTO sync_record (resource, id, id_sort, payload) VALUES (('orders'), "
        + "('20816'), ('000520816'), CAST('{\"customer\":\"" + PAYLOAD + "\"}' AS json)) was aborted: "
        + "An I/O error occurred while sending to the backend.  Call getNextException to see other errors in the batch.";

    assertThat(Redacted.message(pg)).isEqualTo("…").doesNotContain("20816");
  }

  @Test
  void statementContextsParameterListsAndDetailLinesAreCut() {
    assertThat(Redacted.message("Unable to execute, no rows [statement:\"INSERT INTO t VALUES (?)\", "
        + "arguments:{positional:{0:" + PAYLOAD + "}}]")).isEqualTo("Unable to execute, no rows …");
    assertThat(Redacted.message("(conn=5) Deadlock found when trying to get lock\nQuery is: INSERT INTO t "
        + "VALUES ('" + PAYLOAD + "')")).isEqualTo("(conn=5) Deadlock found when trying to get lock");
    assertThat(Redacted.message("ERROR: duplicate key value violates unique constraint \"sync_record_pkey\"\n"
        + "  Detail: Key (resource, id)=(orders, " + PAYLOAD + ") already exists."))
        .isEqualTo("ERROR: duplicate key value violates unique constraint \"…\"");
    assertThat(Redacted.message("Error at parameters [orders, " + PAYLOAD + "]")).doesNotContain(PAYLOAD);
  }

  @Test
  void quotedLiteralsAndJsonInTheFirstLineAreMasked() {
    assertThat(Redacted.message("(conn=9) Duplicate entry 'orders-" + PAYLOAD + "' for key 'PRIMARY'"))
        .isEqualTo("(conn=9) Duplicate entry '…' for key '…'");
    assertThat(Redacted.message("ERROR: rejected {\"customer\": \"" + PAYLOAD + "\", \"amount\": 1234.5}"))
        .isEqualTo("ERROR: rejected {…}");
    assertThat(Redacted.message("ERROR: invalid input syntax for type integer: \"" + PAYLOAD)).doesNotContain(PAYLOAD);
    assertThat(Redacted.message("Incorrect string value: '\\xF0\\x9F' for column `payload` at row 1"))
        .isEqualTo("Incorrect string value: '…' for column `…` at row 1");
  }

  @Test
  void plainConnectionMessagesStayReadable() {
    assertThat(Redacted.message("Connection reset")).isEqualTo("Connection reset");
    assertThat(Redacted.message("FATAL: terminating connection due to administrator command"))
        .isEqualTo("FATAL: terminating connection due to administrator command");
    assertThat(Redacted.message("Can't connect to server on '127.0.0.1' (111)"))
        .isEqualTo("Can’t connect to server on '…' (111)");
    assertThat(Redacted.message("could not serialize access due to concurrent update"))
        .isEqualTo("could not serialize access due to concurrent update");
  }

  @Test
  void credentialsAreStillRedacted() {
    assertThat(Redacted.message("jdbc:postgresql://admin:hunter2@db/crm?password=hunter2"))
        .doesNotContain("hunter2");
  }

  @Test
  void aSafeMessageIsAFixedPoint() {
    String once = Redacted.message("Duplicate entry 'x' for key {\"a\":1} [b] Query is: c");
    assertThat(Redacted.message(once)).isEqualTo(once);
  }

  @Test
  void theAttachedChainKeepsStatesCodesAndNextExceptionsButNoValues() {
    SQLException server = new SQLException("ERROR: deadlock detected\n  Detail: Process 1 waits; row ("
        + PAYLOAD + ")", "40P01");
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO t VALUES ('" + PAYLOAD
        + "') was aborted", "40P01", 0, new int[0], server);
    batch.setNextException(server);
    RuntimeException jdbi = new RuntimeException("java.sql.BatchUpdateException: Batch entry 0 INSERT INTO t "
        + "VALUES ('" + PAYLOAD + "') [statement:\"INSERT\", arguments:{" + PAYLOAD + "}]", batch);
    jdbi.addSuppressed(new IllegalStateException("closing statement for '" + PAYLOAD + "'"));

    Throwable safe = Redacted.chain(jdbi);

    StringWriter trace = new StringWriter();
    safe.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(PAYLOAD).contains("BatchUpdateException", "deadlock detected");
    assertThat(TransientFailure.isTransient(safe)).isTrue();
    assertThat(RaceFailureCheck.isRace(safe)).isTrue();
    assertThat(Redacted.describe(jdbi)).isEqualTo("SQLException: ERROR: deadlock detected [SQLSTATE 40P01]");
  }

  @Test
  void describeNamesTheRootCauseAndTheSqlState() {
    SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006",
        new java.net.SocketException("Connection reset"));
    assertThat(Redacted.describe(new RuntimeException("wrapper 'x'", io)))
        .isEqualTo("SocketException: Connection reset [SQLSTATE 08006]");
    SQLException mariadb = new SQLException("(conn=3) Deadlock found", "40001", 1213);
    assertThat(Redacted.describe(mariadb)).isEqualTo("SQLException: (conn=3) Deadlock found [SQLSTATE 40001, error 1213]");
  }

  /** RaceFailure reads next exceptions and SQL states: they survive the copy. */
  private static final class RaceFailureCheck {
    static boolean isRace(Throwable t) {
      return RaceFailure.isRace(t);
    }
  }
}
