package io.syncline.internal;

import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import java.time.Instant;

/**
 * A page with the request that produced it and when it arrived (the engine's clock).
 *
 * @param request the request
 * @param page the source's answer
 * @param fetchedAt when it arrived
 */
record FetchedPage(PageRequest request, Page page, Instant fetchedAt) {}
