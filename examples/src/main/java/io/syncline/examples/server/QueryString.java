package io.syncline.examples.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Decodes a raw query string into parameters; a parameter given twice is a bad request. */
final class QueryString {
  private QueryString() {}

  static Map<String, String> parse(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String val = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (out.putIfAbsent(k, val) != null) {
        throw new BadRequestException("parameter " + ListingQuery.printable(k) + " given more than once");
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("malformed percent-encoding in the query string");
    }
  }
}
