package io.syncline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A remote collection of records that Syncline keeps in a local store: service orders,
 * equipments, technicians, invoices.
 *
 * <p>Built with {@link #builder(String)}; instances are immutable and thread-safe. Defaults: id
 * field {@code id}, no timestamp cursor field (so {@link SyncStrategy#ID_ONLY}), page size 100,
 * TTL from the {@link FreshnessPolicy} (2 h unless configured), no lookback, a first-run lookback
 * of 24 h, a full refresh of id-only resources every 24 h.
 *
 * <pre>{@code
 * Resource orders = Resource.builder("orders")
 *     .cursorField("updated_at")
 *     .pageSize(500)
 *     .ttl(Duration.ofHours(2))
 *     .lookback(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 */
public final class Resource {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_NAME_LENGTH = 63;

  private final String name;
  private final String idField;
  private final Optional<String> cursorField;
  private final int pageSize;
  private final Optional<Duration> ttl;
  private final Duration lookback;
  private final Duration initialLookback;
  private final Duration fullRefreshInterval;
  private final Map<String, String> filters;
  private final DeletionPolicy deletions;
  private final SoftDelete softDelete;
  private final InvalidRecords invalidRecords;

  private Resource(Builder b) {
    this.name = b.name;
    this.idField = b.idField;
    this.cursorField = Optional.ofNullable(b.cursorField);
    this.pageSize = b.pageSize;
    this.ttl = Optional.ofNullable(b.ttl);
    this.lookback = b.lookback;
    this.initialLookback = b.initialLookback;
    this.fullRefreshInterval = b.fullRefreshInterval;
    this.filters = Map.copyOf(b.filters);
    this.deletions = b.deletions;
    this.softDelete = b.softDelete;
    this.invalidRecords = b.invalidRecords;
  }

  /**
   * Starts building a resource.
   *
   * @param name the resource's name: letters, digits and underscores, not starting with a digit,
   *     at most 63 characters (it ends up in SQL and logs)
   * @return a builder, not thread-safe
   * @throws IllegalArgumentException when the name is not valid
   */
  public static Builder builder(String name) {
    return new Builder(validateName(name));
  }

  /**
   * Checks a resource name.
   *
   * @param name the name
   * @return the name
   * @throws IllegalArgumentException when the name is not {@code [A-Za-z_][A-Za-z0-9_]*} or too long
   */
  public static String validateName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid resource name '" + printable(name) + "': use letters, digits and underscores, "
              + "not starting with a digit, at most " + MAX_NAME_LENGTH + " characters");
    }
    return name;
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** @return the resource's name */
  public String name() {
    return name;
  }

  /** @return the JSON field holding the record id */
  public String idField() {
    return idField;
  }

  /** @return the JSON field holding the timestamp cursor ({@code updated_at}), if the records have one */
  public Optional<String> cursorField() {
    return cursorField;
  }

  /** @return the strategy that follows from the configuration */
  public SyncStrategy strategy() {
    return cursorField.isPresent() ? SyncStrategy.TIMESTAMP_THEN_ID : SyncStrategy.ID_ONLY;
  }

  /** @return the number of records asked for per page */
  public int pageSize() {
    return pageSize;
  }

  /** @return this resource's freshness TTL, if it overrides the policy's default */
  public Optional<Duration> ttl() {
    return ttl;
  }

  /**
   * @return the window re-read before the cursor on every incremental run, to catch records that
   *     became visible after their {@code updated_at}; zero when none
   */
  public Duration lookback() {
    return lookback;
  }

  /** @return how far back the first incremental run without any state reads */
  public Duration initialLookback() {
    return initialLookback;
  }

  /**
   * @return for an {@link SyncStrategy#ID_ONLY} resource, how often a full refresh (backfill) runs
   *     to pick up edits that {@code id > last_id} cannot see
   */
  public Duration fullRefreshInterval() {
    return fullRefreshInterval;
  }

  /** @return source-specific fixed filters (for an HTTP source: extra query parameters) */
  public Map<String, String> filters() {
    return filters;
  }

  /** @return how deletions are found by sweeps and how long marks are kept; {@link DeletionPolicy#NONE} by default */
  public DeletionPolicy deletions() {
    return deletions;
  }

  /** @return how records say they are deleted; {@link SoftDelete#NONE} by default */
  public SoftDelete softDelete() {
    return softDelete;
  }

  /** @return what a run does with a record it cannot use; {@link InvalidRecords#FAIL} by default */
  public InvalidRecords invalidRecords() {
    return invalidRecords;
  }

  /**
   * A builder preloaded with this resource's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.idField = idField;
    b.cursorField = cursorField.orElse(null);
    b.pageSize = pageSize;
    b.ttl = ttl.orElse(null);
    b.lookback = lookback;
    b.initialLookback = initialLookback;
    b.fullRefreshInterval = fullRefreshInterval;
    b.filters.putAll(filters);
    b.deletions = deletions;
    b.softDelete = softDelete;
    b.invalidRecords = invalidRecords;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resource r
        && name.equals(r.name)
        && idField.equals(r.idField)
        && cursorField.equals(r.cursorField)
        && pageSize == r.pageSize
        && ttl.equals(r.ttl)
        && lookback.equals(r.lookback)
        && initialLookback.equals(r.initialLookback)
        && fullRefreshInterval.equals(r.fullRefreshInterval)
        && filters.equals(r.filters)
        && deletions.equals(r.deletions)
        && softDelete.equals(r.softDelete)
        && invalidRecords == r.invalidRecords;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, idField, cursorField, pageSize, ttl, lookback, initialLookback,
        fullRefreshInterval, filters, deletions, softDelete, invalidRecords);
  }

  @Override
  public String toString() {
    return "Resource[" + name + ", " + strategy() + ", id=" + idField
        + cursorField.map(c -> ", cursor=" + c).orElse("") + ", pageSize=" + pageSize + "]";
  }

  /** Builds a {@link Resource}. Not thread-safe; {@link #build()} copies the settings. */
  public static final class Builder {
    private final String name;
    private String idField = "id";
    private String cursorField;
    private int pageSize = 100;
    private Duration ttl;
    private Duration lookback = Duration.ZERO;
    private Duration initialLookback = Duration.ofHours(24);
    private Duration fullRefreshInterval = Duration.ofHours(24);
    private final Map<String, String> filters = new LinkedHashMap<>();
    private DeletionPolicy deletions = DeletionPolicy.NONE;
    private SoftDelete softDelete = SoftDelete.NONE;
    private InvalidRecords invalidRecords = InvalidRecords.FAIL;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the JSON field holding the record id.
     *
     * @param field the field name, default {@code id}
     * @return this builder
     */
    public Builder idField(String field) {
      this.idField = requireField(field, "idField");
      return this;
    }

    /**
     * Sets the JSON field holding the record's last-modified timestamp, which makes the resource
     * {@link SyncStrategy#TIMESTAMP_THEN_ID}.
     *
     * @param field the field name, such as {@code updated_at}
     * @return this builder
     */
    public Builder cursorField(String field) {
      this.cursorField = requireField(field, "cursorField");
      return this;
    }

    /**
     * Makes the resource {@link SyncStrategy#ID_ONLY}: records have no timestamp.
     *
     * @return this builder
     */
    public Builder noCursorField() {
      this.cursorField = null;
      return this;
    }

    /**
     * Sets the page size asked of the source.
     *
     * @param size records per page, 1 to 100,000; the source may clamp it to what the API allows
     * @return this builder
     */
    public Builder pageSize(int size) {
      if (size < 1 || size > 100_000) {
        throw new IllegalArgumentException("pageSize must be 1..100000 for resource " + name + ": " + size);
      }
      this.pageSize = size;
      return this;
    }

    /**
     * Sets how long this resource's local data counts as fresh.
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      this.ttl = requirePositive(ttl, "ttl");
      return this;
    }

    /**
     * Sets the window re-read before the cursor on every incremental run, for records that
     * become visible after their {@code updated_at} (late commits). Re-read records are
     * deduplicated by the store and counted as unchanged.
     *
     * @param lookback zero or positive
     * @return this builder
     */
    public Builder lookback(Duration lookback) {
      this.lookback = requireNonNegative(lookback, "lookback");
      return this;
    }

    /**
     * Sets how far back an incremental run without any state reads (safety net), default 24 h.
     *
     * @param lookback a positive duration
     * @return this builder
     */
    public Builder initialLookback(Duration lookback) {
      this.initialLookback = requirePositive(lookback, "initialLookback");
      return this;
    }

    /**
     * Sets how often an id-only resource is refreshed in full, default 24 h.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder fullRefreshInterval(Duration interval) {
      this.fullRefreshInterval = requirePositive(interval, "fullRefreshInterval");
      return this;
    }

    /**
     * Adds a fixed source-specific filter (for an HTTP source, a query parameter sent on every
     * request).
     *
     * @param key the filter's name
     * @param value its value
     * @return this builder
     */
    public Builder filter(String key, String value) {
      filters.put(requireField(key, "filter key"), Objects.requireNonNull(value, "filter value"));
      return this;
    }

    /**
     * Sets how deletions are found by id sweeps, their safety limit and the marks' retention.
     *
     * @param policy the policy, default {@link DeletionPolicy#NONE}
     * @return this builder
     */
    public Builder deletions(DeletionPolicy policy) {
      this.deletions = Objects.requireNonNull(policy, "deletions");
      return this;
    }

    /**
     * Sets how records say they are deleted, e.g. {@code SoftDelete.whenPresent("deleted_at")}:
     * matching records are stored marked deleted, and live again once a newer version no longer
     * matches.
     *
     * @param policy the policy, default {@link SoftDelete#NONE}
     * @return this builder
     */
    public Builder softDelete(SoftDelete policy) {
      this.softDelete = Objects.requireNonNull(policy, "softDelete");
      return this;
    }

    /**
     * Sets what a run does with a record it cannot use (no id, a timestamp missing or unparsable,
     * an entry that is not an object): fail the page ({@link InvalidRecords#FAIL}, the default) or
     * set the record aside in the store's rejected records and go on
     * ({@link InvalidRecords#SET_ASIDE}).
     *
     * @param policy the policy, default {@link InvalidRecords#FAIL}
     * @return this builder
     */
    public Builder invalidRecords(InvalidRecords policy) {
      this.invalidRecords = Objects.requireNonNull(policy, "invalidRecords");
      return this;
    }

    /**
     * Builds the resource.
     *
     * @return an immutable resource
     */
    public Resource build() {
      if (cursorField != null && cursorField.equals(idField)) {
        throw new IllegalStateException(
            "Resource " + name + ": cursorField and idField are both '" + idField
                + "'; for an id-only resource call noCursorField()");
      }
      return new Resource(this);
    }

    private String requireField(String field, String what) {
      if (field == null || field.isBlank()) {
        throw new IllegalArgumentException(what + " of resource " + name + " must not be blank");
      }
      return field;
    }

    private Duration requirePositive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " of resource " + name + " must be positive: " + d);
      }
      return d;
    }

    private Duration requireNonNegative(Duration d, String what) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(what + " of resource " + name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
