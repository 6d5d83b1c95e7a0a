package io.syncline.config;

/**
 * How a resource's records say they are deleted (key {@code soft-delete} of a resource), one of
 * {@code {field: deleted_at, when: present}}, {@code {field: deleted, when: true}} or
 * {@code {field: status, equals: deleted}}; see {@link io.syncline.SoftDelete}. Immutable and
 * thread-safe.
 *
 * @param field {@code field}: the top-level field of the record (required)
 * @param when {@code when}: {@code present} (the field is present and not null; a timestamp value
 *     is the deletion time) or {@code true} (the field is {@code true} or {@code "true"})
 * @param equals {@code equals}: the value meaning "deleted", instead of {@code when}
 */
public record SoftDeleteConfig(String field, String when, String equals) {}
