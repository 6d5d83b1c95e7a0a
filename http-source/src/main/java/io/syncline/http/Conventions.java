package io.syncline.http;

import java.time.Duration;

/**
 * Ready-made {@link Endpoint} configurations for common list conventions. Each factory returns
 * a builder set to exactly what the convention sends and reads, to be adjusted further (fixed
 * parameters, a date range, another records pointer) and built. Every convention here has its
 * own tests against a loopback server that follows it, through the engine into a store.
 *
 * <p>What each endpoint sends is only what its convention lists below; see
 * {@code http-source/README.md} for the guarantee each gives when the listing changes while it is
 * read. Stateless; the builders returned are not thread-safe.
 */
public final class Conventions {
  private Conventions() {}

  /**
   * The demo field-service API: keyset by {@code since_id} (ascending id) or by
   * {@code updated_since} (inclusive, ISO-8601 milliseconds) then {@code since_id} inside a run
   * of equal timestamps; {@code sort=id|updated_at}; {@code per_page} (max 500); records at
   * {@code /data}, {@code /meta/has_more}, {@code /meta/total}. No page number is sent.
   *
   * @param path the path, such as {@code /v1/orders}
   * @return the builder
   */
  public static Endpoint.Builder demoApi(String path) {
    return Endpoint.builder(path).records("/data").paginator(Paginator.keyset())
        .timestampFilter(TimestampFilter.inclusive("updated_since")).idFilter("since_id")
        .sort("sort", "id", "updated_at").pageSize("per_page", 500)
        .hasMore("/meta/has_more").total("/meta/total");
  }

  /**
   * A {@code Link}-header listing with an inclusive {@code since} filter at second granularity,
   * like GitHub's issue list: {@code since=<ISO-8601>}, {@code sort=updated} (or {@code created}
   * for id order) with {@code direction=asc}, {@code per_page} (max 100), the records as the
   * body's top-level array, the next page only through {@code Link: <…>; rel="next"}. Incremental
   * runs page by re-filtering from the last record received (see the README), never by trusting
   * the link across a changing listing.
   *
   * @param path the path, such as {@code /repos/o/r/issues}
   * @return the builder
   */
  public static Endpoint.Builder linkHeaderSince(String path) {
    return Endpoint.builder(path).records("").paginator(Paginator.linkHeader())
        .timestampFilter(TimestampFilter.inclusive("since").withGranularity(Duration.ofSeconds(1)))
        .sort("sort", "created", "updated").parameter("direction", "asc").pageSize("per_page", 100);
  }

  /**
   * Ascending keyset by an opaque id: {@code starting_after=<last id of the previous page>},
   * {@code limit} (max 100), records at {@code /data}, {@code /has_more}. No sort, no page number,
   * no timestamp filter: for id-only resources whose listing is in ascending id order.
   *
   * @param path the path, such as {@code /v1/events}
   * @return the builder
   */
  public static Endpoint.Builder startingAfter(String path) {
    return Endpoint.builder(path).records("/data").paginator(Paginator.keyset()).idFilter("starting_after")
        .pageSize("limit", 100).hasMore("/has_more");
  }

  /**
   * An opaque next-page token in the body ({@code /next_page_token}), sent back as
   * {@code page_token}; a request that carries the token carries only it and {@code limit}
   * (max 250), as APIs whose tokens encode the filters require (Shopify's {@code page_info} in a
   * body, Google's {@code pageToken}). Records at {@code /data}. For a token in the {@code Link}
   * header, use {@link Paginator#linkHeader()}: the link already carries only what the server put
   * in it.
   *
   * @param path the path, such as {@code /admin/api/products.json}
   * @return the builder
   */
  public static Endpoint.Builder pageToken(String path) {
    return Endpoint.builder(path).records("/data")
        .paginator(Paginator.pageToken("/next_page_token", "page_token")).pageSize("limit", 250);
  }

  /**
   * Offset and limit with a total: {@code offset=0,N,2N…}, {@code limit} (max 100), records at
   * {@code /data}, the count of matching records at {@code /total}. Read by id (backfills,
   * id-only resources), every page after the first is asked for one record early
   * ({@code offset=0,N-1,2N-2…}) to see whether the listing moved (see the README).
   *
   * @param path the path
   * @return the builder
   */
  public static Endpoint.Builder offsetLimit(String path) {
    return Endpoint.builder(path).records("/data").paginator(Paginator.offset("offset"))
        .pageSize("limit", 100).total("/total");
  }

  /**
   * Page numbers: {@code page=1,2,3…} and {@code per_page} (max 100), records at {@code /data};
   * the listing ends on a short or empty page.
   *
   * @param path the path
   * @return the builder
   */
  public static Endpoint.Builder pagePerPage(String path) {
    return Endpoint.builder(path).records("/data").paginator(Paginator.pageNumber("page"))
        .pageSize("per_page", 100);
  }

  /**
   * A newest-first list with {@code starting_after} and {@code has_more}, like Stripe's:
   * {@code limit} (max 100), then {@code starting_after=<id of the previous page's last record>};
   * records at {@code /data}, {@code /has_more}; the listing is newest {@code created} first, ids
   * are not ordered by time, and {@code created} is in unix seconds. Give the resource
   * {@code cursorField("created")}: a backfill reads the whole list; an incremental run stops at
   * the first page that reaches records created before the stored high-water mark; edits come from
   * a full refresh (a backfill, scheduled by the freshness policy).
   *
   * @param path the path, such as {@code /v1/customers}
   * @return the builder
   */
  public static Endpoint.Builder newestFirstStartingAfter(String path) {
    return Endpoint.builder(path).records("/data").paginator(Paginator.afterLastRecord("starting_after"))
        .newestFirst().pageSize("limit", 100).hasMore("/has_more").recordTimestamps(TimestampFormat.epochSeconds());
  }
}
