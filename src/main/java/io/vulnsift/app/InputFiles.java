package io.vulnsift.app;

import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.inventory.kubernetes.KubernetesImportOptions;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.sources.ecr.FileFindingSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

  /** The containers of a {@code kubectl get pods -A -o json} document, seen at {@code now}. */
  public static List<InventoryRecord> kubernetesPods(
      Path file, String cluster, Instant now, Duration ttl, Map<String, String> namespaceStages) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    KubernetesImportOptions options =
        KubernetesImportOptions.of(cluster, now).withTtl(ttl).withNamespaceStages(namespaceStages);
    return new KubernetesPodsImporter(options).importPods(file);
  }
}
