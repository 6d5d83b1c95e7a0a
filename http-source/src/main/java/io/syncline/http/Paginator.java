package io.syncline.http;

import java.util.Optional;

/**
 * How an endpoint moves from one page to the next. A small closed family; pick one with the
 * factories. Values are immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #keyset()}: every request is a fresh first page whose filters start
 *       after the last record received ({@code since_id}, {@code updated_since}). Records that change
 *       while paging cannot shift others past the client, and runs of equal timestamps longer than
 *       a page are read whole. Needs the endpoint's id filter, and for incremental runs its
 *       timestamp filter.
 *   <li>{@link #pageNumber(String)}: {@code page=1,2,3…}; the listing ends on {@code has_more=false},
 *       when {@code total} is reached, or on a short page.
 *   <li>{@link #offset(String)}: {@code offset=0,N,2N…}; ends like page numbers.
 *   <li>{@link #nextToken(String, String)}: the body carries an opaque token for the next page;
 *       follow-up requests repeat the first page's filters.
 *   <li>{@link #pageToken(String, String)}: the body carries an opaque token for the next page;
 *       follow-up requests carry only the token and the page size (the token encodes the rest).
 *   <li>{@link #nextUrl(String)}: the body carries the next page's URL.
 *   <li>{@link #linkHeader()}: the {@code Link} header's {@code rel="next"} URL.
 *   <li>{@link #afterLastRecord(String)}: the next page is asked for with the id of the previous
 *       page's last record, in the listing's own order (Stripe's {@code starting_after} over a
 *       newest-first list).
 * </ul>
 *
 * <p>In an incremental run of an endpoint with a timestamp filter, no paginator's positions are
 * trusted across a changing listing: every page is a fresh first page filtered from the last
 * record received, and a position (next page, offset, token, URL) is followed only inside a run
 * of equal timestamps longer than a page (keyset emulation; see {@code http-source/README.md}).
 * Otherwise (backfills, endpoints without a timestamp filter) non-keyset paginators keep the
 * filters of the run's first page for every later page (except {@link #pageToken(String, String)},
 * whose follow-ups carry only the token and the page size) and carry their position in the page's
 * continuation token, so an interrupted backfill resumes at the page it stopped at. Such a listing
 * (except {@link #afterLastRecord(String)}, whose position is a record) is watched for movement
 * while it is read: offsets ask each later page one record early and check that record, other
 * styles compare the total with the lap's first page, and a listing in its own order (no sort
 * parameter) looks for records stamped during the lap; when it moved it is read again from its
 * first page, at most three laps, then the run fails (see {@code http-source/README.md}). A token
 * or URL that comes back a second time fails the run instead of looping.
 */
public sealed interface Paginator
    permits Paginator.Keyset, Paginator.PageNumber, Paginator.Offset, Paginator.NextToken,
        Paginator.NextUrl, Paginator.LinkHeader, Paginator.AfterLastRecord {

  /**
   * Keyset pagination; sends no page parameter.
   *
   * @return the paginator
   */
  static Paginator keyset() {
    return new Keyset(Optional.empty());
  }

  /**
   * Keyset pagination for an API that wants a page parameter too, sent as {@code 1} on every
   * request.
   *
   * @param pageParameter the page parameter, such as {@code page}
   * @return the paginator
   */
  static Paginator keyset(String pageParameter) {
    return new Keyset(Optional.of(Names.require(pageParameter, "page parameter")));
  }

  /**
   * Page-number pagination starting at page 1.
   *
   * @param parameter the page parameter, such as {@code page}
   * @return the paginator
   */
  static Paginator pageNumber(String parameter) {
    return new PageNumber(parameter, 1);
  }

  /**
   * Offset pagination starting at offset 0; the page size goes in the endpoint's page size
   * parameter (set it to {@code limit} for offset/limit APIs).
   *
   * @param parameter the offset parameter, such as {@code offset}
   * @return the paginator
   */
  static Paginator offset(String parameter) {
    return new Offset(parameter);
  }

  /**
   * A next-page token read from the body and sent back as a parameter.
   *
   * @param pointer JSON pointer of the token in the body, such as {@code /meta/next_cursor}
   * @param parameter the parameter that carries it, such as {@code cursor}
   * @return the paginator
   */
  static Paginator nextToken(String pointer, String parameter) {
    return new NextToken(pointer, parameter, false);
  }

  /**
   * An opaque next-page token read from the body; a request that carries it carries only the
   * token and the page size, as APIs whose tokens encode the filters demand (Shopify's
   * {@code page_info}, Google's {@code pageToken}).
   *
   * @param pointer JSON pointer of the token in the body, such as {@code /next_page_token}
   * @param parameter the parameter that carries it, such as {@code page_token}
   * @return the paginator
   */
  static Paginator pageToken(String pointer, String parameter) {
    return new NextToken(pointer, parameter, true);
  }

  /**
   * A next-page URL read from the body (absolute, or relative to the request's URL).
   *
   * @param pointer JSON pointer of the URL in the body, such as {@code /links/next}
   * @return the paginator
   */
  static Paginator nextUrl(String pointer) {
    return new NextUrl(pointer);
  }

  /**
   * The next-page URL of the {@code Link} response header ({@code rel="next"}).
   *
   * @return the paginator
   */
  static Paginator linkHeader() {
    return new LinkHeader();
  }

  /**
   * Keyset pagination.
   *
   * @param pageParameter a page parameter always sent as {@code 1}, if the API wants one
   */
  record Keyset(Optional<String> pageParameter) implements Paginator {
    /** Validates the component. */
    public Keyset {
      java.util.Objects.requireNonNull(pageParameter, "pageParameter");
    }
  }

  /**
   * Page-number pagination.
   *
   * @param parameter the page parameter
   * @param firstPage the number of the first page, usually 1
   */
  record PageNumber(String parameter, int firstPage) implements Paginator {
    /** Validates the components. */
    public PageNumber {
      Names.require(parameter, "page parameter");
    }
  }

  /**
   * Offset pagination.
   *
   * @param parameter the offset parameter
   */
  record Offset(String parameter) implements Paginator {
    /** Validates the component. */
    public Offset {
      Names.require(parameter, "offset parameter");
    }
  }

  /**
   * Next-page token in the body.
   *
   * @param pointer JSON pointer of the token
   * @param parameter the parameter that carries it
   * @param alone whether a request with the token carries only the token and the page size
   */
  record NextToken(String pointer, String parameter, boolean alone) implements Paginator {
    /** Validates the components. */
    public NextToken {
      Names.requirePointer(pointer);
      Names.require(parameter, "token parameter");
    }
  }

  /**
   * Next-page URL in the body.
   *
   * @param pointer JSON pointer of the URL
   */
  record NextUrl(String pointer) implements Paginator {
    /** Validates the component. */
    public NextUrl {
      Names.requirePointer(pointer);
    }
  }

  /** Next-page URL in the {@code Link} header. */
  record LinkHeader() implements Paginator {}

  /**
   * The next page is the one after the previous page's last record, named by its id in the
   * listing's own order, whatever that order is (Stripe's {@code starting_after} over a list sorted
   * newest first). The ids need not grow over time.
   *
   * @param parameter the parameter that carries the id, such as {@code starting_after}
   * @return the paginator
   */
  static Paginator afterLastRecord(String parameter) {
    return new AfterLastRecord(parameter);
  }

  /**
   * Next page after the previous page's last record.
   *
   * @param parameter the parameter that carries the last record's id
   */
  record AfterLastRecord(String parameter) implements Paginator {
    /** Validates the component. */
    public AfterLastRecord {
      Names.require(parameter, "after-last-record parameter");
    }
  }
}
