package io.syncline;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds a resource's lease: the engine instance's host, its process id, when that process
 * started (when known) and a random part that tells two engines of one process apart.
 *
 * <p>It is stored as the lease's owner string, {@code host/pid/start/random} (e.g.
 * {@code web-1/4242/1764403200123/9f2c1a7b5e3d}), in the same column as before; owner strings in
 * any other form (older releases' {@code syncline-<uuid>}, ids set with
 * {@link SyncEngine.Builder#owner(String)}) stay valid and simply do not {@link #parse parse}: their
 * leases are only ever taken over once they expire.
 *
 * <p>Knowing the host and process lets an engine take over at once a lease whose holder ran on
 * its own host and whose process is gone ({@code kill -9}, an OOM kill, a container restart, a run
 * that ended while the database was down), see {@link ProcessLiveness}. Host names must therefore
 * tell the machines that share a database apart; where they do not (every container called
 * {@code localhost}), set distinct ones with {@link #of}. Immutable and thread-safe.
 *
 * @param host the host name the holder runs on, without {@code /}
 * @param pid the holder's operating-system process id
 * @param processStart when the holder's process started, if known; it tells a reused process id
 *     apart from the holder
 * @param random a random part, unique per engine instance (lower-case letters and digits)
 */
public record LeaseOwner(String host, long pid, Optional<Instant> processStart, String random) {

  private static final int MAX_HOST = 120;
  private static final Pattern ENCODED =
      Pattern.compile("^([^/]{1," + MAX_HOST + "})/(\\d{1,18})/(\\d{1,18}|-)/([0-9a-z]{4,32})$");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Validates the components. */
  public LeaseOwner {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(processStart, "processStart");
    Objects.requireNonNull(random, "random");
    if (host.isBlank() || host.contains("/") || host.length() > MAX_HOST) {
      throw new IllegalArgumentException("host must be 1.." + MAX_HOST + " characters without '/': " + host);
    }
    if (pid < 0) {
      throw new IllegalArgumentException("pid must not be negative: " + pid);
    }
    if (!random.matches("[0-9a-z]{4,32}")) {
      throw new IllegalArgumentException("random must be 4..32 lower-case letters or digits: " + random);
    }
  }

  /**
   * This process on this host, with a fresh random part: what an engine uses by default.
   *
   * @return a new owner
   */
  public static LeaseOwner current() {
    return of(localHostName());
  }

  /**
   * This process with a fresh random part, on a host name of the caller's choice (for hosts whose
   * names are not unique among the instances that share a database).
   *
   * @param host the host name, without {@code /}
   * @return a new owner
   */
  public static LeaseOwner of(String host) {
    ProcessHandle self = ProcessHandle.current();
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return new LeaseOwner(host, self.pid(), self.info().startInstant(), HexFormat.of().formatHex(bytes));
  }

  /**
   * Reads an owner from its stored form.
   *
   * @param stored the lease's owner string
   * @return the owner, empty when the string is not in this form (an older or custom id)
   */
  public static Optional<LeaseOwner> parse(String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    Matcher m = ENCODED.matcher(stored);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Optional<Instant> start = m.group(3).equals("-") ? Optional.empty()
          : Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(3))));
      return Optional.of(new LeaseOwner(m.group(1), Long.parseLong(m.group(2)), start, m.group(4)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The stored form, {@code host/pid/start-millis/random} ({@code -} for an unknown start); at most
   * 175 characters.
   *
   * @return the owner string
   */
  public String encode() {
    return host + "/" + pid + "/" + processStart.map(i -> Long.toString(i.toEpochMilli())).orElse("-") + "/" + random;
  }

  /**
   * A short description for people, e.g. {@code pid 4242 on host web-1}.
   *
   * @return the description
   */
  public String describe() {
    return "pid " + pid + " on host " + host;
  }

  @Override
  public String toString() {
    return encode();
  }

  /**
   * The host name of this machine: the {@code HOSTNAME} or {@code COMPUTERNAME} variable when set,
   * else what the network configuration says, else {@code localhost}.
   *
   * @return a host name without {@code /}, at most 120 characters
   */
  public static String localHostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      name = System.getenv("COMPUTERNAME");
    }
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        name = "localhost";
      }
    }
    name = name.strip().replace('/', '_');
    return name.length() > MAX_HOST ? name.substring(0, MAX_HOST) : name;
  }
}
