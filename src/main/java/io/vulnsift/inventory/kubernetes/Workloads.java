package io.vulnsift.inventory.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** The workload a pod belongs to, named the way people name it. */
final class Workloads {

  /** ReplicaSet names end in {@code -<pod-template-hash>}: digits and consonant-only letters. */
  private static final Pattern HASH_SUFFIX = Pattern.compile("-[0-9bcdfghjklmnpqrstvwxz]{6,10}$");

  /** A CronJob names its Jobs {@code <cronjob>-<scheduled time in minutes since the epoch>}. */
  private static final Pattern CRONJOB_SUFFIX = Pattern.compile("-\\d{8,10}$");

  private Workloads() {}

  /**
   * ReplicaSet → its Deployment (the hash suffix stripped); Job of a CronJob → the CronJob (the
   * schedule suffix stripped); StatefulSet, DaemonSet, other Jobs and other owners → their name; no
   * owner → the pod name.
   */
  static String of(JsonNode metadata, String podName) {
    JsonNode owner = null;
    for (JsonNode ref : metadata.path("ownerReferences")) {
      if (owner == null || ref.path("controller").asBoolean(false)) {
        owner = ref;
      }
    }
    if (owner == null || PodMapper.text(owner, "name") == null) {
      return podName;
    }
    String name = PodMapper.text(owner, "name");
    String kind = PodMapper.text(owner, "kind");
    if ("Job".equals(kind)) {
      return CRONJOB_SUFFIX.matcher(name).replaceFirst("");
    }
    if (!"ReplicaSet".equals(kind)) {
      return name;
    }
    String hash = PodMapper.text(metadata.path("labels"), "pod-template-hash");
    if (hash != null && name.endsWith("-" + hash)) {
      return name.substring(0, name.length() - hash.length() - 1);
    }
    return HASH_SUFFIX.matcher(name).replaceFirst("");
  }
}
