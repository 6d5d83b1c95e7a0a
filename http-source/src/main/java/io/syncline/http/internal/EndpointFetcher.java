package io.syncline.http.internal;

import io.syncline.Cursor;
import io.syncline.DateRange;
import io.syncline.Resource;
import io.syncline.SyncException;
import io.syncline.Validator;
import io.syncline.http.Endpoint;
import io.syncline.http.HttpSourceException;
import io.syncline.http.Paginator;
import io.syncline.http.TimestampFilter;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.SourceRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns page requests into HTTP requests for one endpoint and responses into pages. The position
 * lives in the request and the continuation token; the only state kept between calls is the set
 * of continuations at which a positional listing failed a run for moving ({@link ListingWatch}),
 * so that a run resuming there starts a new lap instead of failing again. Thread-safe. Not API.
 */
public final class EndpointFetcher {
  private final Endpoint endpoint;
  private final Transport transport;
  private final RetryLoop retry;
  private final Set<String> movedAt = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The positional paging style, empty for keyset. */
  private final Optional<PositionalPaging> positional;
  /** Keyset: the page parameter sent with every request, if any. */
  private final Optional<String> keysetPage;

  /**
   * Creates a fetcher.
   *
   * @param endpoint the endpoint
   * @param transport the transport
   * @param retry the retry loop
   */
  public EndpointFetcher(Endpoint endpoint, Transport transport, RetryLoop retry) {
    this.endpoint = endpoint;
    this.transport = transport;
    this.retry = retry;
    this.positional = PositionalPaging.of(endpoint.paginator(), endpoint.pageSizeParameter());
    this.keysetPage = endpoint.paginator() instanceof Paginator.Keyset k ? k.pageParameter() : Optional.empty();
  }

  /**
   * What fetching one page took: the traffic, how many exchanges, and the validator of the first
   * (the only one a validator may speak for). Used by the fetching thread only.
   */
  private static final class Fetch {
    final PageRequest request;
    final TrafficMeter meter = new TrafficMeter();
    int exchanges;
    Optional<Validator> firstValidator = Optional.empty();

    Fetch(PageRequest request) {
      this.request = request;
    }
  }

  /** A response with its parsed body; a {@code 304} has no body. */
  private record Exchange(Response response, PageParser.Parsed parsed, boolean notModified) {
    OptionalLong total(Endpoint e) {
      try {
        return parsed.value(e.totalPointer()).map(v -> OptionalLong.of((long) Double.parseDouble(v)))
            .orElse(OptionalLong.empty());
      } catch (NumberFormatException ex) {
        return OptionalLong.empty();
      }
    }

    Optional<Boolean> hasMore(Endpoint e) {
      return parsed.value(e.hasMorePointer()).map(v -> v.equalsIgnoreCase("true"));
    }

    Optional<Instant> date() {
      try {
        return response.headers().firstValue("Date")
            .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (DateTimeParseException ex) {
        return Optional.empty();
      }
    }
  }

  /**
   * Fetches one page.
   *
   * @param request the engine's request
   * @return the page, read whole
   */
  public Page fetch(PageRequest request) {
    Fetch f = new Fetch(request);
    Page page;
    if (positional.isEmpty()) {
      page = request.order() == PageRequest.Order.ID ? keysetById(f) : keysetByUpdatedAt(f);
    } else {
      page = linked(f, positional.get());
    }
    page = page.withTraffic(f.meter.traffic());
    // A validator speaks for one request's whole listing: only when this page came from that one
    // exchange and nothing follows it.
    if (!page.notModified() && !page.hasMore() && f.exchanges == 1 && f.firstValidator.isPresent()) {
      page = page.withValidator(f.firstValidator.get());
    }
    return page;
  }

  // ------------------------------------------------------------------ keyset

  private Page keysetById(Fetch f) {
    PageRequest request = f.request;
    Map<String, String> q = common(request, endpoint.sortById());
    keysetPage.ifPresent(p -> q.put(p, "1"));
    request.after().ifPresent(a -> q.put(endpoint.idFilter().orElseThrow(), idOf(request, a)));
    Exchange x = call(f, url(q));
    if (x.notModified) {
      return Page.notModified(f.meter.traffic());
    }
    List<SourceRecord> records = x.parsed.records();
    // Records set aside count as entries: a full page still means more, and a page of only such
    // records goes on (the engine then stops, as it cannot move past them, instead of ending early).
    int entries = x.parsed.entries();
    boolean more = entries > 0 && x.hasMore(endpoint).orElse(entries >= pageSize(request));
    return page(records, more, x, x.total(endpoint), Optional.empty());
  }

  private Page keysetByUpdatedAt(Fetch f) {
    PageRequest request = f.request;
    TimestampFilter filter = endpoint.timestampFilter().orElseThrow(() -> new SyncException(
        request.resource().name(), request.pageNumber(), "endpoint " + endpoint.path() + " has no timestamp "
            + "filter, so it cannot be read in updated_at order with keyset pagination; configure "
            + "timestampFilter(...), or newestFirst(...) with a non-keyset paginator", null));
    Optional<Cursor.Timestamped> after = request.after().map(a -> timestamped(request, a));
    Optional<Continuation> cont = request.continuation().flatMap(Continuation::decode);
    boolean inRun = after.isPresent() && after.get().id().isPresent() && cont.isPresent()
        && cont.get().kind().equals("run") && cont.get().next().equals(after.get().updatedAt().toString());
    if (!inRun) {
      Map<String, String> q = common(request, endpoint.sortByUpdatedAt());
      keysetPage.ifPresent(p -> q.put(p, "1"));
      after.ifPresent(a -> q.put(filter.parameter(), lowerBound(filter, a.updatedAt())));
      Exchange x = call(f, url(q));
      if (x.notModified) {
        return Page.notModified(f.meter.traffic());
      }
      List<SourceRecord> records = x.parsed.records();
      // Records set aside count as entries: a full page still means more.
      boolean serverMore = x.hasMore(endpoint).orElse(x.parsed.entries() >= pageSize(request));
      // Records at or before the position (an inclusive filter's overlap) stay in the page: the
      // engine drops them (RecordSource's contract); they only decide whether to go on by id.
      boolean anyNew = after.isEmpty() || records.stream().anyMatch(r -> isNew(r, after.get()));
      if (anyNew || !serverMore || after.get().id().isEmpty()) {
        return page(records, serverMore && x.parsed.entries() > 0, x, x.total(endpoint), Optional.empty());
      }
      // A whole page of records at the position's instant, all delivered already: the run of equal
      // timestamps is longer than a page. Continue inside it by id.
    }
    Cursor.Timestamped position = after.orElseThrow();
    Instant t = position.updatedAt();
    Map<String, String> q = common(request, endpoint.sortByUpdatedAt());
    keysetPage.ifPresent(p -> q.put(p, "1"));
    q.put(filter.parameter(), lowerBound(filter, t));
    q.put(endpoint.idFilter().orElseThrow(), position.id().orElseThrow());
    Exchange x = call(f, url(q));
    List<SourceRecord> atT = new ArrayList<>();
    boolean anyNewAtT = false;
    for (SourceRecord r : x.parsed.records()) {
      if (r.updatedAt().map(t::equals).orElse(true)) {
        atT.add(r);
        anyNewAtT |= isNew(r, position);
      }
    }
    if (anyNewAtT) {
      // Always more: the id filter hid every record after t whose id is not above the position's
      // (one edited during the run moved to the end with a lower id), so the server's has_more says
      // nothing about them. The next page finds the run at t done and reads strictly after t.
      return page(atT, true, x, OptionalLong.empty(),
          Optional.of(new Continuation("run", t.toString(), Optional.empty(), List.of()).encode()));
    }
    // The run at t is complete: go on strictly after t.
    Instant next = truncate(t, filter).plus(filter.granularity());
    Map<String, String> q2 = common(request, endpoint.sortByUpdatedAt());
    keysetPage.ifPresent(p -> q2.put(p, "1"));
    q2.put(filter.parameter(), lowerBound(filter, next));
    Exchange x2 = call(f, url(q2));
    List<SourceRecord> records = x2.parsed.records();
    boolean more = x2.parsed.entries() > 0
        && x2.hasMore(endpoint).orElse(x2.parsed.entries() >= pageSize(request));
    return page(records, more, x2, x2.total(endpoint), Optional.empty());
  }

  /**
   * Whether a record is past the position; one without its timestamp counts as new, so that it
   * reaches the engine, which rejects it.
   */
  private static boolean isNew(SourceRecord r, Cursor.Timestamped position) {
    return r.updatedAt().map(at -> position.isBefore(at, r.id())).orElse(true);
  }

  private static String lowerBound(TimestampFilter f, Instant inclusive) {
    Instant t = truncate(inclusive, f);
    return f.format().format(f.inclusive() ? t : t.minus(f.granularity()));
  }

  private static Instant truncate(Instant t, TimestampFilter f) {
    long g = f.granularity().toNanos();
    long secs = t.getEpochSecond();
    long nanos = t.getNano();
    if (g <= 1_000_000_000L && 1_000_000_000L % g == 0) {
      return Instant.ofEpochSecond(secs, nanos - nanos % g);
    }
    long gs = Math.max(1, f.granularity().getSeconds());
    return Instant.ofEpochSecond(Math.floorDiv(secs, gs) * gs);
  }

  // ------------------------------------------------------------------ page number, offset, last id, token, URL, Link

  private Page linked(Fetch fetch, PositionalPaging style) {
    PageRequest request = fetch.request;
    String name = request.resource().name();
    Optional<Continuation> cont = request.continuation().map(text -> Continuation.decode(text).orElseThrow(
        () -> new SyncException(name, request.pageNumber(), "the continuation token is not one this source "
            + "wrote; run a fresh backfill", null)));
    boolean newestFirst = request.order() == PageRequest.Order.UPDATED_AT_THEN_ID
        && endpoint.timestampFilter().isEmpty() && endpoint.newestFirst();
    if (request.order() == PageRequest.Order.UPDATED_AT_THEN_ID && endpoint.timestampFilter().isPresent()
        && request.after().isPresent()) {
      // Keyset emulation: positions are not trusted across a changing listing. Every page is a
      // fresh first page filtered from the last record received; a position is followed only
      // inside a run of equal timestamps, when the previous page ended at the very instant its
      // request was filtered from (the whole page shared it, so filtering again would repeat it).
      Instant at = timestamped(request, request.after().get()).updatedAt();
      boolean insideRun = cont.isPresent() && cont.get().basis().map(Cursor::decode)
          .filter(b -> b instanceof Cursor.Timestamped t && t.updatedAt().equals(at)).isPresent();
      if (!insideRun) {
        cont = Optional.empty();
      }
    }
    Optional<Cursor> basis = cont.isPresent()
        ? cont.get().basis().map(Cursor::decode) : request.after();
    // A listing read by position without a keyset is watched for movement (ListingWatch), lap by lap.
    boolean watched = request.order() == PageRequest.Order.ID && !endpoint.newestFirst()
        && style.watchedForMovement();
    int lapNumber = 1;
    boolean stampsWatched = watched && endpoint.sortParameter().isEmpty();
    if (watched && request.continuation().isPresent() && movedAt.remove(request.continuation().get())) {
      // A run failed here because the listing kept moving: this one reads it again from its first
      // page, in a new lap with a fresh budget (its pages unsorted, as re-read ones are).
      cont = Optional.of(new Continuation(ListingWatch.NEW_LAP, "2", cont.get().basis(), List.of()));
    }
    if (cont.isPresent() && cont.get().kind().equals(ListingWatch.NEW_LAP)) {
      lapNumber = Integer.parseInt(cont.get().next());
      cont = Optional.empty(); // a new lap asks for the listing's first page again
      if (stampsWatched) {
        retry.pause(name, request.pageNumber(), ListingWatch.STAMP_MARGIN);
      }
    }
    Optional<ListingWatch.Lap> lap = watched ? cont.flatMap(Continuation::lap) : Optional.empty();
    if (lap.isPresent()) {
      lapNumber = lap.get().number();
    }
    if (cont.isEmpty() && basis.isPresent() && basis.get() instanceof Cursor.Timestamped t
        && request.order() == PageRequest.Order.UPDATED_AT_THEN_ID) {
      basis = Optional.of(Cursor.Timestamped.atOrAfter(t.updatedAt()));
    }
    String sort;
    if (request.order() == PageRequest.Order.ID) {
      sort = endpoint.sortById();
    } else if (newestFirst) {
      sort = endpoint.sortNewestFirst().orElse("");
    } else if (endpoint.timestampFilter().isPresent()) {
      sort = endpoint.sortByUpdatedAt();
    } else {
      throw new SyncException(name, request.pageNumber(), "endpoint " + endpoint.path() + " has neither a "
          + "timestamp filter nor a newest-first sort; configure one to sync it incrementally", null);
    }
    Map<String, String> q = common(request, sort);
    if (basis.isPresent() && !newestFirst) {
      if (request.order() == PageRequest.Order.ID) {
        if (endpoint.idFilter().isPresent()) {
          q.put(endpoint.idFilter().get(), idOf(request, basis.get()));
        }
      } else {
        TimestampFilter f = endpoint.timestampFilter().get();
        q.put(f.parameter(), lowerBound(f, timestamped(request, basis.get()).updatedAt()));
      }
    }
    int size = pageSize(request);
    long position = style.position(cont);
    boolean offsets = style.readsOneEarly();
    if (offsets && position > 0 && lap.flatMap(ListingWatch.Lap::anchor).isPresent()) {
      position--; // one record early: the previous page's last record must still be there
    }
    URI uri = style.uri(q, cont, position, this::url);
    Instant asked = retry.clock().instant();
    Exchange x = call(fetch, uri);
    if (x.notModified) {
      return Page.notModified(fetch.meter.traffic());
    }
    List<SourceRecord> records = x.parsed.records();
    // Positions count every entry of the listing, records set aside included.
    int entries = x.parsed.entries();
    OptionalLong total = x.total(endpoint);
    Optional<String> moved = Optional.empty();
    List<SourceRecord> delivered = records;
    ListingWatch.Lap thisLap = null;
    if (watched) {
      thisLap = lap.orElse(new ListingWatch.Lap(lapNumber, asked, total, Optional.empty()));
      if (offsets && thisLap.anchor().isPresent() && cont.isPresent()) {
        moved = ListingWatch.overlap(records, thisLap.anchor().get(), position + 1);
        if (moved.isEmpty() && records.get(0).id().equals(thisLap.anchor().get())) {
          delivered = records.subList(1, records.size());
        }
      } else if (!offsets) {
        moved = ListingWatch.total(thisLap, total);
      }
      if (moved.isEmpty() && stampsWatched) {
        moved = ListingWatch.stamps(thisLap, records);
      }
    }
    PositionalPaging.Next n = style.next(new PositionalPaging.Answer(records, entries, total, x.hasMore(endpoint),
        position, size, cont, x.parsed, x.response.uri(), x.response.headers()));
    boolean more = n.more();
    Optional<String> next = n.next();
    OptionalLong remaining = n.remaining();
    if (offsets && remaining.isPresent()) {
      // From this page's first new record on: the overlap record was counted with the page before.
      remaining = OptionalLong.of(Math.max(0, remaining.getAsLong() - (records.size() - delivered.size())));
    }
    String kind = style.kind();
    if (style.followsLinks() && more && cont.isPresent() && cont.get().hasSeen(next.get())) {
      throw new HttpSourceException(name, request.pageNumber(), retry.redactor().redact(uri), 0,
          "the API returned a next-page " + (kind.equals("token") ? "token" : "URL") + " it had already "
              + "given in this run; following it would loop forever, so the run stops here", null);
    }
    if (newestFirst) {
      Cursor.Timestamped since = basis.map(b -> timestamped(request, b)).orElse(null);
      List<SourceRecord> recent = new ArrayList<>();
      for (SourceRecord r : records) {
        if (since == null || r.updatedAt().map(at -> !at.isBefore(since.updatedAt())).orElse(true)) {
          recent.add(r);
        }
      }
      // Newest first: once a page reaches a record older than the position, the rest is older still.
      more = more && recent.size() == records.size();
      records = recent;
      delivered = recent;
      remaining = OptionalLong.empty();
    }
    Optional<String> token = Optional.empty();
    if (moved.isPresent()) {
      if (lapNumber >= ListingWatch.MAX_LAPS) {
        request.continuation().ifPresent(c -> {
          if (movedAt.size() > 1000) {
            movedAt.clear();
          }
          movedAt.add(c);
        });
        throw new SyncException(name, request.pageNumber(), "the listing of endpoint " + endpoint.path()
            + " moved while it was read by position (" + moved.get() + "), in each of " + ListingWatch.MAX_LAPS
            + " laps; a record may have shifted past the run, so it stops without moving the cursor past it. "
            + "Give the endpoint an id filter (keyset) or offsets, or sync when the listing changes less", null);
      }
      // Records may have shifted past this lap: read the listing again from its first page.
      more = true;
      remaining = OptionalLong.empty();
      token = Optional.of(new Continuation(ListingWatch.NEW_LAP, Integer.toString(lapNumber + 1),
          basis.map(Cursor::encode), List.of()).encode());
    } else if (more) {
      Continuation base = cont.orElse(new Continuation(kind, "", basis.map(Cursor::encode), List.of()));
      Continuation c = cont.isPresent() ? base.following(kind, next.get())
          : new Continuation(kind, next.get(), basis.map(Cursor::encode), List.of());
      if (thisLap != null) {
        // A page ending in a record set aside has no last id to anchor the next page on: that one
        // boundary goes unchecked rather than being taken for a moved listing.
        c = c.inLap(Optional.of(x.parsed.lastEntryRejected()
            ? new ListingWatch.Lap(thisLap.number(), thisLap.start(), thisLap.firstTotal(), Optional.empty())
            : thisLap.next(records)));
      }
      token = Optional.of(c.encode());
    }
    if (watched && (moved.isPresent() || lapNumber > 1)) {
      // Re-read or out of place relative to what the engine received: no overlap drop, no cursor
      // move before the run ends.
      return page(delivered, more, x, remaining, token).unsorted();
    }
    Page page = page(delivered, more, x, remaining, token);
    // A listing that is newest first by itself is not in id order either.
    return newestFirst || (endpoint.newestFirst() && endpoint.sortNewestFirst().isEmpty()) ? page.unsorted() : page;
  }

  // ------------------------------------------------------------------ shared

  private Page page(List<SourceRecord> records, boolean more, Exchange x, OptionalLong total, Optional<String> cont) {
    return new Page(records, more, cont, total, x.date(), true).withRejected(x.parsed.rejected());
  }

  private int pageSize(PageRequest request) {
    return Math.min(request.pageSize(), endpoint.maxPageSize());
  }

  private Map<String, String> common(PageRequest request, String sort) {
    Map<String, String> q = new LinkedHashMap<>();
    q.putAll(endpoint.parameters());
    q.putAll(request.resource().filters());
    endpoint.sortParameter().filter(p -> !sort.isEmpty()).ifPresent(p -> q.put(p, sort));
    endpoint.pageSizeParameter().ifPresent(p -> q.put(p, Integer.toString(pageSize(request))));
    if (request.range().isPresent()) {
      DateRange range = request.range().get();
      if (endpoint.dateFromParameter().isEmpty()) {
        throw new SyncException(request.resource().name(), request.pageNumber(), "a backfill with the date "
            + "range " + range + " was requested but endpoint " + endpoint.path() + " has no date-range "
            + "parameters; configure dateRange(from, to) or backfill without a range", null);
      }
      range.from().ifPresent(d -> q.put(endpoint.dateFromParameter().get(), d.toString()));
      range.to().ifPresent(d -> q.put(endpoint.dateToParameter().get(), d.toString()));
    }
    return q;
  }

  private URI url(Map<String, String> query) {
    String base = transport.base().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    StringBuilder sb = new StringBuilder(base).append(endpoint.path());
    char sep = endpoint.path().contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String idOf(PageRequest request, Cursor c) {
    if (c instanceof Cursor.IdOnly io) {
      return io.id();
    }
    throw new SyncException(request.resource().name(), request.pageNumber(), "an id-ordered request got the "
        + "timestamped position " + c.encode() + "; this is a bug in the caller", null);
  }

  private static Cursor.Timestamped timestamped(PageRequest request, Cursor c) {
    if (c instanceof Cursor.Timestamped t) {
      return t;
    }
    throw new SyncException(request.resource().name(), request.pageNumber(), "an updated_at-ordered request "
        + "got the id-only position " + c.encode() + "; run a backfill to reset the cursor", null);
  }

  private Exchange call(Fetch f, URI uri) {
    PageRequest request = f.request;
    Resource r = request.resource();
    boolean first = f.exchanges++ == 0;
    String key = first ? requestKey(uri) : "";
    // A validator goes only with the page's first request, and only when that request is the
    // very one the validator came from.
    Optional<Map.Entry<String, String>> conditional = first
        ? request.validator().filter(v -> v.requestKey().equals(key)).map(EndpointFetcher::conditionalHeader)
        : Optional.empty();
    Set<String> scalars = new LinkedHashSet<>();
    endpoint.hasMorePointer().ifPresent(scalars::add);
    endpoint.totalPointer().ifPresent(scalars::add);
    positional.flatMap(PositionalPaging::nextPointer).ifPresent(scalars::add);
    Exchange x = retry.run(r.name(), request.pageNumber(), uri, conditional, f.meter, resp -> {
      if (resp.status() == 304) {
        return new Exchange(resp, new PageParser.Parsed(List.of(), Map.of()), true);
      }
      if (resp.status() == 204) {
        return new Exchange(resp, new PageParser.Parsed(List.of(), Map.of()), false);
      }
      PageParser.Parsed parsed = PageParser.parse(resp.headers(), resp.body(), transport.maxBodyBytes(), r,
          request.pageNumber(), endpoint.recordsPointer(), scalars, endpoint.recordTimestamps());
      f.meter.decoded(parsed.decodedBytes());
      return new Exchange(resp, parsed, false);
    });
    if (first && !x.notModified) {
      f.firstValidator = validatorOf(x.response, key);
    }
    return x;
  }

  /**
   * Identifies a request for validators: a digest of its URL (secrets redacted) and the
   * representation it asks for. Never contains secrets.
   */
  private String requestKey(URI uri) {
    String request = "GET " + retry.redactor().redact(uri) + "\nAccept: application/json\nAccept-Encoding: "
        + transport.acceptEncoding();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("sha256-");
      for (byte b : d) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Map.Entry<String, String> conditionalHeader(Validator v) {
    return Map.entry(v.kind() == Validator.Kind.ETAG ? "If-None-Match" : "If-Modified-Since", v.value());
  }

  /**
   * The response's validator: its {@code ETag}, else a {@code Last-Modified} at least a second
   * older than its {@code Date} (a younger one could hide a change made later in the same second).
   */
  private static Optional<Validator> validatorOf(Response response, String key) {
    if (response.status() != 200) {
      return Optional.empty();
    }
    try {
      Optional<String> etag = response.headers().firstValue("ETag").map(String::trim).filter(e -> !e.isEmpty());
      if (etag.isPresent()) {
        return Optional.of(new Validator(Validator.Kind.ETAG, etag.get(), key));
      }
      Optional<String> lastModified = response.headers().firstValue("Last-Modified").map(String::trim);
      Optional<String> date = response.headers().firstValue("Date").map(String::trim);
      if (lastModified.isPresent() && date.isPresent()) {
        Instant lm = ZonedDateTime.parse(lastModified.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant at = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        if (!lm.plusSeconds(1).isAfter(at)) {
          return Optional.of(new Validator(Validator.Kind.LAST_MODIFIED, lastModified.get(), key));
        }
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
