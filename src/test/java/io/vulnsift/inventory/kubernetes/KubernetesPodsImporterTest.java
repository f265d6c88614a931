package io.vulnsift.inventory.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.model.ImageReference;
import io.vulnsift.model.InventoryRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesPodsImporterTest {

  private static final Instant SEEN = Instant.parse("2026-11-20T12:00:00Z");
  private static final String ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/";

  private Map<String, InventoryRecord> byId;

  @BeforeEach
  void importCases() {
    KubernetesImportOptions options =
        KubernetesImportOptions.of("eks-main", SEEN)
            .withNamespaceStages(Map.of("payments-dev", "development", "payments", "ignored"));
    InputStream in = getClass().getResourceAsStream("/kubernetes/pods-cases.json");
    List<InventoryRecord> records = new KubernetesPodsImporter(options).importPods(in, "pods.json");
    assertThat(records).hasSize(10);
    byId = records.stream().collect(Collectors.toMap(this::shortId, Function.identity()));
  }

  private String shortId(InventoryRecord r) {
    return r.namespace() + "/" + r.workload() + "/" + r.container();
  }

  @Test
  void runningEcrContainerWithEnvOverridingLabels() {
    InventoryRecord api = byId.get("payments/api/api");

    assertThat(api.imageDigest())
        .isEqualTo("sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(api.containerId()).isEqualTo("eks-main/payments/api-7d9c8b6f5d-x2kqp/api");
    assertThat(api.registry()).isEqualTo("123456789012");
    assertThat(api.repository()).isEqualTo("payments/api");
    assertThat(api.imageName()).isEqualTo(ECR + "payments/api:2.14.0");
    assertThat(api.cluster()).isEqualTo("eks-main");
    assertThat(api.status()).isEqualTo("running");
    assertThat(api.releaseStage()).as("env beats label").isEqualTo("production");
    assertThat(api.releaseProduct()).isEqualTo("payments");
    assertThat(api.releaseVersion()).as("valueFrom is ignored").isEqualTo("2.14.0-label");
    assertThat(api.owner()).isEqualTo("payments-team");
    assertThat(api.lastSeenAt()).isEqualTo(SEEN);
    assertThat(api.expiresAt()).isEqualTo(SEEN.plus(Duration.ofDays(2)));
    assertThat(api.source()).isEqualTo("kubernetes");
  }

  @Test
  void sidecarInSamePodTakesPodLabelsAndBareDigest() {
    InventoryRecord envoy = byId.get("payments/api/envoy");

    assertThat(envoy.imageDigest())
        .isEqualTo("sha256:2222222222222222222222222222222222222222222222222222222222222222");
    assertThat(envoy.registry()).isEqualTo("docker.io");
    assertThat(envoy.repository()).isEqualTo("envoyproxy/envoy");
    assertThat(envoy.releaseStage()).as("label beats namespace map").isEqualTo("staging");
    assertThat(envoy.releaseProduct()).isEqualTo("payments-label");
  }

  @Test
  void initContainerIsRecordedAsTerminated() {
    InventoryRecord init = byId.get("payments/api/wait-for-db");

    assertThat(init.status()).isEqualTo("terminated");
    assertThat(init.imageName()).isEqualTo("busybox:1.36");
    assertThat(init.registry()).isEqualTo("docker.io");
    assertThat(init.repository()).isEqualTo("busybox");
    assertThat(init.imageDigest())
        .isEqualTo("sha256:1111111111111111111111111111111111111111111111111111111111111111");
  }

  @Test
  void crashLoopIsWaitingAndNamespaceMapGivesTheStage() {
    InventoryRecord worker = byId.get("payments-dev/worker/worker");

    assertThat(worker.status()).isEqualTo("waiting");
    assertThat(worker.imageDigest()).endsWith("bbbbbbbb");
    assertThat(worker.releaseStage()).isEqualTo("development");
    assertThat(worker.workload()).as("hash stripped without the label").isEqualTo("worker");
  }

  @Test
  void containersWithoutDigestAreUnresolvedAndWaiting() {
    InventoryRecord pull = byId.get("payments-dev/worker/pull-fails");
    InventoryRecord pending = byId.get("storefront/web/web");
    InventoryRecord shell = byId.get("sandbox/debug-shell/shell");

    assertThat(pull.status()).isEqualTo("waiting");
    assertThat(pull.imageDigest())
        .isEqualTo("unresolved:" + ECR + "payments/worker:does-not-exist");
    assertThat(pending.status()).isEqualTo("waiting");
    assertThat(pending.imageDigest()).isEqualTo("unresolved:" + ECR + "storefront/web:3.8.1");
    assertThat(pending.repository()).isEqualTo("storefront/web");
    assertThat(shell.workload()).as("no owner: pod name").isEqualTo("debug-shell");
    assertThat(shell.registry()).isEqualTo("localhost:5000");
    assertThat(shell.repository()).isEqualTo("tools/shell");
    assertThat(shell.releaseStage()).isNull();
  }

  @Test
  void terminatedJobPodAndOtherOwners() {
    InventoryRecord job = byId.get("payments/db-migrate/migrate");
    InventoryRecord redis = byId.get("storefront/redis/redis");
    InventoryRecord ingress = byId.get("ingress-nginx/ingress-nginx-controller/controller");

    assertThat(job.status()).isEqualTo("terminated");
    assertThat(job.workload()).as("a CronJob's Job: the CronJob").isEqualTo("db-migrate");
    assertThat(job.registry()).isEqualTo("ghcr.io");
    assertThat(job.repository()).isEqualTo("acme/migrate");
    assertThat(job.imageDigest()).endsWith("cccccccc");
    assertThat(job.releaseStage()).as("namespace map is the last resort").isEqualTo("ignored");
    assertThat(redis.imageDigest()).as("docker:// form").endsWith("33333333");
    assertThat(redis.status()).isEqualTo("running");
    assertThat(ingress.registry()).isEqualTo("registry.k8s.io");
    assertThat(ingress.repository()).isEqualTo("ingress-nginx/controller");
  }

  @Test
  void everyImageIdForm() {
    String hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assertThat(ImageReference.digestOf("docker-pullable://nginx@sha256:" + hex))
        .isEqualTo("sha256:" + hex);
    assertThat(ImageReference.digestOf("docker.io/library/nginx@sha256:" + hex))
        .isEqualTo("sha256:" + hex);
    assertThat(ImageReference.digestOf(ECR + "team/app@sha256:" + hex)).isEqualTo("sha256:" + hex);
    assertThat(ImageReference.digestOf("sha256:" + hex)).isEqualTo("sha256:" + hex);
    assertThat(ImageReference.digestOf("docker://sha256:" + hex)).isEqualTo("sha256:" + hex);
    assertThat(ImageReference.digestOf("")).isNull();
    assertThat(ImageReference.digestOf(null)).isNull();
    assertThat(ImageReference.digestOf("nginx:1.25")).isNull();
  }

  @Test
  void aBareImageIdIsTheLocalImageIdSoAPinnedDigestWins() {
    String hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    String config = "sha256:" + "f".repeat(64);

    assertThat(PodMapper.digest("docker://" + config, ECR + "app@sha256:" + hex, null))
        .isEqualTo("sha256:" + hex);
    assertThat(PodMapper.digest(config, "app:1", ECR + "app@sha256:" + hex))
        .as("the status image may carry the pin")
        .isEqualTo("sha256:" + hex);
    assertThat(PodMapper.digest(config, "app:1", "app:1")).as("nothing better").isEqualTo(config);
    assertThat(PodMapper.digest("docker-pullable://app@sha256:" + hex, "app@" + config, null))
        .as("a repository digest is the manifest digest already")
        .isEqualTo("sha256:" + hex);
    assertThat(PodMapper.digest("", "app@sha256:" + hex, null))
        .as("not pulled yet: no digest, even if pinned")
        .isNull();
  }

  @Test
  void jobsOfCronJobsAreTheCronJobOthersKeepTheirName() {
    String doc =
        """
        {"kind": "List", "items": [
          {"metadata": {"name": "backup-29412345-x8k2d", "namespace": "n", "ownerReferences":
            [{"kind": "Job", "name": "backup-29412345", "controller": true}]},
           "spec": {"containers": [{"name": "c", "image": "nginx"}]}},
          {"metadata": {"name": "seed-abcde", "namespace": "n", "ownerReferences":
            [{"kind": "Job", "name": "seed", "controller": true}]},
           "spec": {"containers": [{"name": "c", "image": "nginx"}]}}]}
        """;

    List<InventoryRecord> records = importString(doc, KubernetesImportOptions.of("c1", SEEN));

    assertThat(records).extracting(InventoryRecord::workload).containsExactly("backup", "seed");
  }

  @Test
  void imageReferences() {
    assertThat(ImageReference.parse(ECR + "team/app:1.2"))
        .isEqualTo(new ImageReference("123456789012", "team/app", "1.2", null));
    assertThat(
            ImageReference.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/a/b@sha256:ff"))
        .isEqualTo(new ImageReference("123456789012", "a/b", null, "sha256:ff"));
    assertThat(ImageReference.parse("nginx"))
        .isEqualTo(new ImageReference("docker.io", "nginx", null, null));
    assertThat(ImageReference.parse("bitnami/redis:7.2"))
        .isEqualTo(new ImageReference("docker.io", "bitnami/redis", "7.2", null));
    assertThat(ImageReference.parse("localhost:5000/x:1"))
        .isEqualTo(new ImageReference("localhost:5000", "x", "1", null));
  }

  @Test
  void customLabelsAndTtl() {
    String doc =
        """
        {"kind": "List", "items": [{"metadata": {"name": "p", "namespace": "n",
          "labels": {"env": "production", "owner": "team-x", "team": "other"}},
          "spec": {"containers": [{"name": "c", "image": "nginx"}]}}]}
        """;
    KubernetesImportOptions options =
        new KubernetesImportOptions(
            "c1", SEEN, Duration.ofHours(6), null, "env", null, null, "owner");

    InventoryRecord r = importString(doc, options).get(0);

    assertThat(r.releaseStage()).isEqualTo("production");
    assertThat(r.owner()).isEqualTo("team-x");
    assertThat(r.expiresAt()).isEqualTo(SEEN.plus(Duration.ofHours(6)));
    assertThat(r.status()).isEqualTo("waiting");
  }

  @Test
  void malformedDocumentNamesFileAndLocation() {
    KubernetesImportOptions options = KubernetesImportOptions.of("c1", SEEN);

    assertThatThrownBy(() -> importString("{\"items\": [\n {\"metadata\": }]}", options))
        .isInstanceOf(KubernetesImportException.class)
        .hasMessageStartingWith("pods.json:2:");
    assertThatThrownBy(() -> importString("{\"items\": [1]}", options))
        .hasMessageStartingWith("pods.json:1:")
        .hasMessageContaining("items[0]");
    assertThatThrownBy(() -> importString("{\"items\": [{\"spec\": {}}]}", options))
        .hasMessageContaining("metadata.name");
    assertThatThrownBy(() -> importString("{\"kind\": \"Pod\"}", options))
        .hasMessageContaining("not a kubectl pod listing");
    assertThatThrownBy(() -> importString("[]", options)).hasMessageStartingWith("pods.json:1:1");
  }

  private static List<InventoryRecord> importString(String doc, KubernetesImportOptions options) {
    return new KubernetesPodsImporter(options)
        .importPods(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "pods.json");
  }
}
