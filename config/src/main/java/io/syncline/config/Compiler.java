package io.syncline.config;

import io.syncline.InvalidRecords;
import io.syncline.Resource;
import io.syncline.config.internal.Durations;
import io.syncline.http.Endpoint;
import io.syncline.http.Paginator;
import io.syncline.http.RateGovernor;
import io.syncline.http.RateLimit;
import io.syncline.http.RetrySettings;
import io.syncline.http.TimestampFilter;
import io.syncline.http.TimestampFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** Checks a {@link SynclineConfig} key by key and turns it into library objects. Not thread-safe; one per compile. */
final class Compiler {
  private static final String NONE = "none";

  private final String source;
  private final String prefix;

  Compiler(String source, String prefix) {
    this.source = source;
    this.prefix = prefix;
  }

  ConfigException error(String key, String problem) {
    return new ConfigException(source, prefix + key, problem, null);
  }

  /** Runs a builder call, turning its argument errors into a message on the key. */
  <T> T at(String key, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw error(key, e.getMessage());
    }
  }

  void run(String key, Runnable call) {
    at(key, () -> {
      call.run();
      return null;
    });
  }

  Duration duration(String key, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  <T> void ifSet(T value, Consumer<T> apply) {
    if (value != null) {
      apply.accept(value);
    }
  }

  URI baseUrl(ApiConfig api) {
    if (api == null) {
      throw error("api", "missing; it needs at least 'base-url'");
    }
    if (api.baseUrl() == null || api.baseUrl().isBlank()) {
      throw error("api.base-url", "missing; an absolute http(s) URL such as https://api.example.com");
    }
    try {
      URI uri = new URI(api.baseUrl().trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw error("api.base-url", "'" + api.baseUrl() + "' is not an absolute http(s) URL with a host");
      }
      if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
        throw error("api.base-url", "must not carry credentials or a query; use 'auth' and 'listing.parameters'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error("api.base-url", "'" + api.baseUrl() + "' is not a URL: " + e.getReason());
    }
  }

  Optional<String> tokenEnv(AuthConfig auth) {
    if (auth == null) {
      return Optional.empty();
    }
    String type = auth.type() == null ? "bearer" : auth.type().trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "none":
        if (auth.tokenEnv() != null) {
          throw error("api.auth.token-env", "set, but auth.type is none");
        }
        return Optional.empty();
      case "bearer":
        if (auth.tokenEnv() == null || !auth.tokenEnv().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw error("api.auth.token-env", auth.tokenEnv() == null
              ? "missing; name the environment variable that holds the token, such as SYNCLINE_TOKEN"
              : "'" + auth.tokenEnv() + "' is not an environment variable name");
        }
        return Optional.of(auth.tokenEnv());
      default:
        throw error("api.auth.type", "'" + auth.type() + "' is not allowed; use bearer or none");
    }
  }

  Optional<RateGovernor> governor(RateLimitConfig rate) {
    if (rate == null) {
      return Optional.empty();
    }
    if (rate.requests() == null || rate.requests() < 1) {
      throw error("api.rate-limit.requests", rate.requests() == null ? "missing; a positive number of requests"
          : "must be positive, was " + rate.requests());
    }
    Duration per = rate.per() == null ? Duration.ofSeconds(1) : duration("api.rate-limit.per", rate.per());
    RateLimit limit = at("api.rate-limit.per", () -> new RateLimit(rate.requests(), per));
    RateGovernor.Builder b = RateGovernor.builder(limit);
    if (Boolean.FALSE.equals(rate.adaptive())) {
      b.fixedRate();
    }
    return Optional.of(b.build());
  }

  RetrySettings retry(RetryConfig r) {
    RetrySettings.Builder b = RetrySettings.builder();
    if (r == null) {
      return b.build();
    }
    RetrySettings d = RetrySettings.ofDefaults();
    ifSet(r.maxAttempts(), n -> run("api.retry.max-attempts", () -> b.maxAttempts(n)));
    if (r.baseDelay() != null || r.factor() != null || r.maxDelay() != null) {
      Duration base = r.baseDelay() == null ? d.baseDelay() : duration("api.retry.base-delay", r.baseDelay());
      Duration max = r.maxDelay() == null ? d.maxDelay() : duration("api.retry.max-delay", r.maxDelay());
      double factor = r.factor() == null ? d.factor() : r.factor();
      run("api.retry", () -> b.backoff(base, factor, max));
    }
    ifSet(r.jitter(), j -> run("api.retry.jitter", () -> b.jitter(j)));
    ifSet(r.quotaWaitBudget(), q -> run("api.retry.quota-wait-budget",
        () -> b.quotaWaitBudget(duration("api.retry.quota-wait-budget", q))));
    ifSet(r.forbiddenMeansRateLimited(), b::forbiddenMeansRateLimited);
    return b.build();
  }

  Resource resource(String name, ResourceConfig r) {
    String key = "resources." + name;
    if (r == null) {
      throw error(key, "has no settings; it needs at least 'path'");
    }
    Resource.Builder b = at(key, () -> Resource.builder(name));
    ifSet(r.idField(), f -> run(key + ".id-field", () -> b.idField(f)));
    if (r.timestampField() != null) {
      run(key + ".timestamp-field", () -> b.cursorField(r.timestampField()));
    } else {
      b.noCursorField();
    }
    ifSet(r.pageSize(), n -> run(key + ".page-size", () -> b.pageSize(n)));
    ifSet(r.ttl(), t -> run(key + ".ttl", () -> b.ttl(duration(key + ".ttl", t))));
    ifSet(r.lookback(), t -> run(key + ".lookback", () -> b.lookback(duration(key + ".lookback", t))));
    ifSet(r.initialLookback(), t -> run(key + ".initial-lookback",
        () -> b.initialLookback(duration(key + ".initial-lookback", t))));
    ifSet(r.fullRefreshInterval(), t -> run(key + ".full-refresh-interval",
        () -> b.fullRefreshInterval(duration(key + ".full-refresh-interval", t))));
    for (Map.Entry<String, String> f : r.filters().entrySet()) {
      run(key + ".filters." + f.getKey(), () -> b.filter(f.getKey(), f.getValue()));
    }
    if (r.softDelete() != null) {
      b.softDelete(softDelete(key + ".soft-delete", r.softDelete()));
    }
    if (r.sweepEvery() != null || r.maxSweepShare() != null) {
      io.syncline.DeletionPolicy.Builder d = io.syncline.DeletionPolicy.builder();
      ifSet(r.sweepEvery(), t -> run(key + ".sweep-every", () -> d.sweepEvery(duration(key + ".sweep-every", t))));
      ifSet(r.maxSweepShare(), s -> run(key + ".max-sweep-share", () -> d.maxSweepShare(s)));
      b.deletions(d.build());
    }
    ifSet(r.invalidRecords(), v -> b.invalidRecords(invalidRecords(key + ".invalid-records", v)));
    return at(key, b::build);
  }

  private io.syncline.SoftDelete softDelete(String key, SoftDeleteConfig sd) {
    if (sd.field() == null || sd.field().isBlank()) {
      throw error(key + ".field", "missing; the record's field that says it is deleted, such as deleted_at");
    }
    if ((sd.when() == null) == (sd.equals() == null)) {
      throw error(key, "needs exactly one of 'when' (present or true) and 'equals' (a value such as deleted)");
    }
    if (sd.equals() != null) {
      return at(key + ".equals", () -> io.syncline.SoftDelete.whenEquals(sd.field(), sd.equals()));
    }
    return switch (sd.when()) {
      case "present" -> at(key + ".field", () -> io.syncline.SoftDelete.whenPresent(sd.field()));
      case "true" -> at(key + ".field", () -> io.syncline.SoftDelete.whenTrue(sd.field()));
      default -> throw error(key + ".when", "'" + sd.when() + "' is not allowed; use present or true");
    };
  }

  private InvalidRecords invalidRecords(String key, String value) {
    return switch (value) {
      case "fail" -> InvalidRecords.FAIL;
      case "set-aside" -> InvalidRecords.SET_ASIDE;
      default -> throw error(key, "'" + value + "' is not allowed; use fail or set-aside");
    };
  }

  Endpoint endpoint(String name, ResourceConfig r, ListingConfig apiListing, String apiConvention) {
    String key = "resources." + name;
    if (r.path() == null || r.path().isBlank()) {
      throw error(key + ".path", "missing; the path below the base URL, such as /v1/" + name);
    }
    String ck = r.convention() != null ? key + ".convention" : "api.convention";
    String convention = r.convention() != null ? r.convention()
        : apiConvention != null ? apiConvention : ConventionNames.DEFAULT;
    Function<String, Endpoint.Builder> factory = ConventionNames.factory(convention).orElseThrow(() ->
        error(ck, "'" + convention + "' is not allowed; use " + ConventionNames.allowed()));
    Endpoint.Builder b = at(key + ".path", () -> factory.apply(r.path()));
    Endpoint base = at(key + ".path", b::build);
    ListingConfig own = r.listing();
    ListingConfig l = own == null ? apiListing : own.over(apiListing);
    String lk = own != null ? key + ".listing" : "api.listing";
    if (l != null) {
      listing(b, l, lk, r.timestampField() != null, base);
    } else if (r.timestampField() == null) {
      b.noTimestampFilter();
    }
    if (r.dateRange() != null) {
      DateRangeConfig dr = r.dateRange();
      if (dr.from() == null || dr.to() == null) {
        throw error(key + ".date-range", "needs both 'from' and 'to' parameters, such as created_from and created_to");
      }
      run(key + ".date-range", () -> b.dateRange(dr.from(), dr.to()));
    }
    ifSet(r.deletionFeed(), p -> run(key + ".deletion-feed", () -> b.deletionFeed(p, "deleted_at")));
    for (Map.Entry<String, String> p : r.idListing().entrySet()) {
      run(key + ".id-listing." + p.getKey(), () -> b.idListingParameter(p.getKey(), p.getValue()));
    }
    return at(key, b::build);
  }

  private void listing(Endpoint.Builder b, ListingConfig l, String key, boolean timestamped, Endpoint base) {
    ifSet(l.records(), p -> run(key + ".records", () -> b.records(p)));
    ifSet(l.paginator(), p -> b.paginator(paginator(p, key + ".paginator", base.paginator())));
    TimestampFilterConfig tf = l.timestampFilter();
    if (!timestamped || (tf != null && Boolean.FALSE.equals(tf.enabled()))) {
      b.noTimestampFilter();
    } else if (tf != null) {
      b.timestampFilter(timestampFilter(tf, key + ".timestamp-filter", base.timestampFilter()));
    }
    ifSet(l.idFilter(), f -> {
      if (isNone(f)) {
        b.noIdFilter();
      } else {
        run(key + ".id-filter", () -> b.idFilter(f));
      }
    });
    SortConfig s = l.sort();
    if (s != null) {
      if (isNone(s.parameter())) {
        b.noSort();
      } else {
        run(key + ".sort", () -> b.sort(s.parameter() == null ? base.sortParameter().orElse("sort") : s.parameter(),
            s.byId() == null ? base.sortById() : s.byId(),
            s.byUpdatedAt() == null ? base.sortByUpdatedAt() : s.byUpdatedAt()));
      }
      ifSet(s.newestFirst(), v -> run(key + ".sort.newest-first", () -> b.newestFirst(v)));
    }
    if (l.pageSizeParameter() != null || l.maxPageSize() != null) {
      if (isNone(l.pageSizeParameter())) {
        throw error(key + ".page-size-parameter", "none is not supported: the page size must be sent");
      }
      String p = l.pageSizeParameter() == null ? base.pageSizeParameter().orElse("per_page") : l.pageSizeParameter();
      int max = l.maxPageSize() == null ? base.maxPageSize() : l.maxPageSize();
      run(key + ".max-page-size", () -> b.pageSize(p, max));
    }
    ifSet(l.hasMore(), p -> {
      if (isNone(p)) {
        b.noHasMore();
      } else {
        run(key + ".has-more", () -> b.hasMore(p));
      }
    });
    ifSet(l.total(), p -> {
      if (isNone(p)) {
        b.noTotal();
      } else {
        run(key + ".total", () -> b.total(p));
      }
    });
    ifSet(l.recordTimestamps(), f -> b.recordTimestamps(format(f, key + ".record-timestamps")));
    for (Map.Entry<String, String> p : l.parameters().entrySet()) {
      run(key + ".parameters." + p.getKey(), () -> b.parameter(p.getKey(), p.getValue()));
    }
  }

  private Paginator paginator(PaginatorConfig p, String key, Paginator base) {
    String baseType = ConventionNames.typeOf(base);
    String type = p.type() == null ? baseType : p.type().trim().toLowerCase(Locale.ROOT);
    boolean same = type.equals(baseType);
    String parameter = p.parameter() != null || !same ? p.parameter() : ConventionNames.parameterOf(base).orElse(null);
    String pointer = p.pointer() != null || !same ? p.pointer() : ConventionNames.pointerOf(base).orElse(null);
    return at(key, () -> switch (type) {
      case "keyset" -> {
        requireAbsent(p.pointer(), key + ".pointer", type);
        requireAbsent(p.firstPage(), key + ".first-page", type);
        yield p.parameter() == null ? (same ? base : Paginator.keyset())
            : new Paginator.Keyset(isNone(p.parameter()) ? Optional.empty() : Optional.of(p.parameter()));
      }
      case "page-number" -> {
        requireAbsent(p.pointer(), key + ".pointer", type);
        yield new Paginator.PageNumber(parameter == null ? "page" : parameter,
            p.firstPage() != null ? p.firstPage() : same ? ((Paginator.PageNumber) base).firstPage() : 1);
      }
      case "offset" -> {
        requireAbsent(p.pointer(), key + ".pointer", type);
        requireAbsent(p.firstPage(), key + ".first-page", type);
        yield Paginator.offset(parameter == null ? "offset" : parameter);
      }
      case "next-token", "page-token" -> {
        requireAbsent(p.firstPage(), key + ".first-page", type);
        if (pointer == null || parameter == null) {
          throw error(key, type + " needs 'pointer' (where the body carries the token) and 'parameter' "
              + "(the query parameter that sends it back)");
        }
        yield type.equals("page-token") ? Paginator.pageToken(pointer, parameter)
            : Paginator.nextToken(pointer, parameter);
      }
      case "next-url" -> {
        requireAbsent(p.parameter(), key + ".parameter", type);
        requireAbsent(p.firstPage(), key + ".first-page", type);
        if (pointer == null) {
          throw error(key + ".pointer", "missing; next-url needs the JSON pointer of the next page's URL");
        }
        yield Paginator.nextUrl(pointer);
      }
      case "link-header" -> {
        requireAbsent(p.parameter(), key + ".parameter", type);
        requireAbsent(p.pointer(), key + ".pointer", type);
        requireAbsent(p.firstPage(), key + ".first-page", type);
        yield Paginator.linkHeader();
      }
      case "after-last-record" -> {
        requireAbsent(p.pointer(), key + ".pointer", type);
        requireAbsent(p.firstPage(), key + ".first-page", type);
        if (parameter == null) {
          throw error(key + ".parameter", "missing; after-last-record needs the parameter that carries "
              + "the previous page's last id, such as starting_after");
        }
        yield Paginator.afterLastRecord(parameter);
      }
      default -> throw error(key + ".type", "'" + p.type() + "' is not allowed; use keyset, page-number, "
          + "offset, next-token, page-token, next-url, link-header or after-last-record");
    });
  }

  private void requireAbsent(Object value, String key, String type) {
    if (value != null) {
      throw error(key, "does not apply to the " + type + " paginator");
    }
  }

  private TimestampFilter timestampFilter(TimestampFilterConfig t, String key, Optional<TimestampFilter> base) {
    String parameter = t.parameter() != null ? t.parameter()
        : base.map(TimestampFilter::parameter).orElse("updated_since");
    boolean inclusive = t.inclusive() != null ? t.inclusive() : base.map(TimestampFilter::inclusive).orElse(true);
    TimestampFilter f = at(key + ".parameter", () -> inclusive
        ? TimestampFilter.inclusive(parameter) : TimestampFilter.exclusive(parameter));
    if (base.isPresent()) {
      TimestampFilter from = base.get();
      f = at(key, () -> new TimestampFilter(parameter, inclusive, from.format(), from.granularity()));
    }
    if (t.format() != null) {
      f = f.withFormat(format(t.format(), key + ".format"));
    }
    if (t.granularity() != null) {
      Duration g = duration(key + ".granularity", t.granularity());
      TimestampFilter current = f;
      f = at(key + ".granularity", () -> current.withGranularity(g));
    }
    return f;
  }

  private TimestampFormat format(String text, String key) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "iso8601", "iso-8601" -> TimestampFormat.iso8601Millis();
      case "epoch-seconds" -> TimestampFormat.epochSeconds();
      case "epoch-millis" -> TimestampFormat.epochMillis();
      default -> throw error(key, "'" + text + "' is not allowed; use iso8601, epoch-seconds or epoch-millis");
    };
  }

  private static boolean isNone(String s) {
    return s != null && s.trim().equalsIgnoreCase(NONE);
  }
}
