package io.syncline.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a {@link SynclineConfig} from YAML (or JSON, a subset of YAML). Keys are kebab-case, as in
 * Spring properties; the file's root holds {@code api} and {@code resources}, or a single
 * {@code syncline} key holding them (so a Spring Boot {@code application.yml} can be read too).
 * An unknown key, a duplicate key or a value of the wrong type is a {@link ConfigException}
 * naming the file, the key, its line and what is allowed. Stateless and thread-safe.
 */
public final class ConfigFiles {
  private static final ObjectMapper YAML = JsonMapper.builder(YAMLFactory.builder().build())
      .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ConfigFiles() {}

  /**
   * Reads and checks the syntax of a configuration file (values are checked by
   * {@link SyncDefinition#of}).
   *
   * @param file the file
   * @return the configuration
   * @throws ConfigException when the file cannot be read or has unknown keys or wrong types
   */
  public static SynclineConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), null, "no such file", null);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), null, "cannot be read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Reads a configuration from text.
   *
   * @param yaml the YAML text
   * @param source what to call the text in messages, such as its file name
   * @return the configuration
   * @throws ConfigException when the text has unknown keys or wrong types
   */
  public static SynclineConfig parse(String yaml, String source) {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new ConfigException(source, null, "is empty; it needs 'api' and 'resources'", null);
      }
      String prefix = "";
      if (root.isObject() && root.size() == 1 && root.has("syncline")) {
        root = root.get("syncline");
        prefix = "syncline.";
      }
      if (!root.isObject()) {
        throw new ConfigException(source, null, "must be a mapping with 'api' and 'resources'", null);
      }
      try {
        return YAML.treeToValue(root, SynclineConfig.class);
      } catch (JsonMappingException e) {
        throw translate(e, source, prefix, yaml);
      }
    } catch (JsonMappingException e) {
      throw translate(e, source, "", yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, null, "is not valid YAML: " + e.getOriginalMessage()
          + at(e.getLocation()), null);
    }
  }

  private static ConfigException translate(JsonMappingException e, String source, String prefix, String yaml) {
    String key = prefix + path(e);
    if (e instanceof UnrecognizedPropertyException u) {
      String parent = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
      String hint = u.getPropertyName().equals("token")
          ? "; a token never goes in the file: name its environment variable with 'token-env'" : "";
      return new ConfigException(source, key, "unknown key" + hint + "; allowed "
          + (parent.isEmpty() ? "at the top" : "under " + parent) + ": " + allowed(u.getKnownPropertyIds())
          + line(yaml, u.getPropertyName()), null);
    }
    if (e instanceof InvalidFormatException f) {
      return new ConfigException(source, key, "'" + f.getValue() + "' is not " + article(f.getTargetType()), null);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return new ConfigException(source, key, "expected " + article(m.getTargetType()), null);
    }
    return new ConfigException(source, key, e.getOriginalMessage(), null);
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      String part = r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]";
      if (b.length() > 0 && !part.startsWith("[")) {
        b.append('.');
      }
      b.append(part);
    }
    return b.toString();
  }

  private static String allowed(Collection<Object> ids) {
    return ids == null ? "?" : ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new))
        .stream().collect(Collectors.joining(", "));
  }

  private static String line(String yaml, String key) {
    String[] lines = yaml.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].trim().startsWith(key + ":") || lines[i].contains(" " + key + ":") || lines[i].contains("{" + key + ":")) {
        return " (line " + (i + 1) + ")";
      }
    }
    return "";
  }

  private static String at(JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ")";
  }

  private static final Map<Class<?>, String> TYPES = Map.of(
      Integer.class, "a whole number", Long.class, "a whole number", Double.class, "a number",
      Boolean.class, "true or false", String.class, "a text value", Map.class, "a mapping");

  private static String article(Class<?> type) {
    Function<Class<?>, String> name = t -> {
      if (Map.class.isAssignableFrom(t) || t.isRecord()) {
        return "a mapping";
      }
      if (Collection.class.isAssignableFrom(t)) {
        return "a list";
      }
      return TYPES.getOrDefault(t, t.getSimpleName());
    };
    return name.apply(type);
  }
}
