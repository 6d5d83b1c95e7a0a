package io.syncline.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The token a page hands back to the engine, as compact JSON.
 *
 * @param kind {@code run} (keyset inside a run of equal timestamps) or the paginator's kind
 * @param next the next page number, offset, token or URL; for {@code run}, the run's instant
 * @param basis the encoded cursor the run's filters were derived from, for non-keyset paginators
 * @param seen hashes of the tokens or URLs already followed (the latest 32), to detect loops
 * @param lap the state of the lap a positional listing is read in ({@link ListingWatch}), if watched
 */
record Continuation(String kind, String next, Optional<String> basis, List<String> seen,
    Optional<ListingWatch.Lap> lap) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SEEN = 32;

  /** A continuation without a lap. */
  Continuation(String kind, String next, Optional<String> basis, List<String> seen) {
    this(kind, next, basis, seen, Optional.empty());
  }

  /** @return a copy in the given lap */
  Continuation inLap(Optional<ListingWatch.Lap> l) {
    return new Continuation(kind, next, basis, seen, l);
  }

  String encode() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("k", kind);
    m.put("n", next);
    basis.ifPresent(b -> m.put("b", b));
    if (!seen.isEmpty()) {
      m.put("s", seen);
    }
    lap.ifPresent(l -> m.put("l", l.encode()));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Optional<Continuation> decode(String text) {
    try {
      Map<String, Object> m = JSON.readValue(text, Map.class);
      Object k = m.get("k");
      Object n = m.get("n");
      if (!(k instanceof String) || !(n instanceof String)) {
        return Optional.empty();
      }
      Object b = m.get("b");
      Object s = m.get("s");
      List<String> seen = new ArrayList<>();
      if (s instanceof List<?> l) {
        l.forEach(x -> seen.add(String.valueOf(x)));
      }
      return Optional.of(new Continuation((String) k, (String) n,
          b instanceof String bs ? Optional.of(bs) : Optional.empty(), seen, ListingWatch.Lap.decode(m.get("l"))));
    } catch (JsonProcessingException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** A copy that remembers one more followed token. */
  Continuation following(String kind, String token) {
    List<String> s = new ArrayList<>(seen);
    s.add(hash(next));
    while (s.size() > SEEN) {
      s.remove(0);
    }
    return new Continuation(kind, token, basis, s, lap);
  }

  boolean hasSeen(String token) {
    return token.equals(next) || seen.contains(hash(token));
  }

  static String hash(String token) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
