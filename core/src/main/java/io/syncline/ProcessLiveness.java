package io.syncline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells whether a lease holder's process is known to be gone, so that its lease can be taken over
 * at once instead of after it expires. The engine asks only about holders on its own host
 * ({@link LeaseOwner#host()} equal to its own); a holder it cannot check (another host, an owner
 * id in an older form) is treated as alive until its lease expires.
 *
 * <p>Answering {@code true} for a process that is still running would let two instances sync one
 * resource (the store's lease fence still stops the old holder's next page), so implementations
 * answer {@code true} only when sure. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ProcessLiveness {

  /**
   * Tells whether the holder's process is gone.
   *
   * @param holder a lease holder on this host
   * @return true only when its process is known to have ended
   */
  boolean isGone(LeaseOwner holder);

  /**
   * The default: asks this machine's operating system ({@link ProcessHandle#of}). The holder is
   * gone when no process has its id, when that process has ended, or when the process with its id
   * started at another time than the holder's (the id was reused, e.g. pid 1 after a container
   * restart).
   *
   * @return the operating system's answer
   */
  static ProcessLiveness ofThisHost() {
    return holder -> {
      Optional<ProcessHandle> process;
      try {
        process = ProcessHandle.of(holder.pid());
      } catch (RuntimeException e) {
        return false; // not allowed to look: unknown, so alive
      }
      if (process.isEmpty() || !process.get().isAlive()) {
        return true;
      }
      Optional<Instant> started = process.get().info().startInstant();
      if (holder.processStart().isPresent() && started.isPresent()) {
        Duration apart = Duration.between(holder.processStart().get(), started.get()).abs();
        return apart.compareTo(Duration.ofSeconds(1)) > 0;
      }
      return false;
    };
  }

  /**
   * Never takes a lease over early: every holder counts as alive until its lease expires.
   *
   * @return a check that always answers false
   */
  static ProcessLiveness assumeAlive() {
    return holder -> false;
  }
}
