package io.syncline.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code payload_hash} column: SHA-256 of the payload's UTF-8 text, in hex. Lets a write tell
 * unchanged records from changed ones without reading stored payloads back (they may be megabytes).
 */
public final class PayloadHash {
  private PayloadHash() {}

  /**
   * Hashes a payload.
   *
   * @param json the payload text
   * @return 64 lowercase hex digits
   */
  public static String of(String json) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
