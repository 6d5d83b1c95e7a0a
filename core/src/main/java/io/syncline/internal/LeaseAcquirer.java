package io.syncline.internal;

import io.syncline.LeaseOwner;
import io.syncline.ProcessLiveness;
import io.syncline.ResourceBusyException;
import io.syncline.Sleeper;
import io.syncline.SyncException;
import io.syncline.SyncStoppedException;
import io.syncline.spi.Lease;
import io.syncline.spi.RecordStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Takes a resource's lease for a run: at once when it is free or expired; at once too when its
 * holder ran on this host and its process is gone (the dead holder's lease is released with a
 * conditional update on its owner, so two instances racing for it cannot both win); otherwise,
 * when a wait is configured, by polling until the lease is free or the wait is over. Not API.
 * Thread-safe.
 */
public final class LeaseAcquirer {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final int IMMEDIATE_ATTEMPTS = 3;

  private final RecordStore store;
  private final Clock clock;
  private final String owner;
  private final String host;
  private final Duration leaseDuration;
  private final ProcessLiveness liveness;
  private final Duration maxWait;
  private final Sleeper sleeper;

  /**
   * A lease that was taken, and the dead holder's lease it replaced, if any.
   *
   * @param lease the lease now held
   * @param takenOverFrom the lease of a holder whose process was gone, released to take this one
   */
  public record Acquired(Lease lease, Optional<Lease> takenOverFrom) {}

  /**
   * Creates an acquirer.
   *
   * @param store the store holding the leases
   * @param clock the clock
   * @param owner this engine's owner id, as stored
   * @param leaseDuration how long a lease lasts
   * @param liveness tells whether a holder on this host is gone
   * @param maxWait how long to wait for a lease held by a live instance; zero fails at once
   * @param sleeper waits between looks at the lease
   */
  public LeaseAcquirer(RecordStore store, Clock clock, String owner, Duration leaseDuration,
      ProcessLiveness liveness, Duration maxWait, Sleeper sleeper) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.host = LeaseOwner.parse(owner).map(LeaseOwner::host).orElseGet(LeaseOwner::localHostName);
    this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
    this.liveness = Objects.requireNonNull(liveness, "liveness");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Takes the resource's lease.
   *
   * @param resource the resource's name
   * @param stopped true once the engine was asked to stop: the wait ends
   * @return the lease taken
   * @throws ResourceBusyException when a live instance holds it (past the wait, if any)
   * @throws SyncStoppedException when the engine was stopped while waiting
   */
  public Acquired acquire(String resource, BooleanSupplier stopped) {
    // The wait is measured in time slept, not on the clock: a test's fixed clock cannot make it endless.
    Duration waited = Duration.ZERO;
    int immediate = 0;
    while (true) {
      if (stopped.getAsBoolean()) {
        throw new SyncStoppedException(resource, 0);
      }
      Instant now = clock.instant();
      Optional<Lease> acquired = store.tryAcquireLease(resource, owner, now, leaseDuration);
      if (acquired.isPresent()) {
        return new Acquired(acquired.get(), Optional.empty());
      }
      Optional<Lease> holder = store.currentLease(resource, now);
      if (holder.isPresent() && holderGone(holder.get())) {
        // Conditional on the dead holder's id: if another instance took it over first, this
        // changes nothing and the next attempt reports that instance.
        store.releaseLease(holder.get());
        Optional<Lease> taken = store.tryAcquireLease(resource, owner, clock.instant(), leaseDuration);
        if (taken.isPresent()) {
          return new Acquired(taken.get(), holder);
        }
        continue;
      }
      if (holder.isEmpty() && ++immediate < IMMEDIATE_ATTEMPTS) {
        continue; // released or expired between the two statements: try again at once
      }
      Duration left = maxWait.minus(waited);
      if (left.isZero() || left.isNegative()) {
        throw new ResourceBusyException(resource, holder.map(Lease::owner).orElse("unknown"),
            holder.map(Lease::expiresAt).orElse(null));
      }
      Duration pause = POLL.compareTo(left) < 0 ? POLL : left;
      if (holder.isPresent() && holder.get().expiresAt().isAfter(now)
          && Duration.between(now, holder.get().expiresAt()).compareTo(pause) < 0) {
        pause = Duration.between(now, holder.get().expiresAt());
      }
      try {
        sleeper.sleep(pause);
        waited = waited.plus(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SyncException(resource, 0, "interrupted while waiting for the lease held by "
            + holder.map(Lease::owner).orElse("another instance"), e);
      }
      immediate = 0;
    }
  }

  /**
   * Tells whether a lease's holder runs on this host and its process is known to be gone.
   *
   * @param lease a lease
   * @return true when the lease can be taken over at once
   */
  public boolean holderGone(Lease lease) {
    if (lease.owner().equals(owner)) {
      return false;
    }
    Optional<LeaseOwner> holder = LeaseOwner.parse(lease.owner());
    if (holder.isEmpty() || !holder.get().host().equals(host)) {
      return false;
    }
    try {
      return liveness.isGone(holder.get());
    } catch (RuntimeException e) {
      return false; // a check that fails knows nothing: alive
    }
  }
}
