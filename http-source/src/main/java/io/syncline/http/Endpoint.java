package io.syncline.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one resource is listed: the path, where the records are in the body, how the engine's
 * position becomes query parameters, and how pages follow each other.
 *
 * <p>Built with {@link #builder(String)}; instances are immutable and thread-safe. An endpoint
 * sends only what it is configured to send: the builder's defaults add no query parameter at all
 * (no filter, no sort, no page size, no page number); they are
 * <ul>
 *   <li>records at {@code /data}; no {@code has_more} flag, no {@code total}
 *   <li>{@link Paginator#linkHeader()}: the next page is the {@code Link} header's {@code rel="next"}
 *   <li>no timestamp filter, no id filter, no sort, no page size parameter (max page size 500)
 *   <li>no date-range parameters, no fixed parameters
 * </ul>
 * Ready-made configurations for the common list conventions, the demo API's included, are the
 * factories of {@link Conventions}; each returns a builder to adjust further.
 *
 * <pre>{@code
 * Endpoint orders = Conventions.demoApi("/v1/orders").dateRange("created_from", "created_to").build();
 * Endpoint issues = Conventions.linkHeaderSince("/repos/o/r/issues").parameter("state", "all").build();
 * }</pre>
 */
public final class Endpoint {
  private final String path;
  private final String recordsPointer;
  private final Paginator paginator;
  private final Optional<TimestampFilter> timestampFilter;
  private final Optional<String> idFilter;
  private final Optional<String> sortParameter;
  private final String sortById;
  private final String sortByUpdatedAt;
  private final Optional<String> sortNewestFirst;
  private final boolean newestFirst;
  private final Optional<String> pageSizeParameter;
  private final int maxPageSize;
  private final Optional<String> hasMorePointer;
  private final Optional<String> totalPointer;
  private final Optional<String> dateFromParameter;
  private final Optional<String> dateToParameter;
  private final TimestampFormat recordTimestamps;
  private final Map<String, String> parameters;
  private final Optional<String> deletionFeedPath;
  private final String deletedAtField;
  private final Map<String, String> idListingParameters;

  private Endpoint(Builder b) {
    this.path = b.path;
    this.recordsPointer = b.recordsPointer;
    this.paginator = b.paginator;
    this.timestampFilter = Optional.ofNullable(b.timestampFilter);
    this.idFilter = Optional.ofNullable(b.idFilter);
    this.sortParameter = Optional.ofNullable(b.sortParameter);
    this.sortById = b.sortById;
    this.sortByUpdatedAt = b.sortByUpdatedAt;
    this.sortNewestFirst = Optional.ofNullable(b.sortNewestFirst);
    this.newestFirst = b.newestFirst;
    this.pageSizeParameter = Optional.ofNullable(b.pageSizeParameter);
    this.maxPageSize = b.maxPageSize;
    this.hasMorePointer = Optional.ofNullable(b.hasMorePointer);
    this.totalPointer = Optional.ofNullable(b.totalPointer);
    this.dateFromParameter = Optional.ofNullable(b.dateFromParameter);
    this.dateToParameter = Optional.ofNullable(b.dateToParameter);
    this.recordTimestamps = b.recordTimestamps;
    this.parameters = Map.copyOf(b.parameters);
    this.deletionFeedPath = Optional.ofNullable(b.deletionFeedPath);
    this.deletedAtField = b.deletedAtField;
    this.idListingParameters = Map.copyOf(b.idListingParameters);
  }

  /** @return the path of the resource's deletion feed, if it has one */
  public Optional<String> deletionFeedPath() {
    return deletionFeedPath;
  }

  /** @return the field of a deletion-feed entry holding its deletion time, default {@code deleted_at} */
  public String deletedAtField() {
    return deletedAtField;
  }

  /** @return the extra parameters of an id sweep's listing (e.g. {@code fields=id}); none by default */
  public Map<String, String> idListingParameters() {
    return idListingParameters;
  }

  /**
   * The endpoint of the deletion feed: this endpoint's paging and filters on the feed's path,
   * sorted by the deletion time.
   *
   * @return the feed's endpoint, if the resource has a feed
   */
  public Optional<Endpoint> deletionFeed() {
    return deletionFeedPath.map(p -> copy(p, Map.of(), deletedAtField));
  }

  /** @return this endpoint with the id-listing parameters added, for id sweeps */
  public Endpoint idListing() {
    return idListingParameters.isEmpty() ? this : copy(path, idListingParameters, sortByUpdatedAt);
  }

  private Endpoint copy(String newPath, Map<String, String> extra, String byTime) {
    Builder b = new Builder(newPath);
    b.recordsPointer = recordsPointer;
    b.paginator = paginator;
    b.timestampFilter = timestampFilter.orElse(null);
    b.idFilter = idFilter.orElse(null);
    b.sortParameter = sortParameter.orElse(null);
    b.sortById = sortById;
    b.sortByUpdatedAt = byTime;
    b.sortNewestFirst = sortNewestFirst.orElse(null);
    b.pageSizeParameter = pageSizeParameter.orElse(null);
    b.maxPageSize = maxPageSize;
    b.hasMorePointer = hasMorePointer.orElse(null);
    b.totalPointer = totalPointer.orElse(null);
    b.dateFromParameter = dateFromParameter.orElse(null);
    b.dateToParameter = dateToParameter.orElse(null);
    b.recordTimestamps = recordTimestamps;
    b.parameters.putAll(parameters);
    b.parameters.putAll(extra);
    return new Endpoint(b);
  }

  /**
   * Starts describing an endpoint.
   *
   * @param path the path below the source's base URL, such as {@code /v1/orders}
   * @return a builder with the defaults listed on this class; not thread-safe
   */
  public static Builder builder(String path) {
    return new Builder(path);
  }

  /** @return the path below the base URL */
  public String path() {
    return path;
  }

  /** @return JSON pointer of the records array; empty text for a top-level array */
  public String recordsPointer() {
    return recordsPointer;
  }

  /** @return how pages follow each other */
  public Paginator paginator() {
    return paginator;
  }

  /** @return the server-side {@code updated_at} filter, if the API has one */
  public Optional<TimestampFilter> timestampFilter() {
    return timestampFilter;
  }

  /** @return the exclusive {@code id > value} parameter, if the API has one */
  public Optional<String> idFilter() {
    return idFilter;
  }

  /** @return the sort parameter, if the API takes one */
  public Optional<String> sortParameter() {
    return sortParameter;
  }

  /** @return the sort value for ascending id order */
  public String sortById() {
    return sortById;
  }

  /** @return the sort value for ascending ({@code updated_at}, id) order */
  public String sortByUpdatedAt() {
    return sortByUpdatedAt;
  }

  /**
   * @return the sort value for newest-first order, used for incremental runs when the API has no
   *     timestamp filter
   */
  public Optional<String> sortNewestFirst() {
    return sortNewestFirst;
  }

  /**
   * @return whether incremental runs read the listing newest first (by a sort value, or because
   *     the API lists newest first by itself, see {@link Builder#newestFirst()})
   */
  public boolean newestFirst() {
    return newestFirst;
  }

  /** @return the page size parameter, if the API takes one */
  public Optional<String> pageSizeParameter() {
    return pageSizeParameter;
  }

  /** @return the largest page size the API allows; requests are clamped to it */
  public int maxPageSize() {
    return maxPageSize;
  }

  /** @return JSON pointer of the body's "more pages follow" flag, if it has one */
  public Optional<String> hasMorePointer() {
    return hasMorePointer;
  }

  /** @return JSON pointer of the body's count of matching records, if it has one */
  public Optional<String> totalPointer() {
    return totalPointer;
  }

  /** @return the parameter for the first date of a backfill's range, if supported */
  public Optional<String> dateFromParameter() {
    return dateFromParameter;
  }

  /** @return the parameter for the last date of a backfill's range, if supported */
  public Optional<String> dateToParameter() {
    return dateToParameter;
  }

  /** @return how the records' cursor field is written */
  public TimestampFormat recordTimestamps() {
    return recordTimestamps;
  }

  /** @return fixed query parameters sent on every request */
  public Map<String, String> parameters() {
    return parameters;
  }

  @Override
  public String toString() {
    return "Endpoint[" + path + ", records at '" + recordsPointer + "', " + paginator + "]";
  }

  /** Builds an {@link Endpoint}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private final String path;
    private String recordsPointer = "/data";
    private Paginator paginator = Paginator.linkHeader();
    private TimestampFilter timestampFilter;
    private String idFilter;
    private String sortParameter;
    private String sortById = "id";
    private String sortByUpdatedAt = "updated_at";
    private String sortNewestFirst;
    private boolean newestFirst;
    private String pageSizeParameter;
    private int maxPageSize = 500;
    private String hasMorePointer;
    private String totalPointer;
    private String dateFromParameter;
    private String dateToParameter;
    private TimestampFormat recordTimestamps = TimestampFormat.iso8601Millis();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String deletionFeedPath;
    private String deletedAtField = "deleted_at";
    private final Map<String, String> idListingParameters = new LinkedHashMap<>();

    private Builder(String path) {
      Names.require(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("endpoint path must start with '/': " + path);
      }
      this.path = path;
    }

    /**
     * Sets where the records are.
     *
     * @param pointer a JSON pointer such as {@code /data}, or {@code ""} for a top-level array
     * @return this builder
     */
    public Builder records(String pointer) {
      this.recordsPointer = Names.requirePointer(pointer);
      return this;
    }

    /**
     * Sets the pagination style, default {@link Paginator#linkHeader()}.
     *
     * @param p the paginator
     * @return this builder
     */
    public Builder paginator(Paginator p) {
      this.paginator = Objects.requireNonNull(p, "paginator");
      return this;
    }

    /**
     * Sets the server-side {@code updated_at} filter, default none.
     *
     * @param filter the filter
     * @return this builder
     */
    public Builder timestampFilter(TimestampFilter filter) {
      this.timestampFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * Declares that the API cannot filter by {@code updated_at} (an id-only resource, or an API
     * that is synced newest-first, see {@link #newestFirst(String)}).
     *
     * @return this builder
     */
    public Builder noTimestampFilter() {
      this.timestampFilter = null;
      return this;
    }

    /**
     * Sets the exclusive id filter parameter ({@code id > value}), default none.
     *
     * @param parameter the parameter
     * @return this builder
     */
    public Builder idFilter(String parameter) {
      this.idFilter = Names.require(parameter, "id filter parameter");
      return this;
    }

    /**
     * Declares that the API cannot filter by id; only non-keyset paginators work then.
     *
     * @return this builder
     */
    public Builder noIdFilter() {
      this.idFilter = null;
      return this;
    }

    /**
     * Sets the sort parameter and its values for id order and ({@code updated_at}, id) order,
     * default none (no sort parameter is sent).
     *
     * @param parameter the parameter
     * @param byId the value for ascending id
     * @param byUpdatedAt the value for ascending ({@code updated_at}, id)
     * @return this builder
     */
    public Builder sort(String parameter, String byId, String byUpdatedAt) {
      this.sortParameter = Names.require(parameter, "sort parameter");
      this.sortById = Names.require(byId, "sort value for id");
      this.sortByUpdatedAt = Names.require(byUpdatedAt, "sort value for updated_at");
      return this;
    }

    /**
     * Declares that the API takes no sort parameter (it lists in the needed order by itself).
     *
     * @return this builder
     */
    public Builder noSort() {
      this.sortParameter = null;
      return this;
    }

    /**
     * For an API without a server-side timestamp filter: incremental runs list newest first with
     * this sort value and stop at the first page that reaches a record older than the position (the engine's cursor
     * minus the resource's lookback). Pages are reported unsorted, so the engine moves the cursor
     * only when the run ends. Needs a non-keyset paginator and {@link #noTimestampFilter()}.
     *
     * @param sortValue the sort parameter's value for newest first, such as {@code -updated_at}
     * @return this builder
     */
    public Builder newestFirst(String sortValue) {
      this.sortNewestFirst = Names.require(sortValue, "newest-first sort value");
      this.newestFirst = true;
      return this;
    }

    /**
     * Declares that the API lists newest first by itself, without a sort parameter (Stripe's
     * lists, newest {@code created} first, ids not ordered by time). Every page is reported
     * unsorted, so the engine moves the cursor only when a run ends: a backfill reads the whole
     * listing, and an incremental run reads from the newest record and stops at the first page
     * that reaches records older than the stored high-water mark of the resource's cursor field
     * (such as {@code created}); records at the mark itself are read again and compared with the
     * store. Edits of records that carry no update timestamp come only from a full refresh.
     * Needs a non-keyset paginator (such as {@link Paginator#afterLastRecord(String)}) and no
     * timestamp filter.
     *
     * @return this builder
     */
    public Builder newestFirst() {
      this.sortNewestFirst = null;
      this.newestFirst = true;
      return this;
    }

    /**
     * Sets the page size parameter and the largest size the API allows, default none (the page
     * size is not sent) and 500.
     *
     * @param parameter the parameter, such as {@code per_page} or {@code limit}
     * @param max the API's maximum; larger resource page sizes are clamped to it
     * @return this builder
     */
    public Builder pageSize(String parameter, int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max page size must be positive: " + max);
      }
      this.pageSizeParameter = Names.require(parameter, "page size parameter");
      this.maxPageSize = max;
      return this;
    }

    /**
     * Sets where the body says whether more pages follow, default none.
     *
     * @param pointer a JSON pointer to a boolean
     * @return this builder
     */
    public Builder hasMore(String pointer) {
      this.hasMorePointer = Names.requirePointer(pointer);
      return this;
    }

    /**
     * Declares that the body has no "more pages" flag: the listing then ends on a short or empty
     * page (or as the paginator says).
     *
     * @return this builder
     */
    public Builder noHasMore() {
      this.hasMorePointer = null;
      return this;
    }

    /**
     * Sets where the body counts the records matching the request, default none.
     *
     * @param pointer a JSON pointer to a number
     * @return this builder
     */
    public Builder total(String pointer) {
      this.totalPointer = Names.requirePointer(pointer);
      return this;
    }

    /**
     * Declares that the body carries no total.
     *
     * @return this builder
     */
    public Builder noTotal() {
      this.totalPointer = null;
      return this;
    }

    /**
     * Sets the parameters that limit a backfill to a date range ({@code YYYY-MM-DD}, inclusive),
     * such as {@code created_from} and {@code created_to}. Without them a backfill with a range
     * fails with a message saying so.
     *
     * @param from the parameter for the first date
     * @param to the parameter for the last date
     * @return this builder
     */
    public Builder dateRange(String from, String to) {
      this.dateFromParameter = Names.require(from, "date-from parameter");
      this.dateToParameter = Names.require(to, "date-to parameter");
      return this;
    }

    /**
     * Sets how the records' cursor field is written, default ISO-8601.
     *
     * @param format the format
     * @return this builder
     */
    public Builder recordTimestamps(TimestampFormat format) {
      this.recordTimestamps = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Adds a fixed query parameter sent on every request (the resource's
     * {@link io.syncline.Resource#filters() filters} are added too).
     *
     * @param name the parameter
     * @param value its value
     * @return this builder
     */
    public Builder parameter(String name, String value) {
      parameters.put(Names.require(name, "parameter name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Declares the resource's deletion feed: a listing of deleted ids at {@code path}, paged and
     * filtered like this endpoint ({@code updated_since} then applies to the deletion time),
     * sorted by {@code deletedAtField} then id.
     *
     * @param path the feed's path, such as {@code /v1/orders/deleted}
     * @param deletedAtField the entries' deletion-time field, such as {@code deleted_at}
     * @return this builder
     */
    public Builder deletionFeed(String path, String deletedAtField) {
      Names.require(path, "deletion feed path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("deletion feed path must start with '/': " + path);
      }
      this.deletionFeedPath = path;
      this.deletedAtField = Names.require(deletedAtField, "deletedAtField");
      return this;
    }

    /**
     * Adds a parameter sent only by id sweeps, to ask for the lightest listing (e.g.
     * {@code fields=id}); without any, sweeps read the ordinary listing.
     *
     * @param name the parameter
     * @param value its value
     * @return this builder
     */
    public Builder idListingParameter(String name, String value) {
      idListingParameters.put(Names.require(name, "parameter name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the endpoint, checking that the options fit together.
     *
     * @return an immutable endpoint
     * @throws IllegalStateException when options contradict each other
     */
    public Endpoint build() {
      if (paginator instanceof Paginator.Keyset && idFilter == null) {
        throw new IllegalStateException("Endpoint " + path + ": keyset pagination needs an id filter "
            + "parameter (idFilter(\"since_id\")); without one choose another paginator");
      }
      if (newestFirst) {
        if (paginator instanceof Paginator.Keyset) {
          throw new IllegalStateException("Endpoint " + path + ": newest-first listing cannot use keyset "
              + "pagination; choose pageNumber, offset, nextToken, nextUrl or linkHeader");
        }
        if (timestampFilter != null) {
          throw new IllegalStateException("Endpoint " + path + ": newest-first listing is for APIs without "
              + "a timestamp filter; call noTimestampFilter() or drop newestFirst()");
        }
        if (sortNewestFirst != null && sortParameter == null) {
          throw new IllegalStateException("Endpoint " + path + ": newest-first listing needs a sort parameter");
        }
      }
      return new Endpoint(this);
    }
  }
}
