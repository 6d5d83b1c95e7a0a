package io.syncline.http;

/** Argument checks shared by the configuration types. */
final class Names {
  private Names() {}

  static String require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  static String requirePointer(String pointer) {
    if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
      throw new IllegalArgumentException("not a JSON pointer: '" + pointer
          + "' (use \"\" for the whole body or a path such as \"/data\")");
    }
    return pointer;
  }
}
