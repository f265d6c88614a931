package io.vulnsift.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive (AppCDS) the build makes at {@code package} is used by {@code ./vulnsift}:
 * the engine's classes come out of it instead of the jars; and where it cannot be used (another
 * jar, another JDK) the launcher still works and says nothing about it.
 */
class StartupArchiveIT {
  static final Path APP = Path.of("target/quarkus-app");
  static final Path ARCHIVE = APP.resolve("vulnsift.jsa");

  @BeforeEach
  void builtWithAnArchive() {
    assumeFalse(
        "skip=true".equals(System.getProperty("cds.build")),
        "-Dcds.skip: this build made no start-up archive");
  }

  @Test
  void theLauncherLoadsTheEnginesClassesFromTheArchive(@TempDir Path tmp) throws Exception {
    assertThat(ARCHIVE).as("package writes the archive").exists();
    assertThat(Files.getLastModifiedTime(ARCHIVE))
        .as("an archive of this build's jar")
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(APP.resolve("quarkus-run.jar")));
    Path log = tmp.resolve("classes.txt");

    Result r =
        launch(
            Path.of("vulnsift").toAbsolutePath(),
            "-Xlog:class+load:file=" + log,
            "validate",
            "workflows");

    assertThat(r.exit).as(r.err).isZero();
    List<String> loaded = Files.readAllLines(log);
    assertThat(loaded)
        .filteredOn(l -> l.contains(" io.vulnsift.workflow.WorkflowLoader "))
        .singleElement()
        .asString()
        .contains("source: shared objects file");
  }

  @Test
  void anArchiveOfAnotherJarIsIgnoredSilently(@TempDir Path tmp) throws Exception {
    // A copy of the application elsewhere: the archive names the jars by their path at build
    // time, so the JVM cannot use it here — as with a JDK other than the build's.
    Path copy = tmp.resolve("vulnsift-copy");
    copyTree(APP, copy.resolve("target/quarkus-app"));
    Files.copy(Path.of("vulnsift"), copy.resolve("vulnsift"), StandardCopyOption.COPY_ATTRIBUTES);
    // Newer than the jar, as after a build: the launcher passes it on, and the JVM refuses it.
    Path jar = copy.resolve("target/quarkus-app/quarkus-run.jar");
    Files.setLastModifiedTime(
        copy.resolve("target/quarkus-app/vulnsift.jsa"),
        FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));

    Result r =
        launch(
            copy.resolve("vulnsift"),
            "",
            "validate",
            Path.of("workflows").toAbsolutePath().toString());

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("workflow file(s) valid");
    assertThat(r.err).as("no JVM warning about the archive").isEmpty();
  }

  record Result(int exit, String out, String err) {}

  static Result launch(Path launcher, String javaOpts, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("VULNSIFT_JAVA_OPTS", javaOpts);
    Path out = Files.createTempFile("launch", ".out");
    Path err = Files.createTempFile("launch", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finishes").isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
