package io.vulnsift.app;

import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.inventory.kubernetes.KubernetesImportOptions;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.sources.ecr.FileFindingSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The file inputs of the command line: ECR responses and kubectl pod lists. */
public final class InputFiles {
  private InputFiles() {}

  /** Findings read from ECR {@code DescribeImageScanFindings} responses under {@code dir}. */
  public static FindingSource findings(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--findings-from: " + dir + " is not a directory");
    }
    return new FileFindingSource(dir);
  }

  /**
   * The containers of a {@code kubectl get pods -A -o json} document of {@code cluster}, seen at
   * {@code now}, read with the configured label names, namespace stages and TTL; a container the
   * inventory cannot hold is left out and told to {@code skipped}.
   */
  public static List<InventoryRecord> kubernetesPods(
      Path file, String cluster, Instant now, VulnsiftConfig config, Consumer<String> skipped) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    VulnsiftConfig.Kubernetes k = config.kubernetes();
    KubernetesImportOptions options =
        new KubernetesImportOptions(
            cluster,
            now,
            config.inventoryTtl(),
            config.namespaceStages(),
            k.environmentLabel(),
            k.productLabel(),
            k.versionLabel(),
            k.ownerLabel());
    return new KubernetesPodsImporter(options, skipped).importPods(file);
  }
}
