package io.syncline.jdbc.internal;

import io.syncline.jdbc.Dialect;
import java.util.List;

/**
 * The store's schema steps after version 1 (the dialect's base DDL), in order. A step is
 * appended, never edited once released: each names its version, what it does, its DDL resource
 * per dialect ({@code io/syncline/jdbc/schema/migrations/V<version>__<name>.<dialect>.sql},
 * Flyway's naming, for users who migrate with Flyway) and a probe query that succeeds exactly
 * when the step's changes are present (so a step applied without its history row, say by a
 * crash between the two, is recorded instead of failing). Immutable and thread-safe.
 */
public final class Migrations {

  /**
   * One schema step.
   *
   * @param version the schema version the step leads to
   * @param name the step's file name part, e.g. {@code state_validator_and_traffic}
   * @param description what it does, kept in the history table
   * @param probe a query (with {@code ${prefix}}) that succeeds when the step's changes exist
   */
  public record Step(int version, String name, String description, String probe) {
    /**
     * @param dialect the dialect
     * @return the classpath resource holding the step's DDL for the dialect
     */
    public String resource(Dialect dialect) {
      String file = dialect.schemaResource().substring(dialect.schemaResource().lastIndexOf('/') + 1);
      return "io/syncline/jdbc/schema/migrations/V" + version + "__" + name + "." + file;
    }
  }

  /** The steps, in order. Append new steps at the end. */
  public static final List<Step> STEPS = List.of(
      new Step(2, "state_validator_and_traffic",
          "sync_state: conditional-request validator and last-run traffic (issue 15)",
          "SELECT validator, last_requests, last_not_modified, last_wire_bytes, last_decoded_bytes"
              + " FROM ${prefix}sync_state WHERE 1 = 0"));

  private Migrations() {}

  /** @return the schema version after every step, the version this release writes */
  public static int latest() {
    return STEPS.isEmpty() ? 1 : STEPS.get(STEPS.size() - 1).version();
  }
}
