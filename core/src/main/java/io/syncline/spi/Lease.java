package io.syncline.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to sync one resource, held by one engine instance until it expires.
 *
 * @param resource the resource's name
 * @param owner the holder's id
 * @param expiresAt when another instance may take it over
 */
public record Lease(String resource, String owner, Instant expiresAt) {
  /** Validates the components. */
  public Lease {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
