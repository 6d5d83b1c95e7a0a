package io.syncline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Syncline's version, as the build wrote it into {@code io/syncline/syncline-version.properties}
 * (for example in the default {@code User-Agent} of the HTTP source). Thread-safe.
 */
public final class SynclineVersion {
  private static final String VERSION = load();

  private SynclineVersion() {}

  /** @return the version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when the resource is missing */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = SynclineVersion.class.getResourceAsStream("syncline-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "").trim();
        if (!v.isEmpty() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String manifest = SynclineVersion.class.getPackage().getImplementationVersion();
    return manifest == null || manifest.isBlank() ? "unknown" : manifest;
  }
}
