package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inventory import} of a listing with one container the inventory cannot hold: that one is a
 * line on stderr naming the file, pod and field, the rest is imported, and the import succeeds — a
 * CronJob that failed would import the same listing again and again.
 */
@QuarkusMainTest
class InventoryImportCommandTest {

  @TempDir Path tmp;

  @Test
  void aContainerTooLongForTheInventoryIsOneLineAndTheRestIsImported(QuarkusMainLauncher launcher)
      throws IOException {
    Path pods = tmp.resolve("pods.json");
    Files.writeString(
        pods,
        """
        {"kind": "List", "items": [
        {"metadata": {"name": "web", "namespace": "shop"},
         "spec": {"containers": [{"name": "app", "image": "nginx:1"},
                                 {"name": "huge", "image": "%s"}]}}
        ]}
        """
            .formatted("x".repeat(3000)));

    LaunchResult r =
        launcher.launch(
            "inventory",
            "import",
            "--local",
            "--state-dir",
            tmp.resolve("state").toString(),
            "--kubernetes",
            pods.toString(),
            "--cluster",
            "prod-eu");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
    assertThat(r.getErrorOutput().strip())
        .startsWith("vulnsift: " + pods + ":2:1: items[0]: pod shop/web: spec.containers[1].image:")
        .endsWith("container not imported")
        .doesNotContain("\n");
    assertThat(r.getOutput())
        .contains("imported 1 containers (0 running) of cluster prod-eu")
        .contains("1 container(s) not imported");
  }
}
