package io.syncline.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain java.net.http client for the tests: real requests against a real server. */
final class ApiClient {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;
  private final String token;

  ApiClient(FieldServiceServer server) {
    this(server.baseUrl(), FieldServiceServer.Builder.DEFAULT_TOKEN);
  }

  ApiClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** A response with its body read as text and, when it is JSON, parsed. */
  record Response(int status, HttpResponse<byte[]> raw) {
    String body() {
      return new String(raw.body(), StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(raw.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    List<JsonNode> data() {
      List<JsonNode> out = new ArrayList<>();
      json().get("data").forEach(out::add);
      return out;
    }

    JsonNode meta() {
      return json().get("meta");
    }
  }

  Response get(String pathAndQuery) {
    return send(request(pathAndQuery).header("Authorization", "Bearer " + token).GET().build());
  }

  Response getWithAuthorization(String pathAndQuery, String authorization) {
    HttpRequest.Builder b = request(pathAndQuery).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  Response post(String pathAndQuery) {
    return send(request(pathAndQuery).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  HttpResponse<byte[]> sendRaw(String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(request(pathAndQuery).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Pages through a listing with the given filters and returns every record, checking meta on the way. */
  List<JsonNode> all(String resource, String filters, int perPage) {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      Response r = get("/v1/" + resource + "?per_page=" + perPage + "&page=" + page
          + (filters.isEmpty() ? "" : "&" + filters));
      if (r.status() != 200) {
        throw new AssertionError("page " + page + " answered " + r.status() + ": " + r.body());
      }
      List<JsonNode> data = r.data();
      out.addAll(data);
      if (!r.meta().get("has_more").asBoolean()) {
        return out;
      }
      if (data.isEmpty()) {
        throw new AssertionError("has_more with an empty page " + page);
      }
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  private static Response send(HttpRequest req) {
    try {
      HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
