package io.syncline.benchmarks;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link BenchmarkRunner}: {@code [--smoke] [--reps N] [--warmups N] [--in-this-jvm]
 * [--only backfill,delta,memory,decision,upsert,versus,candidates,traffic,sweep]}.
 *
 * <p>Smoke mode shrinks every size so the whole run takes well under a minute; CI uses it to keep
 * the benchmarks working and never reads the numbers. Immutable.
 *
 * @param smoke tiny sizes
 * @param reps how many times each timed measurement repeats (medians are reported)
 * @param warmups untimed repetitions the in-process parts (1 backfill, 5 upsert) run first, so that
 *     their medians compare warm code paths rather than which one the JIT compiled first (part 6
 *     measures whole processes, cold start and JIT included); default 3, 0 in smoke mode. Part 1
 *     goes on warming up past this number until a repetition spends under 2 % of its wall time in
 *     JIT compilation (at most 30): its per-page code paths reach C2 only after thousands of pages
 * @param fork whether the runner measures in a child JVM with a fixed, pre-touched heap (the
 *     default, see {@link BenchmarkRunner}) rather than in the JVM it was started in
 * @param parts which measurements run
 */
public record Options(boolean smoke, int reps, int warmups, boolean fork, Set<Part> parts) {

  /** The measurements. */
  public enum Part {
    /** 1. Backfill throughput against the fetch-only and write-only limits. */
    BACKFILL,
    /** 2. Delta efficiency after the backfill (needs BACKFILL). */
    DELTA,
    /** 3. Memory of a large backfill in a child JVM with a small heap. */
    MEMORY,
    /** 4. Decision latency of {@code shouldRunIncrementalSync}. */
    DECISION,
    /** 5. Upsert throughput per dialect against raw JDBC batches. */
    UPSERT,
    /** 6. The CLI against a hand-written Spring Batch job, each a whole process. */
    VERSUS,
    /** 7. The page-write candidates of the store, in plain JDBC (run only when asked). */
    CANDIDATES,
    /** 8. Bytes on the wire with and without compression, unchanged polls, compressed throughput. */
    TRAFFIC,
    /** 9. An id sweep of orders next to a full re-fetch: requests, bytes, seconds. */
    SWEEP
  }

  /** Validates and copies. */
  public Options {
    if (reps < 1) {
      throw new IllegalArgumentException("--reps must be at least 1: " + reps);
    }
    if (warmups < 0) {
      throw new IllegalArgumentException("--warmups must not be negative: " + warmups);
    }
    parts = Set.copyOf(parts);
  }

  /**
   * Parses the arguments.
   *
   * @param args the command line
   * @return the options
   * @throws IllegalArgumentException on an unknown flag or bad value
   */
  public static Options parse(String... args) {
    boolean smoke = false;
    Integer reps = null;
    Integer warmups = null;
    boolean fork = true;
    Set<Part> parts = EnumSet.complementOf(EnumSet.of(Part.CANDIDATES));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--reps" -> reps = Integer.parseInt(value(args, ++i, "--reps"));
        case "--warmups" -> warmups = Integer.parseInt(value(args, ++i, "--warmups"));
        case "--in-this-jvm" -> fork = false;
        case "--only" -> {
          parts = EnumSet.noneOf(Part.class);
          for (String p : value(args, ++i, "--only").split(",")) {
            parts.add(Part.valueOf(p.strip().toUpperCase(Locale.ROOT)));
          }
        }
        case "-h", "--help" -> throw new IllegalArgumentException("usage");
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (parts.contains(Part.DELTA)) {
      parts.add(Part.BACKFILL);
    }
    return new Options(smoke, reps != null ? reps : smoke ? 1 : 3, warmups != null ? warmups : smoke ? 0 : 3, fork,
        parts);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  /**
   * Whether a repetition is timed: the warm-ups before the first timed one run everything and keep
   * nothing.
   *
   * @param rep the repetition's number, from {@code 1 - warmups()}
   * @return true from repetition 1 on
   */
  public boolean timed(int rep) {
    return rep >= 1;
  }

  /**
   * How progress names a repetition of an in-process part: the timed ones count from 1, the
   * warm-ups before them from {@code 1 - warmups()} to 0.
   *
   * @param rep the repetition's number
   * @return {@code "rep N"} or {@code "warm-up N"}
   */
  public String repLabel(int rep) {
    return timed(rep) ? "rep " + rep : "warm-up " + (rep + warmups);
  }

  /**
   * Picks a size by mode.
   *
   * @param full the size of a real run
   * @param small the size in smoke mode
   * @return one of them
   */
  public int size(int full, int small) {
    return smoke ? small : full;
  }

  /**
   * @param part a measurement
   * @return whether it runs
   */
  public boolean runs(Part part) {
    return parts.contains(part);
  }
}
