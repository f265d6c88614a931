package io.vulnsift.inventory.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.inventory.InventoryKeys;
import io.vulnsift.model.ImageReference;
import io.vulnsift.model.InventoryRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** One pod → one inventory record per container (init containers included). */
final class PodMapper {

  static final String SOURCE = "kubernetes";
  private static final JsonNode EMPTY =
      com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  private final KubernetesImportOptions options;

  PodMapper(KubernetesImportOptions options) {
    this.options = options;
  }

  /**
   * The pod's records; a container whose inventory keys DynamoDB could not hold is left out and
   * told to {@code skipped} (as {@code pod <namespace>/<name>: <where in the pod>: <why>}), so that
   * the rest of the pod and of the listing is imported.
   */
  List<InventoryRecord> map(JsonNode pod, Consumer<String> skipped) {
    JsonNode meta = pod.path("metadata");
    String name = text(meta, "name");
    String namespace = text(meta, "namespace");
    if (name == null) {
      throw new IllegalArgumentException("pod without metadata.name");
    }
    JsonNode labels = meta.path("labels");
    String workload = Workloads.of(meta, name);
    List<InventoryRecord> out = new ArrayList<>();
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    for (String kind : List.of("initContainers", "containers")) {
      JsonNode statusList = status.path(statusField(kind));
      Map<String, JsonNode> statuses = byName(statusList);
      int i = 0;
      for (JsonNode c : spec.path(kind)) {
        String container = text(c, "name");
        JsonNode st = statuses.remove(container);
        InventoryRecord r = record(namespace, name, workload, labels, c, st == null ? EMPTY : st);
        keep(r, name, "spec." + kind + "[" + i++ + "]", out, skipped);
      }
      // A status without a spec entry should not exist, but it still runs something.
      for (JsonNode st : statuses.values()) {
        InventoryRecord r = record(namespace, name, workload, labels, EMPTY, st);
        String at = "status." + statusField(kind) + "[" + indexOf(statusList, st) + "]";
        keep(r, name, at, out, skipped);
      }
    }
    return out;
  }

  /** Adds {@code r}, or tells {@code skipped} why DynamoDB could not hold its keys. */
  private void keep(
      InventoryRecord r,
      String pod,
      String at,
      List<InventoryRecord> out,
      Consumer<String> skipped) {
    String why = keyProblem(r, pod);
    if (why == null) {
      out.add(r);
    } else {
      String name = cut(r.namespace() + "/" + pod);
      skipped.accept("pod " + name + ": " + at + why + "; container not imported");
    }
  }

  /**
   * Why DynamoDB would reject the record's keys, or null. Only byte counts are told: the value at
   * fault is the one too long to print.
   */
  private String keyProblem(InventoryRecord r, String pod) {
    int digest = InventoryKeys.bytes(r.imageDigest());
    if (digest > InventoryKeys.MAX_DIGEST_BYTES) {
      // A resolved digest is short (ImageReference.isDigest): this is "unresolved:" + the image.
      return String.format(
          Locale.ROOT,
          ".image: %,d bytes with no digest resolved; the inventory key imageDigest"
              + " (\"unresolved:\" + image) would be %,d bytes, over DynamoDB's %,d-byte"
              + " partition-key limit",
          InventoryKeys.bytes(r.imageName()),
          digest,
          InventoryKeys.MAX_DIGEST_BYTES);
    }
    int id = InventoryKeys.bytes(r.containerId());
    if (id > InventoryKeys.MAX_CONTAINER_ID_BYTES) {
      return String.format(
          Locale.ROOT,
          ": the inventory key containerId (cluster/namespace/pod/container: %,d + %,d + %,d + %,d"
              + " bytes and 3 slashes) would be %,d bytes, over DynamoDB's %,d-byte sort-key limit",
          InventoryKeys.bytes(options.cluster()),
          InventoryKeys.bytes(String.valueOf(r.namespace())),
          InventoryKeys.bytes(pod),
          InventoryKeys.bytes(String.valueOf(r.container())),
          id,
          InventoryKeys.MAX_CONTAINER_ID_BYTES);
    }
    return null;
  }

  private InventoryRecord record(
      String namespace, String pod, String workload, JsonNode labels, JsonNode spec, JsonNode st) {
    String container = text(spec, "name") != null ? text(spec, "name") : text(st, "name");
    String image = text(spec, "image") != null ? text(spec, "image") : text(st, "image");
    String digest = digest(text(st, "imageID"), image, text(st, "image"));
    // Never matches a finding, yet shows that the workload exists and what it wants to run.
    String status = digest == null ? "waiting" : state(st.path("state"));
    ImageReference ref = image == null ? null : ImageReference.parse(image);
    Map<String, String> env = env(spec);
    String stage = first(env.get("DT_RELEASE_STAGE"), text(labels, options.environmentLabel()));
    if (stage == null && namespace != null) {
      stage = options.namespaceStages().get(namespace);
    }
    return new InventoryRecord(
        digest == null ? "unresolved:" + image : digest,
        String.join("/", options.cluster(), String.valueOf(namespace), pod, container),
        ref == null ? null : ref.registry(),
        ref == null ? null : ref.repository(),
        image,
        options.cluster(),
        namespace,
        workload,
        container,
        status,
        stage,
        first(env.get("DT_RELEASE_PRODUCT"), text(labels, options.productLabel())),
        first(env.get("DT_RELEASE_VERSION"), text(labels, options.versionLabel())),
        text(labels, options.ownerLabel()),
        options.seenAt(),
        options.seenAt().plus(options.ttl()),
        SOURCE);
  }

  /**
   * The registry's manifest digest, which is what ECR findings carry. A repository-qualified {@code
   * imageID} ({@code repo@sha256:…}, also behind {@code docker-pullable://}) is one. A bare one
   * ({@code sha256:…}, {@code docker://sha256:…}) is the local image id, i.e. the config digest,
   * which never equals a manifest digest: a digest pinned in the image reference is better.
   */
  static String digest(String imageId, String specImage, String statusImage) {
    String fromId = ImageReference.digestOf(imageId);
    if (fromId == null || imageId.contains("@")) {
      return fromId;
    }
    for (String image : new String[] {specImage, statusImage}) {
      String pinned = image == null || !image.contains("@") ? null : ImageReference.digestOf(image);
      if (pinned != null) {
        return pinned;
      }
    }
    return fromId;
  }

  private static String state(JsonNode state) {
    if (state.has("running")) {
      return "running";
    }
    if (state.has("terminated")) {
      return "terminated";
    }
    return "waiting";
  }

  /** Literal env values only: a {@code valueFrom} cannot be resolved from a pod listing. */
  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : container.path("env")) {
      String value = text(e, "value");
      if (text(e, "name") != null && value != null) {
        env.put(text(e, "name"), value);
      }
    }
    return env;
  }

  private static Map<String, JsonNode> byName(JsonNode statuses) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    for (JsonNode s : statuses) {
      map.put(text(s, "name"), s);
    }
    return map;
  }

  private static int indexOf(JsonNode array, JsonNode element) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) == element) {
        return i;
      }
    }
    return -1;
  }

  /** A name for a message: long ones cut, since the name may be what is too long. */
  private static String cut(String text) {
    return text.length() <= 120 ? text : text.substring(0, 119) + "…";
  }

  private static String statusField(String specField) {
    return specField.equals("containers") ? "containerStatuses" : "initContainerStatuses";
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  static String text(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n == null || !n.isValueNode() || n.asText().isBlank() ? null : n.asText();
  }
}
