package io.syncline.examples.server;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parsed query string of a listing, validated against the contract.
 *
 * @param page 1-based page number
 * @param perPage records per page, 1..500
 * @param sortByUpdatedAt true for {@code sort=updated_at}, false for {@code sort=id}
 * @param updatedSince lowest {@code updated_at} included, epoch millis; {@link Long#MIN_VALUE} when absent
 * @param sinceId records with a larger id only; {@link Long#MIN_VALUE} when absent
 * @param createdFrom lowest {@code created_at} included, epoch millis; {@link Long#MIN_VALUE} when absent
 * @param createdBefore {@code created_at} below this only, epoch millis; {@link Long#MAX_VALUE} when absent
 * @param idsOnly true for {@code fields=id}: records carry their id only
 */
record ListingQuery(long page, int perPage, boolean sortByUpdatedAt, long updatedSince, long sinceId,
    long createdFrom, long createdBefore, boolean idsOnly) {

  static final int DEFAULT_PER_PAGE = 100;
  static final int MAX_PER_PAGE = 500;

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  boolean filtersUpdatedSince() {
    return updatedSince != Long.MIN_VALUE;
  }

  boolean filtersSinceId() {
    return sinceId != Long.MIN_VALUE;
  }

  boolean filtersCreated() {
    return createdFrom != Long.MIN_VALUE || createdBefore != Long.MAX_VALUE;
  }

  /**
   * Parses and validates a raw query string. Unknown parameter names are ignored, as most APIs do.
   *
   * @param resource the resource listed
   * @param rawQuery the raw (still percent-encoded) query, may be null
   * @return the query
   * @throws BadRequestException when a value is malformed or not accepted by the resource
   */
  static ListingQuery parse(ApiResource resource, String rawQuery) {
    Map<String, String> p = QueryString.parse(rawQuery);
    long page = 1;
    String v = p.get("page");
    if (v != null) {
      page = positive("page", v);
    }
    int perPage = DEFAULT_PER_PAGE;
    v = p.get("per_page");
    if (v != null) {
      perPage = (int) Math.min(positive("per_page", v), MAX_PER_PAGE);
    }
    boolean byUpdated = false;
    v = p.get("sort");
    if (v != null) {
      switch (v) {
        case "id" -> byUpdated = false;
        case "updated_at" -> {
          if (!resource.timestamped()) {
            throw new BadRequestException("sort=updated_at is not supported on " + resource.path()
                + ": they have no updated_at; use sort=id with since_id");
          }
          byUpdated = true;
        }
        default -> throw new BadRequestException("invalid sort '" + v + "': use id or updated_at");
      }
    }
    long updatedSince = Long.MIN_VALUE;
    v = p.get("updated_since");
    if (v != null) {
      if (!resource.timestamped()) {
        throw new BadRequestException("updated_since is not supported on " + resource.path()
            + ": they have no updated_at; use since_id");
      }
      updatedSince = ceilMillis(instant(v));
    }
    long sinceId = Long.MIN_VALUE;
    v = p.get("since_id");
    if (v != null) {
      sinceId = integer("since_id", v, Long.MAX_VALUE);
    }
    long createdFrom = Long.MIN_VALUE;
    long createdBefore = Long.MAX_VALUE;
    for (String name : new String[] {"created_from", "created_to"}) {
      v = p.get(name);
      if (v == null) {
        continue;
      }
      if (resource != ApiResource.ORDERS) {
        throw new BadRequestException(name + " is only supported on orders");
      }
      LocalDate d = date(name, v);
      if (name.equals("created_from")) {
        createdFrom = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      } else {
        createdBefore = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
    }
    boolean idsOnly = false;
    v = p.get("fields");
    if (v != null) {
      if (!v.equals("id")) {
        throw new BadRequestException("invalid fields '" + printable(v) + "': only fields=id is supported");
      }
      idsOnly = true;
    }
    return new ListingQuery(page, perPage, byUpdated, updatedSince, sinceId, createdFrom, createdBefore, idsOnly);
  }

  /**
   * Parses the query of a deletion feed: {@code page}, {@code per_page}, {@code updated_since} (on
   * the deletion time) and {@code sort=deleted_at}.
   *
   * @param rawQuery the raw query, may be null
   * @return the query
   * @throws BadRequestException when a value is malformed
   */
  static ListingQuery parseFeed(String rawQuery) {
    Map<String, String> p = QueryString.parse(rawQuery);
    String sort = p.get("sort");
    if (sort != null && !sort.equals("deleted_at")) {
      throw new BadRequestException("invalid sort '" + printable(sort) + "' for a deletion feed: use deleted_at");
    }
    String stripped = rawQuery == null ? null : rawQuery.replaceAll("(^|&)sort=[^&]*", "");
    ListingQuery q = parse(ApiResource.ORDERS, stripped);
    return new ListingQuery(q.page(), q.perPage(), true, q.updatedSince(), Long.MIN_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE, false);
  }

  private static long positive(String name, String v) {
    long n = integer(name, v, Long.MAX_VALUE);
    if (n < 1) {
      throw new BadRequestException("invalid " + name + " '" + v + "': must be a positive integer");
    }
    return n;
  }

  /** Parses an integer; digits beyond the long range saturate (they are only ever "very large"). */
  private static long integer(String name, String v, long saturated) {
    if (!INTEGER.matcher(v).matches()) {
      throw new BadRequestException("invalid " + name + " '" + printable(v) + "': must be an integer");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return v.startsWith("-") ? Long.MIN_VALUE + 1 : saturated;
    }
  }

  private static Instant instant(String v) {
    // A '+' of an offset arrives as a space when the client did not percent-encode it.
    String text = v.replace(' ', '+');
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e2) {
        throw new BadRequestException("invalid updated_since '" + printable(v)
            + "': use an ISO-8601 instant such as 2026-11-28T10:00:00.000Z");
      }
    }
  }

  private static long ceilMillis(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  private static LocalDate date(String name, String v) {
    try {
      return LocalDate.parse(v, DATE);
    } catch (DateTimeException e) {
      throw new BadRequestException("invalid " + name + " '" + printable(v) + "': use a date as YYYY-MM-DD");
    }
  }

  static String printable(String s) {
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
