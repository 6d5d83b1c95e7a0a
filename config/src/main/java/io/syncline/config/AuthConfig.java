package io.syncline.config;

/**
 * How requests authenticate (key {@code api.auth}). The token itself is never in the
 * configuration: it is read from an environment variable when the source is built. Immutable and
 * thread-safe.
 *
 * @param type {@code type}: {@code bearer} (the default; {@code Authorization: Bearer <token>},
 *     sent only to the base URL's origin) or {@code none}
 * @param tokenEnv {@code token-env}: the environment variable holding the token, such as
 *     {@code SYNCLINE_TOKEN}; required for {@code bearer}
 */
public record AuthConfig(String type, String tokenEnv) {}
