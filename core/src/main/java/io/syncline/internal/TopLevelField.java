package io.syncline.internal;

import java.util.Optional;

/**
 * Reads one top-level field of a JSON object's text without a JSON library (core depends on the
 * JDK only): nested objects and arrays are skipped, scalars are returned as text (strings
 * unescaped, numbers and {@code true}/{@code false} as written). Not API. Stateless and thread-safe.
 */
public final class TopLevelField {
  private final String json;
  private int pos;

  private TopLevelField(String json) {
    this.json = json;
  }

  /**
   * The scalar value of a top-level field.
   *
   * @param json a JSON object's text
   * @param field the field's name
   * @return the value's text; empty when the field is absent, {@code null}, an object or an array,
   *     or the text is not a JSON object
   */
  public static Optional<String> value(String json, String field) {
    try {
      return new TopLevelField(json).find(field);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<String> find(String field) {
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      return Optional.empty();
    }
    while (true) {
      skipSpace();
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      char c = peek();
      Optional<String> found;
      if (c == '"') {
        found = Optional.of(string());
      } else if (c == '{' || c == '[') {
        skipNested();
        found = Optional.empty();
      } else {
        int start = pos;
        while (pos < json.length() && ",} \t\r\n".indexOf(json.charAt(pos)) < 0) {
          pos++;
        }
        String literal = json.substring(start, pos);
        found = literal.equals("null") ? Optional.empty() : Optional.of(literal);
      }
      if (name.equals(field)) {
        return found;
      }
      skipSpace();
      if (peek() == '}') {
        return Optional.empty();
      }
      expect(',');
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = json.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = json.charAt(pos++);
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(json.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> sb.append(e);
      }
    }
  }

  private void skipNested() {
    int depth = 0;
    do {
      char c = peek();
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      pos++;
    } while (depth > 0);
  }

  private void skipSpace() {
    while (pos < json.length() && Character.isWhitespace(json.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    return json.charAt(pos);
  }

  private void expect(char c) {
    if (json.charAt(pos) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + pos);
    }
    pos++;
  }
}
