package io.syncline.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which failures are worth another attempt once the database is back. */
class TransientFailureTest {

  @ParameterizedTest(name = "SQLSTATE {0}, error {1}: transient={2}")
  @CsvSource({
      "08001, 0, true", "08006, 0, true", "08S01, 0, true", "08003, 0, true",
      "40001, 0, true", "40P01, 0, true", "57P01, 0, true", "57P02, 0, true", "57P03, 0, true",
      "53300, 0, true", "25006, 0, true", "HY000, 1205, true", "40001, 1213, true", "HY000, 2013, true",
      "HY000, 2006, true", "70100, 1927, true", "90067, 90067, true",
      "28P01, 0, false", "28000, 1045, false", "42501, 0, false", "42P01, 0, false", "42000, 1142, false",
      "3D000, 0, false", "23505, 0, false", "22P02, 0, false", "57014, 0, false", "HY000, 0, false",
      "XX000, 0, false"})
  void classifiesBySqlStateAndVendorCode(String state, int code, boolean expected) {
    assertThat(TransientFailure.isTransient(new RuntimeException(new SQLException("m", state, code))))
        .isEqualTo(expected);
  }

  @Test
  void lostConnectionsAreTransientWhateverTheState() {
    assertThat(TransientFailure.isTransient(new SQLException("I/O", null, new SocketException("Connection reset"))))
        .isTrue();
    assertThat(TransientFailure.isTransient(new EOFException())).isTrue();
    assertThat(TransientFailure.isTransient(new SQLTransientConnectionException("pool timeout"))).isTrue();
    assertThat(TransientFailure.isTransient(new SQLRecoverableException("gone"))).isTrue();
    assertThat(TransientFailure.isTransient(new SQLNonTransientConnectionException("closed", "08003"))).isTrue();
  }

  @Test
  void theSqlStateDecidesNotTheSubclassADriverChose() {
    // MariaDB Connector/J 3 throws a trigger's SIGNAL SQLSTATE '45000' as SQLTransientConnectionException
    assertThat(TransientFailure.isTransient(new SQLTransientConnectionException("rejected", "45000", 1644))).isFalse();
    assertThat(TransientFailure.isTransient(new SQLTransientConnectionException("timeout", "08001"))).isTrue();
  }

  @Test
  void aPermanentCauseWinsOverATransientWrapper() {
    SQLException auth = new SQLException("FATAL: password authentication failed", "28P01");
    assertThat(TransientFailure.isTransient(new SQLTransientConnectionException("pool timeout", "08001", auth)))
        .isFalse();
  }

  @Test
  void nextExceptionsAreRead() {
    SQLException batch = new SQLException("batch", (String) null);
    batch.setNextException(new SQLException("deadlock", "40P01"));
    assertThat(TransientFailure.isTransient(batch)).isTrue();
  }

  @Test
  void anIoExceptionThatIsNotTheNetworkIsPermanent() {
    assertThat(TransientFailure.isTransient(new SQLException("mapping", null,
        new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")))).isFalse();
    assertThat(TransientFailure.isTransient(new java.net.ConnectException("Connection refused"))).isTrue();
  }

  @Test
  void anExceptionWithoutSqlStateOrIoIsPermanent() {
    assertThat(TransientFailure.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(TransientFailure.isTransient(new SQLException("no state"))).isFalse();
  }
}
