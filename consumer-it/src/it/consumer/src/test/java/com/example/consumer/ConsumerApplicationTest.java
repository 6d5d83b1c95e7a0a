package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.syncline.SyncEngine;
import io.syncline.SyncResult;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class ConsumerApplicationTest {
  private static final long ITEMS = 57;

  /** A loopback API with the default listing convention for id-only records: since_id, per_page, data, meta.has_more. */
  private static HttpServer api() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/items", ex -> {
      String q = ex.getRequestURI().getQuery();
      long since = 0;
      int perPage = 100;
      for (String p : q == null ? new String[0] : q.split("&")) {
        String[] kv = p.split("=", 2);
        if (kv[0].equals("since_id")) {
          since = Long.parseLong(kv[1]);
        } else if (kv[0].equals("per_page")) {
          perPage = Integer.parseInt(kv[1]);
        }
      }
      long from = since + 1;
      long to = Math.min(ITEMS, since + perPage);
      String data = LongStream.rangeClosed(from, to)
          .mapToObj(id -> "{\"id\":" + id + ",\"updated_at\":\"2026-01-01T00:00:" + String.format("%02d", id % 60)
              + ".000Z\"}")
          .collect(Collectors.joining(","));
      byte[] body = ("{\"data\":[" + data + "],\"meta\":{\"has_more\":" + (to < ITEMS) + "}}")
          .getBytes(StandardCharsets.UTF_8);
      int status = "Bearer consumer-token".equals(ex.getRequestHeaders().getFirst("Authorization")) ? 200 : 401;
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  @Test
  void theStarterSyncsTheApiIntoTheApplicationsDatabase() throws Exception {
    HttpServer server = api();
    try (ConfigurableApplicationContext ctx = SpringApplication.run(ConsumerApplication.class,
        "--items-api-url=http://127.0.0.1:" + server.getAddress().getPort(),
        "--ITEMS_TOKEN=consumer-token",
        "--spring.datasource.url=jdbc:h2:mem:consumer;DB_CLOSE_DELAY=-1")) {
      List<SyncResult> results = ctx.getBean(SyncEngine.class).syncAll();

      assertEquals(1, results.size());
      assertTrue(results.get(0).succeeded(), results.toString());
      assertEquals(ITEMS, results.get(0).inserted());
      assertEquals(ITEMS, ctx.getBean(JdbcTemplate.class)
          .queryForObject("select count(*) from sync_record where resource = 'items'", Long.class));
    } finally {
      server.stop(0);
    }
  }
}
