package io.syncline;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an unfinished backfill stands: written with every page, in the same transaction as that
 * page's records, so that a stopped or crashed backfill resumes after the last committed page.
 *
 * @param position the position after the last record committed, if any page had records
 * @param continuation the source's opaque token for the next page, if it uses one
 * @param range the date range the backfill was started with, if any
 * @param startedAt when the backfill started (local clock)
 * @param mark the backfill's low-water mark in source time: records changed at or after it are
 *     read again by the catch-up pass that ends the backfill; empty until the first page told it
 * @param pages pages committed so far
 * @param records records committed so far
 */
public record Checkpoint(
    Optional<Cursor> position,
    Optional<String> continuation,
    Optional<DateRange> range,
    Instant startedAt,
    Optional<Instant> mark,
    long pages,
    long records) {

  /** Validates the components. */
  public Checkpoint {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(continuation, "continuation");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(mark, "mark");
    if (pages < 0 || records < 0) {
      throw new IllegalArgumentException("pages and records must not be negative");
    }
  }

  /**
   * The checkpoint of a backfill that has not committed a page yet.
   *
   * @param range the date range, if any
   * @param startedAt when it started
   * @return the checkpoint
   */
  public static Checkpoint start(Optional<DateRange> range, Instant startedAt) {
    return new Checkpoint(Optional.empty(), Optional.empty(), range, startedAt, Optional.empty(), 0, 0);
  }

  /**
   * The checkpoint after one more committed page.
   *
   * @param newPosition the position after the page's last record (kept when the page was empty)
   * @param nextContinuation the source's token for the next page
   * @param newMark the low-water mark
   * @param pageRecords the number of records in the page
   * @return the next checkpoint
   */
  public Checkpoint advance(Optional<Cursor> newPosition, Optional<String> nextContinuation,
      Optional<Instant> newMark, int pageRecords) {
    return new Checkpoint(newPosition.isPresent() ? newPosition : position, nextContinuation, range,
        startedAt, newMark, pages + 1, records + pageRecords);
  }

  /**
   * A stable text form, read back by {@link #decode(String)}; stores persist it.
   *
   * @return the encoded checkpoint
   */
  public String encode() {
    StringBuilder sb = new StringBuilder("v1");
    position.ifPresent(p -> add(sb, "position", p.encode()));
    continuation.ifPresent(c -> add(sb, "continuation", c));
    range.ifPresent(r -> add(sb, "range", r.toString()));
    add(sb, "startedAt", startedAt.toString());
    mark.ifPresent(m -> add(sb, "mark", m.toString()));
    add(sb, "pages", Long.toString(pages));
    add(sb, "records", Long.toString(records));
    return sb.toString();
  }

  private static void add(StringBuilder sb, String key, String value) {
    sb.append('&').append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  /**
   * Reads a checkpoint written by {@link #encode()}.
   *
   * @param text the encoded checkpoint
   * @return the checkpoint
   * @throws IllegalArgumentException when the text is not an encoded checkpoint
   */
  public static Checkpoint decode(String text) {
    String[] parts = text.split("&");
    if (!"v1".equals(parts[0])) {
      throw new IllegalArgumentException("Unknown checkpoint format: '" + abbreviate(text) + "'");
    }
    Map<String, String> m = new HashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("Malformed checkpoint: '" + abbreviate(text) + "'");
      }
      m.put(parts[i].substring(0, eq), URLDecoder.decode(parts[i].substring(eq + 1), StandardCharsets.UTF_8));
    }
    if (!m.containsKey("startedAt")) {
      throw new IllegalArgumentException("Checkpoint without startedAt: '" + abbreviate(text) + "'");
    }
    return new Checkpoint(
        Optional.ofNullable(m.get("position")).map(Cursor::decode),
        Optional.ofNullable(m.get("continuation")),
        Optional.ofNullable(m.get("range")).map(DateRange::parse),
        Instant.parse(m.get("startedAt")),
        Optional.ofNullable(m.get("mark")).map(Instant::parse),
        Long.parseLong(m.getOrDefault("pages", "0")),
        Long.parseLong(m.getOrDefault("records", "0")));
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }
}
