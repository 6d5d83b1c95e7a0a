package io.syncline.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's launcher script, {@code examples/bin/syncline}, as part 6 runs it: where it is (the
 * system property {@code syncline.launcher}, else {@code examples/bin/syncline} under the working
 * directory or its parent) and the JVM options it starts the CLI with, read from its
 * {@code SYNCLINE_DEFAULT_JAVA_OPTS} line so the job can be given the very same ones.
 *
 * @param script the script
 * @param defaultJavaOptions the JVM options the script passes before the operator's
 */
public record Launcher(Path script, List<String> defaultJavaOptions) {
  private static final Pattern DEFAULTS = Pattern.compile("(?m)^SYNCLINE_DEFAULT_JAVA_OPTS=\"([^\"]*)\"$");

  /** @return the launcher, or empty when neither place holds it (the benchmarks jar run elsewhere) */
  public static Optional<Launcher> find() {
    String property = System.getProperty("syncline.launcher");
    List<Path> candidates = property != null ? List.of(Path.of(property))
        : List.of(Path.of("examples", "bin", "syncline"), Path.of("..", "examples", "bin", "syncline"));
    return candidates.stream().filter(Files::isRegularFile).findFirst().map(Launcher::read);
  }

  private static Launcher read(Path script) {
    try {
      Matcher m = DEFAULTS.matcher(Files.readString(script));
      if (!m.find()) {
        throw new IllegalStateException(script + " has no SYNCLINE_DEFAULT_JAVA_OPTS=\"…\" line");
      }
      List<String> options = Arrays.stream(m.group(1).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
      return new Launcher(script.toAbsolutePath().normalize(), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
