package io.syncline.examples.server;

import java.nio.charset.StandardCharsets;

/**
 * A record with its JSON bytes, rendered once when the record is created or changed so listings
 * only copy bytes.
 *
 * @param entity the record
 * @param json its JSON object as UTF-8
 */
record Row(Entity entity, byte[] json) {

  static Row of(Entity entity) {
    StringBuilder sb = new StringBuilder(256);
    entity.appendJson(sb);
    return new Row(entity, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  long id() {
    return entity.id();
  }

  long updatedAt() {
    return entity.updatedAt();
  }

  long createdAt() {
    return entity.createdAt();
  }
}
