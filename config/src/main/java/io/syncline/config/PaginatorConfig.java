package io.syncline.config;

/**
 * The pagination style (key {@code paginator} of a listing), one of the
 * {@link io.syncline.http.Paginator} factories. Immutable and thread-safe.
 *
 * @param type {@code type}: {@code keyset} (default), {@code page-number}, {@code offset},
 *     {@code next-token}, {@code next-url} or {@code link-header}
 * @param parameter {@code parameter}: the page, offset or token parameter (page-number default
 *     {@code page}, offset default {@code offset}, next-token required); for keyset the page
 *     parameter always sent as 1 (default {@code page}, {@code none} for none)
 * @param pointer {@code pointer}: JSON pointer of the next token or URL (next-token and next-url, required)
 * @param firstPage {@code first-page}: number of the first page for page-number, default 1
 */
public record PaginatorConfig(String type, String parameter, String pointer, Integer firstPage) {}
