package io.syncline.config;

import java.util.Optional;

/**
 * A configuration that cannot be used: the message names the source (a file, or the Spring
 * properties), the key, and what is allowed, such as
 * {@code syncline.yml: resources.orders.page-size: must be 1..100000, was 0}. Never quotes a token.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String key;

  /**
   * Creates the exception.
   *
   * @param source where the configuration came from, such as the file's path
   * @param key the full key of the offending value, or null when the whole source is unusable
   * @param problem what is wrong and what is allowed
   * @param cause the underlying failure, or null
   */
  public ConfigException(String source, String key, String problem, Throwable cause) {
    super(source + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem, cause);
    this.source = source;
    this.key = key;
  }

  /** @return where the configuration came from */
  public String source() {
    return source;
  }

  /** @return the offending key, if the problem is with one key */
  public Optional<String> key() {
    return Optional.ofNullable(key).filter(k -> !k.isEmpty());
  }
}
