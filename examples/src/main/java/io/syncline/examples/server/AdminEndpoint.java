package io.syncline.examples.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The token-guarded {@code /admin} endpoints that change a running server over HTTP, for demos
 * driven from another process:
 * <ul>
 *   <li>{@code POST /admin/mutate?resource=orders&count=50} or {@code &ids=1,2,3}: update records
 *       ({@code resource} defaults to orders, {@code count} to 1)
 *   <li>{@code POST /admin/create?resource=orders&count=5}: create records
 *   <li>{@code POST /admin/delete?resource=orders&id=7}: delete a record
 *   <li>{@code POST /admin/faults?fail=2&status=503}, {@code ?cut=1}, {@code ?delay_ms=200},
 *       {@code ?clear=true}: inject faults
 *   <li>{@code GET /admin/stats}: the counters
 * </ul>
 */
final class AdminEndpoint {

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param body the JSON body
   */
  record Answer(int status, byte[] body) {
    static Answer ok(String json) {
      return new Answer(200, json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final FieldServiceServer server;
  private final Faults faults;

  AdminEndpoint(FieldServiceServer server, Faults faults) {
    this.server = server;
    this.faults = faults;
  }

  Answer handle(String method, String action, String rawQuery) {
    try {
      Map<String, String> p = QueryString.parse(rawQuery);
      if (action.equals("stats")) {
        if (!method.equals("GET")) {
          return new Answer(405, Json.error("use GET for /admin/stats"));
        }
        ServerStats s = server.stats();
        return Answer.ok("{\"requests\":" + s.requests() + ",\"records\":" + s.records() + ",\"bytes\":"
            + s.bytes() + ",\"rate_limited\":" + s.rateLimited() + ",\"faults\":" + s.faults() + ",\"not_modified\":"
            + s.notModified() + "}");
      }
      if (!List.of("mutate", "create", "delete", "faults").contains(action)) {
        return new Answer(404, Json.error("not found"));
      }
      if (!method.equals("POST")) {
        return new Answer(405, Json.error("use POST for /admin/" + action));
      }
      return switch (action) {
        case "mutate" -> {
          ApiResource r = resource(p);
          List<Long> ids;
          if (p.containsKey("ids")) {
            long[] given = parseIds(p.get("ids"));
            server.update(r, given);
            ids = java.util.Arrays.stream(given).boxed().toList();
          } else {
            ids = server.updateRandom(r, count(p));
          }
          yield Answer.ok("{\"updated\":" + list(ids) + "}");
        }
        case "create" -> Answer.ok("{\"created\":" + list(server.create(resource(p), count(p))) + "}");
        case "delete" -> Answer.ok("{\"deleted\":" + server.delete(resource(p), number(p, "id")) + "}");
        default -> faults(p);
      };
    } catch (BadRequestException | IllegalArgumentException e) {
      return new Answer(400, Json.error(e.getMessage()));
    }
  }

  private Answer faults(Map<String, String> p) {
    if (p.containsKey("clear")) {
      faults.clear();
    }
    if (p.containsKey("fail")) {
      faults.failNext((int) number(p, "fail"), p.containsKey("status") ? (int) number(p, "status") : 503);
    }
    if (p.containsKey("cut")) {
      faults.cutNext((int) number(p, "cut"));
    }
    if (p.containsKey("delay_ms")) {
      faults.delay(Duration.ofMillis(number(p, "delay_ms")));
    }
    return Answer.ok("{\"faults\":" + Json.string(new StringBuilder(), faults.toString()) + "}");
  }

  private static ApiResource resource(Map<String, String> p) {
    String name = p.getOrDefault("resource", ApiResource.ORDERS.path());
    return ApiResource.fromPath(name).orElseThrow(() -> new BadRequestException(
        "unknown resource '" + ListingQuery.printable(name) + "': use orders, equipments or technicians"));
  }

  private static int count(Map<String, String> p) {
    if (!p.containsKey("count")) {
      return 1;
    }
    long n = number(p, "count");
    if (n < 1 || n > 1_000_000) {
      throw new BadRequestException("count must be 1..1000000: " + n);
    }
    return (int) n;
  }

  private static long number(Map<String, String> p, String name) {
    String v = p.get(name);
    try {
      return Long.parseLong(v == null ? "" : v);
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be an integer: '" + ListingQuery.printable(String.valueOf(v)) + "'");
    }
  }

  private static long[] parseIds(String csv) {
    try {
      return java.util.Arrays.stream(csv.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    } catch (NumberFormatException e) {
      throw new BadRequestException("ids must be a comma-separated list of integers");
    }
  }

  private static String list(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }
}
