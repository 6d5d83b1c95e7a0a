package io.syncline.examples.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.syncline.Cursor;
import io.syncline.spi.Page;
import io.syncline.spi.PageRequest;
import io.syncline.spi.RecordSource;
import io.syncline.spi.SourceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deliberately small {@link RecordSource} over java.net.http for the field-service contract,
 * so the dashboard can be tested end to end against the real demo server before the
 * http-source module exists. Backfills page by keyset ({@code since_id}); incremental runs read
 * {@code sort=updated_at&updated_since=T} and page by number while T stays the same, so a run of
 * equal timestamps longer than a page is read through. No retries: a failure propagates.
 */
final class DemoApiSource implements RecordSource {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final JsonFactory JSON = new JsonFactory();

  private final URI base;
  private final String token;

  DemoApiSource(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  @Override
  public Page fetch(PageRequest req) {
    String path = "/v1/" + req.resource().name() + "?per_page=" + req.pageSize();
    Optional<String> next = Optional.empty();
    if (req.order() == PageRequest.Order.ID) {
      path += "&sort=id";
      if (req.after().isPresent()) {
        path += "&since_id=" + ((Cursor.IdOnly) req.after().get()).id();
      }
      if (req.range().isPresent()) {
        path += req.range().get().from().map(d -> "&created_from=" + d).orElse("")
            + req.range().get().to().map(d -> "&created_to=" + d).orElse("");
      }
    } else {
      Instant since = req.after().map(c -> ((Cursor.Timestamped) c).updatedAt()).orElse(Instant.EPOCH);
      long page = 1;
      if (req.continuation().isPresent()) {
        String[] token = req.continuation().get().split("\\|");
        page = Instant.parse(token[0]).equals(since) ? Long.parseLong(token[1]) + 1 : 1;
      }
      path += "&sort=updated_at&updated_since=" + since + "&page=" + page;
      next = Optional.of(since + "|" + page);
    }
    HttpResponse<byte[]> r;
    try {
      r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(req.resource().name() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(req.resource().name() + ": interrupted", e);
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(req.resource().name() + ": HTTP " + r.statusCode());
    }
    return parse(r.body(), req.resource().cursorField().isPresent(), next);
  }

  private static Page parse(byte[] body, boolean timestamped, Optional<String> continuation) {
    List<SourceRecord> records = new ArrayList<>();
    boolean hasMore = false;
    try (JsonParser p = JSON.createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (f.equals("data")) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            String id = null;
            Instant updated = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String k = p.currentName();
              p.nextToken();
              if (k.equals("id")) {
                id = p.getText();
              } else if (k.equals("updated_at")) {
                updated = Instant.parse(p.getText());
              } else {
                p.skipChildren();
              }
            }
            int end = (int) p.currentTokenLocation().getByteOffset() + 1;
            String json = new String(body, start, end - start, StandardCharsets.UTF_8);
            records.add(timestamped ? SourceRecord.of(id, updated, json) : SourceRecord.withoutTimestamp(id, json));
          }
        } else if (f.equals("meta")) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            if (k.equals("has_more")) {
              hasMore = p.getBooleanValue();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Page page = Page.of(records, hasMore);
    return continuation.map(page::withContinuation).orElse(page);
  }
}
