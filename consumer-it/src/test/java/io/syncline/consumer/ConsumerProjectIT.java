package io.syncline.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The published artifacts as a user gets them: the library modules, the BOM and the starter are
 * installed into a private local repository (third-party artifacts are linked in from the build's
 * own repository, so nothing is downloaded twice and other builds never see these snapshots), and
 * a Spring Boot project that names only {@code syncline-bom} and {@code syncline-spring-boot-starter}
 * is built and tested against it.
 */
class ConsumerProjectIT {
  private static final List<String> LIBRARIES =
      List.of("core", "jdbc-store", "http-source", "config", "micrometer", "spring-boot-starter");

  private static final Path ROOT = Path.of(System.getProperty("syncline.root")).toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("syncline.version");
  private static final Path WORK = Path.of(System.getProperty("syncline.work"));
  private static final Path REPO = WORK.resolve("repository");

  @BeforeAll
  static void installIntoAPrivateRepository() throws IOException {
    deleteRecursively(WORK);
    linkThirdPartyArtifacts(Path.of(System.getProperty("syncline.mavenRepository")), REPO);
    install("syncline-parent", ROOT.resolve("pom.xml"), null);
    install("syncline-bom", ROOT.resolve("bom/pom.xml"), null);
    for (String module : LIBRARIES) {
      String artifact = "syncline-" + module;
      install(artifact, ROOT.resolve(module).resolve("pom.xml"),
          ROOT.resolve(module).resolve("target").resolve(artifact + "-" + VERSION + ".jar"));
    }
  }

  /** The build's repository, every entry linked except io/syncline, which stays private. */
  private static void linkThirdPartyArtifacts(Path shared, Path repo) throws IOException {
    Files.createDirectories(repo.resolve("io"));
    try (Stream<Path> top = Files.list(shared)) {
      for (Path p : (Iterable<Path>) top::iterator) {
        if (!p.getFileName().toString().equals("io")) {
          Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
        }
      }
    }
    try (Stream<Path> io = Files.list(shared.resolve("io"))) {
      for (Path p : (Iterable<Path>) io::iterator) {
        if (!p.getFileName().toString().equals("syncline")) {
          Files.createSymbolicLink(repo.resolve("io").resolve(p.getFileName().toString()), p);
        }
      }
    }
  }

  private static void install(String artifact, Path pom, Path jar) throws IOException {
    Path dir = REPO.resolve("io/syncline").resolve(artifact).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertThat(jar).as("built by the reactor before this check").exists();
      Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : (Iterable<Path>) children::iterator) {
          deleteRecursively(c);
        }
      }
    }
    Files.delete(p); // a link is removed, never followed
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void everyLibraryJarHasAModuleNameASourcesJarAndAJavadocJar() throws IOException {
    for (String module : LIBRARIES) {
      Path target = ROOT.resolve(module).resolve("target");
      String base = "syncline-" + module + "-" + VERSION;
      try (JarFile jar = new JarFile(target.resolve(base + ".jar").toFile())) {
        assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
            .as(module).startsWith("io.syncline.");
      }
      assertThat(target.resolve(base + "-sources.jar")).as(module).exists();
      assertThat(target.resolve(base + "-javadoc.jar")).as(module).exists();
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aSpringBootProjectWithOnlyTheBomAndTheStarterCompilesAndSyncs() throws Exception {
    Path project = WORK.resolve("project");
    copyTree(Path.of(System.getProperty("syncline.consumer")), project);
    Path log = WORK.resolve("build.log");
    String mvn = Path.of(System.getProperty("syncline.mavenHome"), "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "--batch-mode", "--no-transfer-progress",
        "-Dmaven.repo.local=" + REPO, "-Dsyncline.version=" + VERSION, "test"));
    Process build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();

    boolean done = build.waitFor(9, TimeUnit.MINUTES);
    if (!done) {
      build.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(done).as("the consumer build finished; its log:%n%s", output).isTrue();
    assertThat(build.exitValue()).as("the consumer build; its log:%n%s", output).isZero();
    assertThat(output).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    try (InputStream in = Files.newInputStream(REPO.resolve("io/syncline/syncline-spring-boot-starter")
        .resolve(VERSION).resolve("syncline-spring-boot-starter-" + VERSION + ".jar"))) {
      assertThat(in.read()).as("the starter came from the private repository").isNotNegative();
    }
  }
}
