package io.syncline.http.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Writes URLs for messages without secrets: no user info, no fragment, and the values of query
 * parameters whose names look secret ({@code token}, {@code key}, {@code secret}, {@code signature},
 * {@code password}, {@code auth}, plus configured names) replaced by {@code ***}. Thread-safe.
 */
public final class UrlRedactor {
  private static final String[] SECRET_PARTS = {"token", "key", "secret", "signature", "password", "auth", "sig"};
  private final Set<String> extra;

  /**
   * Creates a redactor.
   *
   * @param extraNames more parameter names to hide, lower case
   */
  public UrlRedactor(Set<String> extraNames) {
    this.extra = Set.copyOf(extraNames);
  }

  /**
   * Redacts a URL.
   *
   * @param uri the URL
   * @return printable text without secrets
   */
  public String redact(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
    }
    if (uri.getPort() >= 0) {
      sb.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    String q = uri.getRawQuery();
    if (q != null && !q.isEmpty()) {
      sb.append('?');
      String[] pairs = q.split("&");
      for (int i = 0; i < pairs.length; i++) {
        if (i > 0) {
          sb.append('&');
        }
        int eq = pairs[i].indexOf('=');
        String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
        sb.append(name);
        if (eq >= 0) {
          sb.append('=').append(isSecret(name) ? "***" : pairs[i].substring(eq + 1));
        }
      }
    }
    return sb.toString();
  }

  private boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (extra.contains(n)) {
      return true;
    }
    for (String part : SECRET_PARTS) {
      if (n.contains(part)) {
        return true;
      }
    }
    return false;
  }
}
