package io.vulnsift.inventory.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@code kubectl get pods -A -o json} document becomes inventory records.
 *
 * @param cluster cluster name, part of every container id
 * @param seenAt when the document was taken: every record's {@code lastSeenAt}
 * @param ttl how long a record lives without being seen again (default 2 days)
 * @param namespaceStages namespace → release stage, the last resort for the stage
 * @param environmentLabel pod label holding the release stage
 * @param productLabel pod label holding the release product
 * @param versionLabel pod label holding the release version
 * @param ownerLabel pod label holding the owning team
 */
public record KubernetesImportOptions(
    String cluster,
    Instant seenAt,
    Duration ttl,
    Map<String, String> namespaceStages,
    String environmentLabel,
    String productLabel,
    String versionLabel,
    String ownerLabel) {

  public static final Duration DEFAULT_TTL = Duration.ofDays(2);
  public static final String DEFAULT_ENVIRONMENT_LABEL = "app.kubernetes.io/environment";
  public static final String DEFAULT_PRODUCT_LABEL = "app.kubernetes.io/part-of";
  public static final String DEFAULT_VERSION_LABEL = "app.kubernetes.io/version";
  public static final String DEFAULT_OWNER_LABEL = "team";

  public KubernetesImportOptions {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(seenAt, "seenAt");
    ttl = ttl == null ? DEFAULT_TTL : ttl;
    namespaceStages = namespaceStages == null ? Map.of() : Map.copyOf(namespaceStages);
    environmentLabel = environmentLabel == null ? DEFAULT_ENVIRONMENT_LABEL : environmentLabel;
    productLabel = productLabel == null ? DEFAULT_PRODUCT_LABEL : productLabel;
    versionLabel = versionLabel == null ? DEFAULT_VERSION_LABEL : versionLabel;
    ownerLabel = ownerLabel == null ? DEFAULT_OWNER_LABEL : ownerLabel;
  }

  /** Defaults for everything but the cluster and the clock. */
  public static KubernetesImportOptions of(String cluster, Instant seenAt) {
    return new KubernetesImportOptions(cluster, seenAt, null, null, null, null, null, null);
  }

  public KubernetesImportOptions withNamespaceStages(Map<String, String> stages) {
    return new KubernetesImportOptions(
        cluster, seenAt, ttl, stages, environmentLabel, productLabel, versionLabel, ownerLabel);
  }

  public KubernetesImportOptions withTtl(Duration newTtl) {
    return new KubernetesImportOptions(
        cluster,
        seenAt,
        newTtl,
        namespaceStages,
        environmentLabel,
        productLabel,
        versionLabel,
        ownerLabel);
  }
}
