package io.syncline.http.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.syncline.InvalidRecordException;
import io.syncline.InvalidRecords;
import io.syncline.Resource;
import io.syncline.http.TimestampFormat;
import io.syncline.spi.RejectedRecord;
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
 * {@code total}, a next-page token). A compressed body is decoded as a stream into the parser,
 * never inflated whole: only the parser's read-ahead and the record being read are kept, and the
 * decoded bytes are bounded (a compression bomb fails the page). A body that ends early, plain or
 * compressed, is transient (the connection was cut); other bad input fails with
 * {@link InvalidRecordException}. A record the resource cannot use (no id, an id that is not an
 * integer or a string, a timestamp missing or unparsable, an entry that is not an object) fails
 * the page too, unless the resource sets such records aside
 * ({@link io.syncline.InvalidRecords#SET_ASIDE}): the entry's exact text is then kept as a
 * {@link RejectedRecord} and the page goes on; a malformed body is never a record problem.
 * Thread-safe. Not API.
 */
final class PageParser {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** What one body held, and its size once decoded. */
  record Parsed(List<SourceRecord> records, Map<String, String> values, long decodedBytes,
      List<RejectedRecord> rejected, boolean lastEntryRejected) {
    Parsed(List<SourceRecord> records, Map<String, String> values) {
      this(records, values, 0, List.of(), false);
    }

    /** @return the entries of the records array: records and records set aside */
    int entries() {
      return records.size() + rejected.size();
    }

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
    Walk w = new Walk(new Text.Bytes(body), resource, page, recordsPointer, scalars, timestamps);
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() == null) {
        throw new TransientBodyException("the response body was empty", null);
      }
      w.value(p, "");
      if (p.nextToken() != null) {
        throw garbled(w, "unexpected content after the JSON document at byte offset "
            + p.currentLocation().getByteOffset(), null);
      }
    } catch (JsonProcessingException e) {
      if (!(e instanceof JsonEOFException) && (e.getLocation() == null || e.getLocation().getByteOffset() < body.length)) {
        throw malformed(w, e);
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
    return new Parsed(w.records, w.values, body.length, w.rejected, w.lastRejected);
  }

  /**
   * Parses a response's body, decoding its {@code Content-Encoding} on the way.
   *
   * @param headers the response's headers
   * @param wire the body as received
   * @param maxDecodedBytes the most decoded bytes read; more fails the page for good
   * @param resource the resource
   * @param page the page number, for messages
   * @param recordsPointer where the records array is
   * @param scalars pointers of scalar values to capture
   * @param timestamps how record timestamps are written
   * @return the records, values and decoded size
   * @throws TransientBodyException when the body, or its compressed stream, ends early
   * @throws PermanentFailure when the decoded body exceeds the limit, or its coding is unknown
   */
  static Parsed parse(java.net.http.HttpHeaders headers, byte[] wire, long maxDecodedBytes, Resource resource,
      long page, String recordsPointer, Set<String> scalars, TimestampFormat timestamps) throws TransientBodyException {
    String coding = ContentDecoding.of(headers);
    if (coding.equals("identity")) {
      if (wire.length > maxDecodedBytes) {
        throw tooLarge(maxDecodedBytes, wire.length, coding);
      }
      return parse(wire, resource, page, recordsPointer, scalars, timestamps);
    }
    if (wire.length == 0) {
      throw new TransientBodyException("the response body was empty", null);
    }
    SlidingInput in = null;
    try (java.io.InputStream decoded = ContentDecoding.open(coding, wire)) {
      in = new SlidingInput(decoded, maxDecodedBytes);
      Walk w = new Walk(new Text.Window(in), resource, page, recordsPointer, scalars, timestamps);
      try (JsonParser p = JSON.createParser(in)) {
        if (p.nextToken() == null) {
          throw new TransientBodyException("the " + coding + " response body decoded to nothing", null);
        }
        w.value(p, "");
        if (p.nextToken() != null) {
          throw garbled(w, "unexpected content after the JSON document at byte offset "
            + p.currentLocation().getByteOffset(), null);
        }
      } catch (JsonEOFException e) {
        throw new TransientBodyException("the " + coding + " response body ended mid-JSON after " + in.total()
            + " decoded bytes (connection cut?)", e);
      } catch (JsonProcessingException e) {
        throw malformed(w, e);
      }
      if (w.records == null) {
        throw w.invalid("body", null, "no records array at JSON pointer '" + recordsPointer
            + "'; check the endpoint's records pointer", null);
      }
      return new Parsed(w.records, w.values, in.total(), w.rejected, w.lastRejected);
    } catch (SlidingInput.TooLarge e) {
      throw tooLarge(maxDecodedBytes, wire.length, coding);
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw new TransientBodyException("the " + coding + " stream of the response body is cut or corrupt ("
          + clip(e.getMessage()) + ") after " + wire.length + " bytes on the wire" + (in == null ? "" : " and "
          + in.total() + " decoded") + "; the page was not used", e);
    } catch (TransientBodyException | InvalidRecordException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidRecordException(resource.name(), page, "body", null, "unreadable " + coding + " body: "
          + clip(e.getMessage()), e);
    }
  }

  /**
   * Garbled JSON: retried as transient (a proxy or a half-written buffer may have mangled it);
   * once the attempts run out the page fails as invalid input, naming where the JSON broke.
   */
  private static TransientBodyException malformed(Walk w, JsonProcessingException e) {
    com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
        + (at.getByteOffset() >= 0 ? " (byte offset " + at.getByteOffset() + ")" : "");
    return garbled(w, "malformed JSON" + where + ": " + clip(e.getOriginalMessage()), e);
  }

  private static TransientBodyException garbled(Walk w, String problem, Throwable cause) {
    return new TransientBodyException("the response body is garbled: " + problem, cause,
        w.invalid("body", null, problem, cause));
  }

  private static PermanentFailure tooLarge(long limit, long wire, String coding) {
    return new PermanentFailure("the response body is larger than " + limit + " bytes once decoded (" + wire
        + " bytes on the wire, Content-Encoding " + coding + "), the most read for one page; a compression bomb "
        + "or a page too large: lower the resource's page size or raise HttpRecordSource.Builder.maxPageBytes");
  }

  /** Where record text is sliced from: the whole body, or the window of a decoded stream. */
  private interface Text {
    String slice(long start, long end);

    void release(long upTo);

    /** A body held whole. */
    record Bytes(byte[] body) implements Text {
      @Override
      public String slice(long start, long end) {
        return new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8);
      }

      @Override
      public void release(long upTo) {}
    }

    /** A decoded stream's window. */
    record Window(SlidingInput in) implements Text {
      @Override
      public String slice(long start, long end) {
        return in.slice(start, end);
      }

      @Override
      public void release(long upTo) {
        in.release(upTo);
      }
    }
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
    final Text body;
    final Resource resource;
    final long page;
    final String recordsPointer;
    final Set<String> scalars;
    final TimestampFormat timestamps;
    List<SourceRecord> records;
    final List<RejectedRecord> rejected = new ArrayList<>();
    boolean lastRejected;
    final Map<String, String> values = new HashMap<>();

    Walk(Text body, Resource resource, long page, String recordsPointer, Set<String> scalars,
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
      body.release(p.currentTokenLocation().getByteOffset());
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
        int entry = records.size() + rejected.size() + 1;
        long start = p.currentTokenLocation().getByteOffset();
        body.release(start);
        if (p.currentToken() != JsonToken.START_OBJECT) {
          JsonToken t = p.currentToken();
          p.skipChildren();
          p.finishToken();
          setAsideOrFail("record", null, "record " + entry + " is " + t + ", not a JSON object", null, start,
              p.currentLocation().getByteOffset());
          continue;
        }
        String id = null;
        String ts = null;
        String badId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken v = p.nextToken();
          if (name.equals(idField)) {
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING) {
              id = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              p.skipChildren();
              badId = "record " + entry + " has a " + v + " id; ids must be integers or strings";
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
        long end = p.currentLocation().getByteOffset();
        if (badId != null) {
          setAsideOrFail(idField, null, badId, null, start, end);
          continue;
        }
        if (id == null || id.isEmpty()) {
          setAsideOrFail(idField, null, "record " + entry + " of the page has no id", null, start, end);
          continue;
        }
        if (cursorField.isEmpty() || ts == null) {
          // A timestamped resource's record without its timestamp is handed over as it is: the
          // engine fails the page or sets the record aside, naming resource, page, field and id
          // (RecordSource's contract).
          records.add(SourceRecord.withoutTimestamp(id, slice(start, end)));
          lastRejected = false;
          continue;
        }
        Instant at;
        try {
          at = timestamps.parse(ts);
        } catch (IllegalArgumentException e) {
          setAsideOrFail(cursorField.get(), id, "unparsable timestamp: " + e.getMessage(), e, start, end);
          continue;
        }
        records.add(SourceRecord.of(id, at, slice(start, end)));
        lastRejected = false;
      }
    }

    private String slice(long start, long end) {
      String json = body.slice(start, end);
      body.release(end);
      return json;
    }

    /**
     * A record the resource cannot use: kept aside with its exact text when the resource says so,
     * else the page fails (the message names the record's place and field, never its content).
     */
    private void setAsideOrFail(String field, String id, String problem, Throwable cause, long start, long end) {
      if (resource.invalidRecords() != InvalidRecords.SET_ASIDE) {
        throw invalid(field, id, problem, cause);
      }
      rejected.add(RejectedRecord.of(resource.name(), page, field, problem, id, slice(start, end)));
      lastRejected = true;
    }
  }
}
