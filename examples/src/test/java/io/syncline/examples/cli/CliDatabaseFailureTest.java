package io.syncline.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncline.SyncException;
import io.syncline.examples.fieldservice.FieldServiceResources;
import io.syncline.examples.server.ApiResource;
import io.syncline.examples.server.FieldServiceServer;
import io.syncline.jdbc.JdbcRecordStore;
import io.syncline.testing.CiAssumptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page write that fails inside PostgreSQL, the way the issue 14 report saw it: whatever the
 * server and the driver put in their errors (the batch's "Batch entry 0 INSERT INTO … VALUES (…)",
 * a trigger that raises an error with the payload in it), no record data reaches the CLI's
 * output, its log lines or any exception message. A trigger on {@code sync_record}, in a schema of
 * the test's own, makes the failure happen on one chosen record.
 */
class CliDatabaseFailureTest {
  private static final String TOKEN = "cli-db-failure-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VICTIM = "150";

  private FieldServiceServer server;
  private String schema;
  private String url;
  private Jdbi admin;

  @BeforeEach
  void serverAndSchema() {
    CiAssumptions.assumeAvailable(reachable(), "PostgreSQL not reachable at 127.0.0.1:5432 (user postgres, database test)");
    server = FieldServiceServer.builder().port(0).token(TOKEN).orders(1200).equipments(10).technicians(5)
        .seed(14).build().start();
    schema = "cli_fail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin = SyncWiring.jdbi("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
    admin.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
    url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema;
    JdbcRecordStore.builder(SyncWiring.jdbi(url, "postgres", null)).build().migrate();
  }

  @AfterEach
  void dropSchema() {
    if (server != null) {
      server.stop();
    }
    if (admin != null) {
      admin.useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }
  }

  private CliRun backfillOrders(String... more) {
    List<String> args = new ArrayList<>(List.of("backfill", "--api-url", server.baseUrl().toString(),
        "--jdbc-url", url, "--db-user", "postgres", "--resource", "orders", "--per-page", "100"));
    args.addAll(List.of(more));
    return CliRun.of(Map.of("SYNCLINE_TOKEN", TOKEN), args.toArray(String[]::new));
  }

  /** Every customer name and order number on the server, and the payload's keys as they appear in JSON. */
  private List<String> payloadTexts() throws Exception {
    List<String> texts = new ArrayList<>(List.of("\"customer\":", "\"technician_id\":"));
    for (String json : server.records(ApiResource.ORDERS)) {
      JsonNode n = JSON.readTree(json);
      texts.add(n.get("customer").asText());
      texts.add(n.get("number").asText());
    }
    texts.removeIf(t -> t.length() < 4);
    return texts;
  }

  private void assertNoPayloadIn(String what, String text) throws Exception {
    for (String payload : payloadTexts()) {
      assertThat(text).as("%s must not contain record data (found '%s')", what, payload).doesNotContain(payload);
    }
  }

  private void trigger(String body) {
    admin.useHandle(h -> {
      h.execute("CREATE SEQUENCE " + schema + ".fired");
      h.execute("CREATE FUNCTION " + schema + ".on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          + body + " RETURN NEW; END $$");
      h.execute("CREATE TRIGGER on_insert BEFORE INSERT ON " + schema + ".sync_record FOR EACH ROW EXECUTE FUNCTION "
          + schema + ".on_insert()");
    });
  }

  @Test
  void aConnectionKilledInTheMiddleOfAPageIsRiddenOutAndNothingOfThePageIsPrinted() throws Exception {
    // The first insert of the victim kills its own connection (57P01, as an administrator or a
    // failover would): the driver's exception then carries the statement, and with a batch its values.
    trigger("IF NEW.id = '" + VICTIM + "' AND nextval('" + schema + ".fired') = 1 THEN "
        + "PERFORM pg_terminate_backend(pg_backend_pid()); END IF;");

    CliRun run = backfillOrders();

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("database unavailable", "57P01", "database back");
    // the pool's warning about the broken connection: one line, its exception named, no trace
    assertThat(run.err().lines().filter(l -> l.contains("marked as broken")).toList()).singleElement()
        .satisfies(l -> assertThat(l).startsWith("warning: [ProxyConnection]")
            .containsPattern("\\((BatchUpdateException|PSQLException) SQLSTATE 57P01"));
    assertThat(run.err()).doesNotContain("\tat ", "Batch entry");
    assertNoPayloadIn("stdout", run.out());
    assertNoPayloadIn("stderr", run.err());
    JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(url, "postgres", null)).build();
    assertThat(store.count("orders")).isEqualTo(1200);
    assertThat(store.find("orders", VICTIM)).isPresent();
  }

  @Test
  void aServerErrorThatEchoesThePayloadEndsTheRunWithOneLineAndNoRecordData() throws Exception {
    trigger("IF NEW.id = '" + VICTIM + "' THEN RAISE EXCEPTION 'rejected %', NEW.payload; END IF;");

    CliRun run = backfillOrders();
    CliRun verbose = backfillOrders("--verbose");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement()
        .satisfies(line -> assertThat(line).contains("'orders'", "page", "sync_record", "POSTGRESQL",
            "SQLSTATE P0001", "intact"));
    assertThat(run.err()).doesNotContain("\tat ", "database unavailable"); // permanent: no retry, no trace
    assertNoPayloadIn("stdout", run.out());
    assertNoPayloadIn("stderr", run.err());
    assertThat(verbose.code()).isEqualTo(1);
    assertNoPayloadIn("stderr with --verbose", verbose.err());
    // what was committed before the failing page is there; the victim is not
    JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(url, "postgres", null)).build();
    assertThat(store.count("orders")).isPositive().isLessThan(1200);
    assertThat(store.find("orders", VICTIM)).isEmpty();
  }

  @Test
  void noExceptionInTheChainOfAFailedPageWriteCarriesRecordData() throws Exception {
    trigger("IF NEW.id = '" + VICTIM + "' THEN RAISE EXCEPTION 'rejected % %', NEW.id, NEW.payload; END IF;");
    JdbcRecordStore store = JdbcRecordStore.builder(SyncWiring.jdbi(url, "postgres", null)).build();
    SyncWiring w = SyncWiring.create(FieldServiceResources.definition(), server.baseUrl(), name -> TOKEN, 50,
        List.of(FieldServiceResources.ORDERS.toBuilder().pageSize(100).build()), store, Clock.systemUTC(), null);

    SyncException failure = null;
    try {
      w.engine.backfill(w.resources.get(0));
    } catch (SyncException e) {
      failure = e;
    }

    assertThat(failure).isNotNull();
    // the driver's own exception does carry the payload: without redaction this test fails
    String raw = admin.withHandle(h -> {
      try {
        h.execute("INSERT INTO " + schema + ".sync_record (resource, id, id_sort, payload, fetched_at,"
            + " synced_at) VALUES ('orders', '" + VICTIM + "', '" + VICTIM + "', '{\"customer\":\"Raw Payload\"}',"
            + " now(), now())");
        return "";
      } catch (RuntimeException e) {
        return String.valueOf(e.getCause().getMessage());
      }
    });
    assertThat(raw).contains("Raw Payload");
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertNoPayloadIn("the stack trace with every cause", trace.toString());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertNoPayloadIn(t.getClass().getName() + "'s message", String.valueOf(t.getMessage()));
    }
    assertThat(failure.getMessage()).contains("SQLSTATE P0001");
  }

  private static boolean reachable() {
    try (Socket s = new Socket("127.0.0.1", 5432)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
