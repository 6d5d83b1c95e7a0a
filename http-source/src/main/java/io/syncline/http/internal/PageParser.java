package io.syncline.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.syncline.InvalidRecordException;
import io.syncline.Resource;
import io.syncline.http.TimestampFormat;
import io.syncline.spi.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one page body with Jackson's streaming parser: the records array at a JSON pointer, each
 * record's exact text (sliced from the body's bytes, so unknown fields and number formats are
 * kept), its id and timestamp, and a few scalar values elsewhere in the body ({@code has_more},
 * {@code total}, a next-page token). A body that ends early is transient (the connection was cut);
 * other bad input fails with {@link InvalidRecordException}. Thread-safe. Not API.
 */
final class PageParser {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** What one body held. */
  record Parsed(List<SourceRecord> records, Map<String, String> values) {
    Optional<String> value(Optional<String> pointer) {
      return pointer.map(values::get);
    }
  }

  private PageParser() {}

  /**
   * Parses a body.
   *
   * @param body the body's bytes
   * @param resource the resource (id and cursor field)
   * @param page the page number, for messages
   * @param recordsPointer where the records array is
   * @param scalars pointers of scalar values to capture
   * @param timestamps how record timestamps are written
   * @return the records and values
   * @throws TransientBodyException when the body ends before its JSON does
   */
  static Parsed parse(byte[] body, Resource resource, long page, String recordsPointer, Set<String> scalars,
      TimestampFormat timestamps) throws TransientBodyException {
    Walk w = new Walk(body, resource, page, recordsPointer, scalars, timestamps);
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() == null) {
        throw new TransientBodyException("the response body was empty", null);
      }
      w.value(p, "");
      if (p.nextToken() != null) {
        throw w.invalid("body", null, "unexpected content after the JSON document", null);
      }
    } catch (JsonProcessingException e) {
      if (!(e instanceof JsonEOFException) && (e.getLocation() == null || e.getLocation().getByteOffset() < body.length)) {
        throw w.invalid("body", null, "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr() + ": " + clip(e.getOriginalMessage()), e);
      }
      throw new TransientBodyException("the response body ended mid-JSON after " + body.length
          + " bytes (connection cut?)", e);
    } catch (IOException e) {
      throw w.invalid("body", null, "unreadable body: " + clip(e.getMessage()), e);
    }
    if (w.records == null) {
      throw w.invalid("body", null, "no records array at JSON pointer '" + recordsPointer
          + "'; check the endpoint's records pointer", null);
    }
    return new Parsed(w.records, w.values);
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("[\\r\\n]+", " ");
    return one.length() > 160 ? one.substring(0, 160) + "…" : one;
  }

  /** State of one parse. */
  private static final class Walk {
    final byte[] body;
    final Resource resource;
    final long page;
    final String recordsPointer;
    final Set<String> scalars;
    final TimestampFormat timestamps;
    List<SourceRecord> records;
    final Map<String, String> values = new HashMap<>();

    Walk(byte[] body, Resource resource, long page, String recordsPointer, Set<String> scalars,
        TimestampFormat timestamps) {
      this.body = body;
      this.resource = resource;
      this.page = page;
      this.recordsPointer = recordsPointer;
      this.scalars = scalars;
      this.timestamps = timestamps;
    }

    InvalidRecordException invalid(String field, String id, String problem, Throwable cause) {
      return new InvalidRecordException(resource.name(), page, field, id, problem, cause);
    }

    private boolean interesting(String path) {
      if (recordsPointer.equals(path) || recordsPointer.startsWith(path + "/") || path.isEmpty()) {
        return true;
      }
      for (String s : scalars) {
        if (s.equals(path) || s.startsWith(path + "/")) {
          return true;
        }
      }
      return false;
    }

    /** Handles the value at the current token, whose JSON pointer is {@code path}. */
    void value(JsonParser p, String path) throws IOException {
      JsonToken t = p.currentToken();
      if (path.equals(recordsPointer) && records == null) {
        if (t != JsonToken.START_ARRAY) {
          throw invalid("body", null, "expected an array of records at JSON pointer '" + path + "' but found "
              + t, null);
        }
        readRecords(p);
        return;
      }
      if (!interesting(path)) {
        p.skipChildren();
        return;
      }
      if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          value(p, path + "/" + name.replace("~", "~0").replace("/", "~1"));
        }
      } else if (t == JsonToken.START_ARRAY) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          value(p, path + "/" + i++);
        }
      } else if (scalars.contains(path) && t != JsonToken.VALUE_NULL) {
        values.put(path, p.getText());
      }
    }

    private void readRecords(JsonParser p) throws IOException {
      records = new ArrayList<>();
      String idField = resource.idField();
      Optional<String> cursorField = resource.cursorField();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw invalid("body", null, "record " + (records.size() + 1) + " is " + p.currentToken()
              + ", not a JSON object", null);
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        String id = null;
        String ts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if (name.equals(idField)) {
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING) {
              id = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              p.skipChildren();
              throw invalid(idField, null, "record " + (records.size() + 1) + " has a " + v
                  + " id; ids must be integers or strings", null);
            }
          } else if (cursorField.isPresent() && name.equals(cursorField.get())) {
            if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
              ts = p.getText();
            } else {
              p.skipChildren();
            }
          } else {
            p.skipChildren();
          }
        }
        int end = (int) p.currentLocation().getByteOffset();
        if (id == null || id.isEmpty()) {
          throw invalid(idField, null, "record " + (records.size() + 1) + " of the page has no id", null);
        }
        String json = new String(body, start, end - start, StandardCharsets.UTF_8);
        if (cursorField.isEmpty()) {
          records.add(SourceRecord.withoutTimestamp(id, json));
          continue;
        }
        if (ts == null) {
          throw invalid(cursorField.get(), id, "missing or null; every record of a timestamped resource needs it", null);
        }
        Instant at;
        try {
          at = timestamps.parse(ts);
        } catch (IllegalArgumentException e) {
          throw invalid(cursorField.get(), id, "unparsable timestamp: " + e.getMessage(), e);
        }
        records.add(SourceRecord.of(id, at, json));
      }
    }
  }
}
