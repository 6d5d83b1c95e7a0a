package io.syncline.http.internal;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A response read whole: status, headers, body bytes, and the URL that answered (after redirects).
 *
 * @param status the status
 * @param headers the headers
 * @param body the body, empty for none
 * @param uri the URL that answered
 */
record Response(int status, HttpHeaders headers, byte[] body, URI uri) {}
