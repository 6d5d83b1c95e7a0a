package io.syncline.examples.server;

import java.util.Optional;

/**
 * The three resources the demo field-service API serves, each at {@code /v1/{path}}.
 *
 * <p>Orders and equipments carry {@code updated_at} and accept {@code updated_since} and
 * {@code sort=updated_at}; technicians have no timestamp and are read by {@code since_id} only.
 * Only orders accept {@code created_from} / {@code created_to}.
 */
public enum ApiResource {
  /** Service orders, {@code /v1/orders}. */
  ORDERS("orders", true),
  /** Equipments at customers' sites, {@code /v1/equipments}. */
  EQUIPMENTS("equipments", true),
  /** Technicians, {@code /v1/technicians}; no {@code updated_at}. */
  TECHNICIANS("technicians", false);

  private final String path;
  private final boolean timestamped;

  ApiResource(String path, boolean timestamped) {
    this.path = path;
    this.timestamped = timestamped;
  }

  /** @return the last path segment, e.g. {@code orders} */
  public String path() {
    return path;
  }

  /** @return true when the records carry {@code updated_at} */
  public boolean timestamped() {
    return timestamped;
  }

  /**
   * Finds a resource by its path segment.
   *
   * @param path e.g. {@code orders}
   * @return the resource, empty when the API has no such resource
   */
  public static Optional<ApiResource> fromPath(String path) {
    for (ApiResource r : values()) {
      if (r.path.equals(path)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
