package io.syncline.examples.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.syncline.spi.StoredRecord;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates orders one at a time, reading only the fields it needs from each record's JSON with
 * a streaming parser, so memory does not grow with the number of orders. Not thread-safe: one
 * tally per pass.
 */
final class OrderTally {

  static final String[] STATUSES = {"open", "scheduled", "in_progress", "done", "cancelled"};
  static final Set<String> OPEN = Set.of("open", "scheduled", "in_progress");
  static final int DAYS = 30;

  private final JsonFactory json;
  private final ZoneId zone;
  private final LocalDate firstDay;
  private final LocalDate today;
  private final Map<String, Long> byStatus = new HashMap<>();
  private final Map<Long, Long> openPerTechnician = new HashMap<>();
  private final long[] perDay = new long[DAYS];
  private long unassigned;
  private long orders;

  OrderTally(JsonFactory json, ZoneId zone, LocalDate today) {
    this.json = json;
    this.zone = zone;
    this.today = today;
    this.firstDay = today.minusDays(DAYS - 1L);
  }

  void add(StoredRecord rec) {
    String status = null;
    Long technician = null;
    String createdAt = null;
    try (JsonParser p = json.createParser(rec.json())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw invalid(rec, "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "status" -> status = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "technician_id" -> technician = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
          case "created_at" -> createdAt = value == JsonToken.VALUE_STRING ? p.getText() : null;
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw invalid(rec, e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
    }
    orders++;
    if (status != null) {
      byStatus.merge(status, 1L, Long::sum);
      if (OPEN.contains(status)) {
        if (technician == null) {
          unassigned++;
        } else {
          openPerTechnician.merge(technician, 1L, Long::sum);
        }
      }
    }
    if (createdAt != null) {
      try {
        LocalDate day = Instant.parse(createdAt).atZone(zone).toLocalDate();
        if (!day.isBefore(firstDay) && !day.isAfter(today)) {
          perDay[(int) (day.toEpochDay() - firstDay.toEpochDay())]++;
        }
      } catch (DateTimeException e) {
        throw invalid(rec, "created_at '" + createdAt + "' is not an ISO-8601 instant");
      }
    }
  }

  OrderDashboard result() {
    Map<String, Long> statuses = new LinkedHashMap<>();
    for (String s : STATUSES) {
      statuses.put(s, byStatus.getOrDefault(s, 0L));
    }
    new TreeMap<>(byStatus).forEach(statuses::putIfAbsent);
    TreeMap<LocalDate, Long> days = new TreeMap<>();
    for (int i = 0; i < DAYS; i++) {
      days.put(firstDay.plusDays(i), perDay[i]);
    }
    return new OrderDashboard(orders, statuses, new OpenOrders(new TreeMap<>(openPerTechnician), unassigned), days);
  }

  private static IllegalStateException invalid(StoredRecord rec, String why) {
    return new IllegalStateException("Order " + rec.id() + " in the local store cannot be read (" + why
        + "); the store holds what the API sent, so check the API's response for this order");
  }
}
