package io.vulnsift.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings shared by every entry point; each can be set as {@code vulnsift.…} in {@code
 * application.properties} or as the environment variable {@code VULNSIFT_…} (SPEC §4).
 */
@ConfigMapping(prefix = "vulnsift")
public interface VulnsiftConfig {

  /** DynamoDB table of the runtime inventory ({@code VULNSIFT_INVENTORY_TABLE}). */
  @WithDefault("vulnsift-inventory")
  String inventoryTable();

  /** DynamoDB table of the reported state ({@code VULNSIFT_STATE_TABLE}). */
  @WithDefault("vulnsift-state")
  String stateTable();

  /** Create missing tables with their keys and TTL; always on with {@code --local}. */
  @WithDefault("false")
  boolean createTables();

  /** How long a delivery claim or the baseline marker is held before another run may take it. */
  @WithDefault("5m")
  Duration claimLease();

  /** How long a run waits for another run's first-run baseline before deferring its groups. */
  @WithDefault("30s")
  Duration baselineWait();

  /** Time-to-live of inventory records written by the feeds. */
  @WithDefault("2d")
  Duration inventoryTtl();

  /**
   * The SQS queue of sharded runs ({@code VULNSIFT_SHARD_QUEUE_URL}): where a schedule sends the
   * shards of a workflow with {@code source.shards} above 1. Unset, such a workflow runs in one
   * invocation, as if it had one shard.
   */
  java.util.Optional<String> shardQueueUrl();

  /** Prefix removed from a schedule or rule name to get the workflow it runs. */
  @WithDefault("vulnsift-")
  String schedulePrefix();

  /**
   * Folder of workflow files the Lambda function and {@code serve} load; unset: the Lambda uses the
   * workflows bundled in its package ({@code VULNSIFT_WORKFLOWS_DIR}).
   */
  Optional<Path> workflowsDir();

  /** ECS cluster name → release stage, for containers reported by ECS task events. */
  java.util.Map<String, String> ecsClusterStages();

  /** Kubernetes namespace → release stage, when neither env nor labels name one. */
  java.util.Map<String, String> namespaceStages();

  /** How findings are read from Amazon ECR ({@code VULNSIFT_ECR_…}). */
  Ecr ecr();

  /** ECR settings; each unset one keeps the reader's default. */
  interface Ecr {
    /** Registries (account IDs, comma-separated) to read; default: the caller's own. */
    Optional<String> registryIds();

    /** Regions (comma-separated) to read; default: the SDK's region. */
    Optional<String> regions();

    /** Concurrent ECR requests at most; default 8. */
    Optional<String> concurrency();

    /** {@code auto}, {@code sweep} or {@code runtime-first}; default {@code auto}. */
    Optional<String> plan();
  }

  /** How Kubernetes pods are read into the inventory. */
  Kubernetes kubernetes();

  /** Pod label names the Kubernetes feed reads when the container env does not say. */
  interface Kubernetes {
    /** Pod label holding the release stage ({@code VULNSIFT_KUBERNETES_ENVIRONMENT_LABEL}). */
    @WithDefault("app.kubernetes.io/environment")
    String environmentLabel();

    /** Pod label holding the release product. */
    @WithDefault("app.kubernetes.io/part-of")
    String productLabel();

    /** Pod label holding the release version. */
    @WithDefault("app.kubernetes.io/version")
    String versionLabel();

    /** Pod label holding the owning team (routes Jira projects and Slack channels). */
    @WithDefault("team")
    String ownerLabel();
  }
}
