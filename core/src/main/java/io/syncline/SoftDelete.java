package io.syncline;

import io.syncline.internal.TopLevelField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How a resource's records say they are deleted (soft deletion): a top-level field of the record.
 * A record that matches is stored and at once marked deleted (counted in
 * {@link SyncResult#deleted()}); a later version that no longer matches makes it live again, as
 * a newer version always wins. Default {@link #NONE}: no record is taken for deleted.
 *
 * <p>The deletion time is the field's time for {@link #whenPresent} (when it reads as an ISO-8601
 * instant or offset date-time), otherwise the record's {@code updated_at} (or the fetch time for
 * records without one); never earlier than the record's {@code updated_at}, since a store marks
 * only versions not newer than the deletion. Immutable and thread-safe.
 */
public final class SoftDelete {
  private enum Kind { NONE, PRESENT, EQUALS, TRUE }

  /** No soft-delete field: records are live whatever they hold. */
  public static final SoftDelete NONE = new SoftDelete(Kind.NONE, null, null);

  private final Kind kind;
  private final String field;
  private final String value;

  private SoftDelete(Kind kind, String field, String value) {
    this.kind = kind;
    this.field = field;
    this.value = value;
  }

  /**
   * Records whose field is present and not {@code null} are deleted, e.g. {@code deleted_at}; a
   * timestamp value becomes the deletion time.
   *
   * @param field the top-level field's name
   * @return the policy
   */
  public static SoftDelete whenPresent(String field) {
    return new SoftDelete(Kind.PRESENT, requireField(field), null);
  }

  /**
   * Records whose field equals a value are deleted, e.g. {@code status} = {@code deleted}. A
   * string is compared unescaped; a number or boolean as written.
   *
   * @param field the top-level field's name
   * @param value the value meaning "deleted"
   * @return the policy
   */
  public static SoftDelete whenEquals(String field, String value) {
    return new SoftDelete(Kind.EQUALS, requireField(field), Objects.requireNonNull(value, "value"));
  }

  /**
   * Records whose field is JSON {@code true} (or the string {@code "true"}) are deleted, e.g.
   * {@code deleted: true}.
   *
   * @param field the top-level field's name
   * @return the policy
   */
  public static SoftDelete whenTrue(String field) {
    return new SoftDelete(Kind.TRUE, requireField(field), null);
  }

  /** @return the field read, empty for {@link #NONE} */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /**
   * Whether a record is deleted and when.
   *
   * @param json the record's JSON text
   * @param updatedAt the record's {@code updated_at}, if it has one
   * @param otherwise the deletion time of a record with neither a timestamp field value nor an
   *     {@code updated_at} (the engine passes the fetch time)
   * @return the deletion time, empty when the record is live
   */
  public Optional<Instant> deletedAt(String json, Optional<Instant> updatedAt, Instant otherwise) {
    if (kind == Kind.NONE) {
      return Optional.empty();
    }
    Optional<String> v = TopLevelField.value(json, field);
    boolean deleted = switch (kind) {
      case PRESENT -> v.isPresent();
      case EQUALS -> v.filter(value::equals).isPresent();
      case TRUE -> v.filter("true"::equals).isPresent();
      case NONE -> false;
    };
    if (!deleted) {
      return Optional.empty();
    }
    Instant base = updatedAt.orElse(otherwise);
    Instant at = kind == Kind.PRESENT ? v.flatMap(SoftDelete::instant).orElse(base) : base;
    return Optional.of(updatedAt.filter(at::isBefore).orElse(at));
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static String requireField(String field) {
    if (field == null || field.isBlank()) {
      throw new IllegalArgumentException("soft-delete field must not be blank");
    }
    return field;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftDelete s && kind == s.kind && Objects.equals(field, s.field)
        && Objects.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, field, value);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "SoftDelete[none]";
      case PRESENT -> "SoftDelete[" + field + " present]";
      case EQUALS -> "SoftDelete[" + field + " = " + value + "]";
      case TRUE -> "SoftDelete[" + field + " true]";
    };
  }
}
