package io.vulnsift.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.inventory.kubernetes.KubernetesImportOptions;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.InventoryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * An import is a full snapshot of one cluster: real {@code kubectl get pods -A -o json} listings of
 * two clusters, cluster A imported twice, on DynamoDB Local, with and without the cluster index.
 */
class ClusterSnapshotTest {

  static final Instant T1 = Instant.parse("2026-11-26T10:00:00Z");
  static final Instant T2 = T1.plus(Duration.ofMinutes(5));
  static final String API_1 =
      "sha256:f9811b73ac5d1a8db842634fc0f871e03207ae44105fc9c2b7f1985e70f90d5a";
  static final String API_2 =
      "sha256:fe64a7d21153b7c9d45cca1f07c8a2b403d4d4140692cd59f009878cac447c1a";
  static final String REDIS_1 =
      "sha256:3d1f0420678532c29501ea4ecf58880aa16b84a27c2965cf619eacdac03c3183";
  static final String REDIS_2 =
      "sha256:95f0d27dceec73b335bcefffcb3eb1007b86a089b3b49fac6a4971c5bc0b22fb";
  static final String WORKER =
      "sha256:13029f9e83d15b3d437c2a7568fc1ca7990ecf3ff79bef6da08f13ff5ae12af8";
  static final String WEB =
      "sha256:fe09584437d4dd45f29e2f32c36a9a6e169db9332a978f85f0a7b4a611c18469";
  static final String MIGRATE =
      "sha256:e969ba16155b2765035e9aff11dc23185448ae700552ff08edd59869d2e26d12";
  static final String WEB_UNRESOLVED =
      "unresolved:123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:3.8.1";

  static LocalDynamoDb db;

  @BeforeAll
  static void start() {
    db = LocalDynamoDb.inMemory();
    DynamoDbTables.createIfMissing(db.client(), "snap-indexed", "snap-state", false);
    // A table as an older version (or a hand-made template) created it: no cluster index.
    db.client()
        .createTable(
            b ->
                b.tableName("snap-plain")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(key("imageDigest", KeyType.HASH), key("containerId", KeyType.RANGE))
                    .attributeDefinitions(string("imageDigest"), string("containerId")));
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  static List<InventoryRecord> pods(String file, String cluster, Instant seenAt) {
    return new KubernetesPodsImporter(KubernetesImportOptions.of(cluster, seenAt))
        .importPods(ClusterSnapshotTest.class.getResourceAsStream(file), file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"snap-indexed", "snap-plain"})
  void aSecondImportTerminatesWhatItNoLongerListsInThatClusterOnly(String table) {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), table);
    List<InventoryRecord> a1 = pods("/kubernetes/cluster-a-1.json", "eks-a", T1);
    List<InventoryRecord> b = pods("/kubernetes/cluster-b.json", "eks-b", T1);
    List<InventoryRecord> a2 = pods("/kubernetes/cluster-a-2.json", "eks-a", T2);
    assertThat(a1).hasSize(8);
    assertThat(b).hasSize(3);
    assertThat(a2).hasSize(5);
    assertThat(a1)
        .as("every record is stamped, with the default 2-day TTL")
        .allSatisfy(
            r -> {
              assertThat(r.lastSeenAt()).isEqualTo(T1);
              assertThat(r.expiresAt()).isEqualTo(T1.plus(Duration.ofDays(2)));
            });

    assertThat(store.replaceCluster(KubernetesPodsImporter.SOURCE, "eks-a", a1, T1)).isZero();
    assertThat(store.replaceCluster("kubernetes", "eks-b", b, T1)).isZero();
    Map<String, Integer> before = store.requestCounts();
    int terminated = store.replaceCluster("kubernetes", "eks-a", a2, T2);
    Map<String, Integer> spent = delta(before, store.requestCounts());

    // The old ReplicaSet's pod (app and sidecar; its init container had already terminated), redis
    // 7.2, the crash-looping worker, the two web pods that had no digest yet. The finished job is
    // gone too, but was terminated already.
    assertThat(terminated).isEqualTo(6);
    Map<String, List<InventoryRecord>> live =
        store
            .findLive(
                List.of(API_1, API_2, REDIS_1, REDIS_2, WORKER, WEB, MIGRATE, WEB_UNRESOLVED),
                T2.minus(Duration.ofHours(3)),
                T2)
            .records();
    assertThat(statuses(live.get(API_1)))
        .as("cluster B's pod of the same image keeps running")
        .containsEntry("eks-b/shop/api-7f9c6d5b8-h2m9r/api", "running")
        .containsEntry("eks-a/shop/api-7f9c6d5b8-4xkzp/api", "terminated");
    assertThat(statuses(live.get(API_2)))
        .containsEntry("eks-a/shop/api-85d7c4f69-wq7tn/api", "running");
    assertThat(statuses(live.get(REDIS_1)))
        .as("same container, new image: the old digest's record ends")
        .containsExactly(Map.entry("eks-a/shop/redis-0/redis", "terminated"));
    assertThat(statuses(live.get(REDIS_2)))
        .containsExactly(Map.entry("eks-a/shop/redis-0/redis", "running"));
    assertThat(statuses(live.get(WORKER))).containsValues("terminated");
    assertThat(statuses(live.get(WEB_UNRESOLVED)))
        .containsOnlyKeys(
            "eks-a/shop/web-5d4f8b9c7-lm3nx/web", "eks-a/shop/web-5d4f8b9c7-zz9kq/web")
        .containsValues("terminated");
    assertThat(statuses(live.get(WEB))).containsValues("running");
    InventoryRecord old =
        live.get(API_1).stream().filter(r -> r.cluster().equals("eks-a")).findFirst().orElseThrow();
    assertThat(old.lastSeenAt()).as("last seen when it was last listed").isEqualTo(T1);
    assertThat(old.expiresAt())
        .as("and expires as it would have")
        .isEqualTo(T1.plus(Duration.ofDays(2)));
    assertThat(old.releaseStage()).as("the rest of the item is kept").isEqualTo("production");
    assertThat(old.owner()).isEqualTo("shop-team");

    String listing = table.equals("snap-indexed") ? "Query" : "Scan";
    assertThat(spent)
        .as("snapshot write, the cluster's keys, gone items read back, terminated ones written")
        .containsEntry(listing, 1)
        .containsEntry("BatchGetItem", 1)
        .containsEntry("BatchWriteItem", 2);

    assertThat(store.replaceCluster("kubernetes", "eks-a", a2, T2.plusSeconds(60)))
        .as("terminated records are not terminated again")
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"snap-indexed"})
  void aSnapshotHoldsOneClusterAndOneSourceAndLeavesOtherFeedsAlone(String table) {
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(db.client(), table);
    List<InventoryRecord> c = pods("/kubernetes/cluster-b.json", "shared", T1);
    InventoryRecord ecs =
        new InventoryRecord(
            API_1,
            "ecs/shared/task-1/api",
            null,
            "shop/api",
            null,
            "shared",
            null,
            "api",
            "api",
            "running",
            null,
            null,
            null,
            null,
            T1,
            T2.plusSeconds(3600),
            "ecs");
    store.upsert(List.of(ecs));

    assertThat(store.replaceCluster("kubernetes", "shared", c, T1)).isZero();
    assertThat(store.replaceCluster("kubernetes", "shared", List.of(), T2))
        .as("an empty cluster ends all its pods, not the ECS task of the same cluster name")
        .isEqualTo(2);
    assertThat(statuses(store.findLive(List.of(API_1), T1, T2).records().get(API_1)))
        .containsEntry("ecs/shared/task-1/api", "running");
    assertThatThrownBy(() -> store.replaceCluster("kubernetes", "other", c, T2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shared/shop/api");
  }

  static Map<String, String> statuses(List<InventoryRecord> records) {
    assertThat(records).isNotNull();
    return records.stream()
        .collect(Collectors.toMap(InventoryRecord::containerId, InventoryRecord::status));
  }

  static Map<String, Integer> delta(Map<String, Integer> before, Map<String, Integer> after) {
    return after.entrySet().stream()
        .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue() - before.getOrDefault(e.getKey(), 0)));
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
