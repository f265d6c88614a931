package io.vulnsift.inventory.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.model.InventoryRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A container whose inventory keys DynamoDB cannot hold (partition key {@code imageDigest} at most
 * 2,048 bytes, sort key {@code containerId} at most 1,024) is told, naming the file, the pod and
 * the field, and left out; everything else in the listing is imported and stored.
 */
class KubernetesKeyLimitsTest {
  static final Instant SEEN = Instant.parse("2026-11-20T12:00:00Z");
  static final String DIGEST =
      "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  static final String UNRESOLVED = "unresolved:";

  final List<String> skipped = new ArrayList<>();

  @Test
  void aHugeImageWithoutDigestIsToldAndTheRestOfTheListingIsImported() {
    String huge = "registry.example.com/" + "a".repeat(3000) + ":1";
    String doc =
        list(
            pod(
                "shop",
                "web",
                container("app", "nginx:1", DIGEST),
                container("sidecar", huge, null)),
            pod("shop", "api", container("api", "api:2", DIGEST)));

    List<InventoryRecord> records = importString(doc, "c1");

    assertThat(records)
        .extracting(InventoryRecord::containerId)
        .containsExactly("c1/shop/web/app", "c1/shop/api/api");
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0))
        .startsWith("pods.json:2:1: items[0]: pod shop/web: spec.containers[1].image: 3,023 bytes")
        .contains("imageDigest", "2,048-byte partition-key limit", "container not imported")
        .as("the value at fault is not printed")
        .doesNotContain("aaaaaaaaaa")
        .hasSizeLessThan(300);
  }

  @Test
  void aContainerIdOverTheSortKeyLimitIsToldInBytesNotCharacters() {
    String name = "é".repeat(600); // 600 characters, 1,200 bytes
    String doc =
        list(
            pod("shop", "web", container("app", "nginx:1", DIGEST)),
            pod("shop", "job", container(name, "job:1", DIGEST)));

    List<InventoryRecord> records = importString(doc, "c1");

    assertThat(records).extracting(InventoryRecord::containerId).containsExactly("c1/shop/web/app");
    assertThat(skipped)
        .singleElement()
        .asString()
        .startsWith("pods.json:3:1: items[1]: pod shop/job: spec.containers[0]: ")
        .contains("containerId", "2 + 4 + 3 + 1,200 bytes", "1,212 bytes", "1,024-byte sort-key")
        .doesNotContain("é");
  }

  @Test
  void theLongestKeysDynamoDbTakesAreImportedAndStoredOneByteMoreIsNot() {
    String cluster = "c1";
    // "c1/shop/web/" is 12 bytes: the container name fills the sort key to exactly 1,024.
    String longestName = "n".repeat(1024 - 12);
    String longestImage = "i".repeat(2048 - UNRESOLVED.length());
    String doc =
        list(
            pod("shop", "web", container(longestName, longestImage, null)),
            pod("shop", "api", container("a" + longestName, "api:1", DIGEST)),
            pod("shop", "cron", container("cron", longestImage + "i", null)));

    List<InventoryRecord> records = importString(doc, cluster);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).imageDigest()).hasSize(2048);
    assertThat(records.get(0).containerId()).hasSize(1024);
    assertThat(skipped)
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("pod shop/api", "1,025 bytes"))
        .anySatisfy(m -> assertThat(m).contains("pod shop/cron", ".image:", "2,049 bytes"));
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
      DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), "inventory");

      store.replaceCluster(KubernetesPodsImporter.SOURCE, cluster, records, SEEN);

      String digest = records.get(0).imageDigest();
      assertThat(store.findLive(List.of(digest), SEEN, SEEN).records().get(digest))
          .containsExactlyElementsOf(records);
      // ... and one byte more is what DynamoDB refuses: the limits are its own, not stricter.
      assertThatThrownBy(() -> put(db, "d".repeat(2049), "c"))
          .isInstanceOf(DynamoDbException.class);
      assertThatThrownBy(() -> put(db, "d", "c".repeat(1025)))
          .isInstanceOf(DynamoDbException.class);
    }
  }

  private static void put(LocalDynamoDb db, String digest, String containerId) {
    db.client()
        .putItem(
            b ->
                b.tableName("inventory")
                    .item(
                        Map.of(
                            "imageDigest", AttributeValue.fromS(digest),
                            "containerId", AttributeValue.fromS(containerId))));
  }

  private List<InventoryRecord> importString(String doc, String cluster) {
    return new KubernetesPodsImporter(KubernetesImportOptions.of(cluster, SEEN), skipped::add)
        .importPods(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)), "pods.json");
  }

  /** A pod listing with one pod per line: the first on line 2. */
  private static String list(String... pods) {
    return "{\"kind\": \"List\", \"items\": [\n" + String.join(",\n", pods) + "\n]}";
  }

  private static String pod(String namespace, String name, String... containers) {
    List<String> specs = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    for (String c : containers) {
      String[] parts = c.split("\n", -1);
      specs.add(parts[0]);
      statuses.add(parts[1]);
    }
    return "{\"metadata\": {\"name\": \""
        + name
        + "\", \"namespace\": \""
        + namespace
        + "\"}, \"spec\": {\"containers\": ["
        + String.join(", ", specs)
        + "]}, \"status\": {\"containerStatuses\": ["
        + String.join(", ", statuses)
        + "]}}";
  }

  /** A container's spec and status, separated by a newline; running when it has a digest. */
  private static String container(String name, String image, String digest) {
    String status =
        digest == null
            ? "{\"name\": \"" + name + "\", \"state\": {\"waiting\": {}}}"
            : "{\"name\": \""
                + name
                + "\", \"imageID\": \"docker-pullable://x@"
                + digest
                + "\", \"state\": {\"running\": {}}}";
    return "{\"name\": \"" + name + "\", \"image\": \"" + image + "\"}\n" + status;
  }
}
