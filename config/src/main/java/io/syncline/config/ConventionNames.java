package io.syncline.config;

import io.syncline.http.Conventions;
import io.syncline.http.Endpoint;
import io.syncline.http.Paginator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The values of the {@code convention} key and the {@link Conventions} factory each one names,
 * and the paginator type names of the {@code paginator} key. Stateless.
 */
final class ConventionNames {
  /** The convention used when none is configured: the demo field-service API. */
  static final String DEFAULT = "demo-api";

  private static final Map<String, Function<String, Endpoint.Builder>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("demo-api", Conventions::demoApi);
    BY_NAME.put("link-header-since", Conventions::linkHeaderSince);
    BY_NAME.put("starting-after", Conventions::startingAfter);
    BY_NAME.put("page-token", Conventions::pageToken);
    BY_NAME.put("offset-limit", Conventions::offsetLimit);
    BY_NAME.put("page-per-page", Conventions::pagePerPage);
    BY_NAME.put("newest-first-starting-after", Conventions::newestFirstStartingAfter);
  }

  private ConventionNames() {}

  /**
   * @param name a configured value, any case
   * @return the factory it names, if it names one
   */
  static Optional<Function<String, Endpoint.Builder>> factory(String name) {
    return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
  }

  /** @return the allowed values, for messages */
  static String allowed() {
    return String.join(", ", BY_NAME.keySet());
  }

  /**
   * @param p a paginator
   * @return the {@code paginator.type} value that configures it
   */
  static String typeOf(Paginator p) {
    if (p instanceof Paginator.PageNumber) {
      return "page-number";
    } else if (p instanceof Paginator.Offset) {
      return "offset";
    } else if (p instanceof Paginator.NextToken t) {
      return t.alone() ? "page-token" : "next-token";
    } else if (p instanceof Paginator.NextUrl) {
      return "next-url";
    } else if (p instanceof Paginator.LinkHeader) {
      return "link-header";
    } else if (p instanceof Paginator.AfterLastRecord) {
      return "after-last-record";
    }
    return "keyset";
  }

  /**
   * @param p a paginator
   * @return its parameter (page, offset, token or last-record parameter), if it has one
   */
  static Optional<String> parameterOf(Paginator p) {
    if (p instanceof Paginator.PageNumber n) {
      return Optional.of(n.parameter());
    } else if (p instanceof Paginator.Offset o) {
      return Optional.of(o.parameter());
    } else if (p instanceof Paginator.NextToken t) {
      return Optional.of(t.parameter());
    } else if (p instanceof Paginator.AfterLastRecord a) {
      return Optional.of(a.parameter());
    }
    return Optional.empty();
  }

  /**
   * @param p a paginator
   * @return the JSON pointer of its token or next URL, if it has one
   */
  static Optional<String> pointerOf(Paginator p) {
    if (p instanceof Paginator.NextToken t) {
      return Optional.of(t.pointer());
    } else if (p instanceof Paginator.NextUrl u) {
      return Optional.of(u.pointer());
    }
    return Optional.empty();
  }
}
