package io.syncline.examples.fieldservice;

import io.syncline.Resource;
import io.syncline.config.ConfigFiles;
import io.syncline.config.SyncDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The field-service API's resources as Syncline sees them, read once from the shipped
 * {@code field-service.yml} (the single definition the CLI, the demo, the dashboard and the tests
 * share).
 *
 * <ul>
 *   <li>{@link #ORDERS}: cursor {@code updated_at}, TTL 2 h, backfills limited by creation date
 *   <li>{@link #EQUIPMENTS}: cursor {@code updated_at}, TTL 4 h
 *   <li>{@link #TECHNICIANS}: no timestamp (id-only, with the default daily full refresh), TTL 6 h
 * </ul>
 *
 * <p>All read 500 records per page, the API's maximum. The timestamped ones look back 5 minutes
 * on every incremental run, because the API may make a record visible a little after the
 * {@code updated_at} it carries. The constants are immutable and thread-safe.
 */
public final class FieldServiceResources {

  /** The classpath resource holding the field-service configuration. */
  public static final String CONFIG = "/field-service.yml";

  /** Records asked for per page: the API's maximum. */
  public static final int PAGE_SIZE = 500;

  /** How far every incremental run of a timestamped resource re-reads before its cursor. */
  public static final Duration LOOKBACK = Duration.ofMinutes(5);

  private static final SyncDefinition DEFINITION = SyncDefinition.of(ConfigFiles.parse(text(), CONFIG), CONFIG);

  /** Service orders: {@code /v1/orders}, TTL 2 hours. */
  public static final Resource ORDERS = DEFINITION.resource("orders").orElseThrow();

  /** Equipments: {@code /v1/equipments}, TTL 4 hours. */
  public static final Resource EQUIPMENTS = DEFINITION.resource("equipments").orElseThrow();

  /** Technicians: {@code /v1/technicians}, id-only, TTL 6 hours. */
  public static final Resource TECHNICIANS = DEFINITION.resource("technicians").orElseThrow();

  private FieldServiceResources() {}

  /** @return orders, equipments and technicians, in that order */
  public static List<Resource> all() {
    return List.of(ORDERS, EQUIPMENTS, TECHNICIANS);
  }

  /** @return the checked definition of the shipped {@code field-service.yml} */
  public static SyncDefinition definition() {
    return DEFINITION;
  }

  /** @return the text of the shipped {@code field-service.yml} */
  public static String text() {
    try (InputStream in = FieldServiceResources.class.getResourceAsStream(CONFIG)) {
      if (in == null) {
        throw new IllegalStateException(CONFIG + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
