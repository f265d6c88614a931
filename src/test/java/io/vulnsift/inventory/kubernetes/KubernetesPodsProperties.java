package io.vulnsift.inventory.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.fuzz.JsonFuzz;
import io.vulnsift.model.InventoryRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever {@code kubectl} (or a broken pipe) hands the importer, it returns records or throws its
 * own {@link KubernetesImportException} naming the file — never a NullPointerException,
 * ClassCastException or IndexOutOfBoundsException from deep inside.
 */
class KubernetesPodsProperties {

  static final JsonFuzz.Vocabulary PODS =
      new JsonFuzz.Vocabulary(
          List.of(
              "apiVersion",
              "kind",
              "items",
              "metadata",
              "name",
              "namespace",
              "labels",
              "ownerReferences",
              "controller",
              "pod-template-hash",
              "team",
              "spec",
              "containers",
              "initContainers",
              "image",
              "env",
              "value",
              "valueFrom",
              "status",
              "containerStatuses",
              "initContainerStatuses",
              "imageID",
              "state",
              "running",
              "terminated",
              "waiting",
              "app.kubernetes.io/environment",
              "DT_RELEASE_STAGE"),
          List.of(
              "List",
              "Pod",
              "ReplicaSet",
              "Job",
              "StatefulSet",
              "api",
              "api-7d9c8b6f5d",
              "7d9c8b6f5d",
              "payments",
              "DT_RELEASE_STAGE",
              "production",
              "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:1.2",
              "docker-pullable://repo@sha256:" + "a".repeat(64),
              "docker://sha256:" + "b".repeat(64),
              "repo@sha256:" + "c".repeat(64),
              "sha256:" + "d".repeat(64),
              "nginx@sha256:" + "e".repeat(64),
              "@",
              ":",
              "/",
              "localhost:5000/x",
              "report-29000000"));

  final KubernetesPodsImporter importer =
      new KubernetesPodsImporter(
          KubernetesImportOptions.of("eks", Instant.parse("2026-11-20T12:00:00Z"))
              .withNamespaceStages(Map.of("payments", "production")));

  @Provide
  Arbitrary<String> documents() {
    List<String> samples =
        List.of(
            JsonFuzz.read("src/test/resources/kubernetes/pods-cases.json"),
            JsonFuzz.read("src/test/resources/kubernetes/cluster-a-1.json"),
            JsonFuzz.read("src/test/resources/kubernetes/cluster-b.json"));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, JsonFuzz.mutants(samples, PODS)),
        net.jqwik.api.Tuple.of(1, JsonFuzz.values(PODS).map(Object::toString)));
  }

  @Property(tries = 500)
  void anyDocumentGivesRecordsOrALocatedImportError(@ForAll("documents") String json) {
    Statistics.collect(importOrLocatedError(json.getBytes(StandardCharsets.UTF_8)));
    // the mutants must reach the pod mapper, not only the JSON syntax check
    Statistics.coverage(c -> c.check("records").percentage(p -> p > 20));
  }

  @Property(tries = 200)
  void anyBytesGiveRecordsOrALocatedImportError(@ForAll byte[] bytes) {
    importOrLocatedError(bytes);
  }

  @Example
  void utf32LookingBytesAreAnImportError() {
    // regression: Jackson's charset detection took these for UTF-32 and threw an IOException,
    // which surfaced as an UncheckedIOException instead of the importer's error
    importOrLocatedError(new byte[] {0, 0, 0, 123, -1, -1, -1, -1});
  }

  /** The outcome, for the statistics: records, none, or an error. */
  String importOrLocatedError(byte[] bytes) {
    try {
      List<InventoryRecord> records =
          importer.importPods(new ByteArrayInputStream(bytes), "pods.json");
      for (InventoryRecord r : records) {
        assertThat(r.imageDigest()).isNotNull();
        assertThat(r.containerId()).startsWith("eks/");
        assertThat(r.status()).isIn("running", "waiting", "terminated");
      }
      return records.isEmpty() ? "no records" : "records";
    } catch (KubernetesImportException e) {
      assertThat(e.getMessage()).startsWith("pods.json").doesNotContain(": null");
      return "error";
    }
  }
}
