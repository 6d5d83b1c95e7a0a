package io.syncline.http.internal;

import io.syncline.http.Paginator;
import io.syncline.spi.SourceRecord;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One positional paging style's share of reading a listing, one per non-keyset {@link Paginator}:
 * what a request carries to reach its position (page number, offset, last id, token or URL), and
 * what a response says about the next page. {@link EndpointFetcher} does the rest (filters, keyset
 * emulation, newest-first, continuations). Immutable and thread-safe. Not API.
 */
abstract class PositionalPaging {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern REL_NEXT = Pattern.compile("rel\\s*=\\s*\"?([^\";,]*)\"?", Pattern.CASE_INSENSITIVE);

  private final String kind;

  private PositionalPaging(String kind) {
    this.kind = kind;
  }

  /**
   * The style of a paginator.
   *
   * @param p the endpoint's paginator
   * @param pageSizeParameter the endpoint's page-size parameter, if it sends one
   * @return its style, empty for {@link Paginator.Keyset}, which has no position of its own
   */
  static Optional<PositionalPaging> of(Paginator p, Optional<String> pageSizeParameter) {
    if (p instanceof Paginator.PageNumber n) {
      return Optional.of(new PageNumber(n));
    } else if (p instanceof Paginator.Offset o) {
      return Optional.of(new Offset(o.parameter()));
    } else if (p instanceof Paginator.AfterLastRecord a) {
      return Optional.of(new AfterLastRecord(a.parameter()));
    } else if (p instanceof Paginator.NextToken t) {
      return Optional.of(new NextToken(t, pageSizeParameter));
    } else if (p instanceof Paginator.NextUrl u) {
      return Optional.of(new NextUrl(u.pointer()));
    } else if (p instanceof Paginator.LinkHeader) {
      return Optional.of(new LinkHeader());
    }
    return Optional.empty();
  }

  /** @return the kind written in continuations */
  final String kind() {
    return kind;
  }

  /** @return the body pointer of the next page's token or URL, read along with the records */
  Optional<String> nextPointer() {
    return Optional.empty();
  }

  /** @return true when a next page the run already followed means the listing loops */
  boolean followsLinks() {
    return false;
  }

  /**
   * @return true when an id-ordered listing read this way is watched for movement
   *     ({@link ListingWatch}); false for a position that is the last id itself
   */
  boolean watchedForMovement() {
    return true;
  }

  /**
   * @return true when each page after the first is asked for one record early, so that the
   *     previous page's last record shows whether the listing moved (offsets)
   */
  boolean readsOneEarly() {
    return false;
  }

  /**
   * The request's numeric position.
   *
   * @param cont the continuation, empty on the first page
   * @return the page number or offset; 0 for styles without one
   */
  long position(Optional<Continuation> cont) {
    return 0;
  }

  /**
   * The request's URI.
   *
   * @param q the query with filters, sort and page size, modified freely
   * @param cont the continuation, empty on the first page
   * @param position the request's {@linkplain #position position}
   * @param url turns a query into the endpoint's URI
   * @return the URI
   */
  abstract URI uri(Map<String, String> q, Optional<Continuation> cont, long position,
      Function<Map<String, String>, URI> url);

  /**
   * What a response says about the next page.
   *
   * @param a the response
   * @return whether more follows, the next position or link, and the records remaining
   */
  abstract Next next(Answer a);

  /**
   * A parsed response with what {@link #next} needs.
   *
   * @param records the page's records
   * @param entries the page's entries, records set aside included (they hold positions too)
   * @param total the listing's total, if the body gave one
   * @param hasMore the body's has-more flag, if any
   * @param position the request's position
   * @param size the page size asked for
   * @param cont the request's continuation
   * @param parsed the parsed body (for next-page pointers)
   * @param uri the response's URI (next links resolve against it)
   * @param headers the response's headers
   */
  record Answer(List<SourceRecord> records, int entries, OptionalLong total, Optional<Boolean> hasMore, long position, int size,
      Optional<Continuation> cont, PageParser.Parsed parsed, URI uri, HttpHeaders headers) {}

  /**
   * The next page.
   *
   * @param more whether one follows
   * @param next its position, token or URL
   * @param remaining the records left from this page on, when known
   */
  record Next(boolean more, Optional<String> next, OptionalLong remaining) {}

  /** {@code ?page=N}. */
  private static final class PageNumber extends PositionalPaging {
    private final Paginator.PageNumber p;

    PageNumber(Paginator.PageNumber p) {
      super("page");
      this.p = p;
    }

    @Override
    long position(Optional<Continuation> cont) {
      return cont.map(c -> Long.parseLong(c.next())).orElse((long) p.firstPage());
    }

    @Override
    URI uri(Map<String, String> q, Optional<Continuation> cont, long position, Function<Map<String, String>, URI> url) {
      q.put(p.parameter(), Long.toString(position));
      return url.apply(q);
    }

    @Override
    Next next(Answer a) {
      long consumed = (a.position() - p.firstPage()) * (long) a.size();
      boolean more = a.entries() > 0 && a.hasMore().orElse(a.total().isPresent()
          ? consumed + a.entries() < a.total().getAsLong() : a.entries() >= a.size());
      OptionalLong remaining = a.total().isPresent()
          ? OptionalLong.of(Math.max(0, a.total().getAsLong() - consumed)) : OptionalLong.empty();
      return new Next(more, Optional.of(Long.toString(a.position() + 1)), remaining);
    }
  }

  /** {@code ?offset=N}. */
  private static final class Offset extends PositionalPaging {
    private final String parameter;

    Offset(String parameter) {
      super("offset");
      this.parameter = parameter;
    }

    @Override
    boolean readsOneEarly() {
      return true;
    }

    @Override
    long position(Optional<Continuation> cont) {
      return cont.map(c -> Long.parseLong(c.next())).orElse(0L);
    }

    @Override
    URI uri(Map<String, String> q, Optional<Continuation> cont, long position, Function<Map<String, String>, URI> url) {
      q.put(parameter, Long.toString(position));
      return url.apply(q);
    }

    @Override
    Next next(Answer a) {
      boolean more = a.entries() > 0 && a.hasMore().orElse(a.total().isPresent()
          ? a.position() + a.entries() < a.total().getAsLong() : a.entries() >= a.size());
      OptionalLong remaining = a.total().isPresent()
          ? OptionalLong.of(Math.max(0, a.total().getAsLong() - a.position())) : OptionalLong.empty();
      return new Next(more, Optional.of(Long.toString(a.position() + a.entries())), remaining);
    }
  }

  /** {@code ?starting_after=<last id>}, in the listing's own order. */
  private static final class AfterLastRecord extends PositionalPaging {
    private final String parameter;

    AfterLastRecord(String parameter) {
      super("after");
      this.parameter = parameter;
    }

    @Override
    boolean watchedForMovement() {
      return false;
    }

    @Override
    URI uri(Map<String, String> q, Optional<Continuation> cont, long position, Function<Map<String, String>, URI> url) {
      cont.ifPresent(c -> q.put(parameter, c.next()));
      return url.apply(q);
    }

    @Override
    Next next(Answer a) {
      List<SourceRecord> records = a.records();
      boolean more = !records.isEmpty() && a.hasMore().orElse(a.entries() >= a.size());
      Optional<String> next = records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1).id());
      return new Next(more, next, a.cont().isEmpty() ? a.total() : OptionalLong.empty());
    }
  }

  /** Styles whose next page is a token or URL the response gives. */
  private abstract static class Linked extends PositionalPaging {
    Linked(String kind) {
      super(kind);
    }

    @Override
    boolean followsLinks() {
      return true;
    }

    /** @return the next page's token or URL in the response, if any */
    abstract Optional<String> link(Answer a);

    @Override
    Next next(Answer a) {
      Optional<String> next = link(a);
      boolean more = next.isPresent() && a.hasMore().orElse(true);
      return new Next(more, next, a.cont().isEmpty() ? a.total() : OptionalLong.empty());
    }
  }

  /** An opaque token in the body, sent back as a parameter. */
  private static final class NextToken extends Linked {
    private final Paginator.NextToken t;
    private final Set<String> sizeOnly;

    NextToken(Paginator.NextToken t, Optional<String> pageSizeParameter) {
      super("token");
      this.t = t;
      this.sizeOnly = pageSizeParameter.map(Set::of).orElse(Set.of());
    }

    @Override
    Optional<String> nextPointer() {
      return Optional.of(t.pointer());
    }

    @Override
    URI uri(Map<String, String> q, Optional<Continuation> cont, long position, Function<Map<String, String>, URI> url) {
      if (cont.isPresent() && t.alone()) {
        // The token encodes the filters: a request that carries it may carry only the page size.
        q.keySet().retainAll(sizeOnly);
      }
      cont.ifPresent(c -> q.put(t.parameter(), c.next()));
      return url.apply(q);
    }

    @Override
    Optional<String> link(Answer a) {
      return a.parsed().value(Optional.of(t.pointer())).filter(s -> !s.isBlank());
    }
  }

  /** A next-page URL in the body. */
  private static final class NextUrl extends Linked {
    private final String pointer;

    NextUrl(String pointer) {
      super("url");
      this.pointer = pointer;
    }

    @Override
    Optional<String> nextPointer() {
      return Optional.of(pointer);
    }

    @Override
    URI uri(Map<String, String> q, Optional<Continuation> cont, long position, Function<Map<String, String>, URI> url) {
      return cont.map(c -> URI.create(c.next())).orElseGet(() -> url.apply(q));
    }

    @Override
    Optional<String> link(Answer a) {
      return a.parsed().value(Optional.of(pointer)).filter(s -> !s.isBlank()).map(s -> a.uri().resolve(s).toString());
    }
  }

  /** A {@code Link: <…>; rel="next"} header. */
  private static final class LinkHeader extends Linked {
    LinkHeader() {
      super("url");
    }

    @Override
    URI uri(Map<String, String> q, Optional<Continuation> cont, long position, Function<Map<String, String>, URI> url) {
      return cont.map(c -> URI.create(c.next())).orElseGet(() -> url.apply(q));
    }

    @Override
    Optional<String> link(Answer a) {
      return linkNext(a.headers()).map(s -> a.uri().resolve(s).toString());
    }
  }

  private static Optional<String> linkNext(HttpHeaders headers) {
    for (String value : headers.allValues("Link")) {
      Matcher m = LINK.matcher(value);
      while (m.find()) {
        Matcher rel = REL_NEXT.matcher(m.group(2));
        while (rel.find()) {
          for (String r : rel.group(1).trim().split("\\s+")) {
            if (r.equalsIgnoreCase("next")) {
              return Optional.of(m.group(1).trim());
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
