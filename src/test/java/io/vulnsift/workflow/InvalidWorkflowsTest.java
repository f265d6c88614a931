package io.vulnsift.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code src/test/resources/workflows/invalid/} must fail validation with exactly the
 * errors in its {@code .errors} sidecar: one {@code line:column: message} per line, in order. After
 * changing a message on purpose, {@code -Dupdate.errors=true} rewrites the sidecars; review their
 * diff like code, since they are the specification of what authors see.
 */
class InvalidWorkflowsTest {
  static final Path DIR = Path.of("src/test/resources/workflows/invalid");

  static Stream<Path> files() throws IOException {
    return Files.list(DIR).filter(WorkflowLoader::isYaml).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void reportsExactlyTheExpectedErrors(Path file) throws IOException {
    String name = file.getFileName().toString();
    Path sidecar = DIR.resolve(name.replaceAll("\\.ya?ml$", ".errors"));
    List<String> actual =
        new WorkflowLoader()
            .validate(name, Files.readString(file, StandardCharsets.UTF_8)).stream()
                .map(e -> e.line() + ":" + e.column() + ": " + e.message())
                .toList();
    if (Boolean.getBoolean("update.errors")) {
      Files.writeString(sidecar, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
    }
    List<String> expected =
        Files.readAllLines(sidecar, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    assertThat(actual).as("errors of %s", name).isNotEmpty().containsExactlyElementsOf(expected);
  }
}
