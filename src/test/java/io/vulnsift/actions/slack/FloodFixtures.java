package io.vulnsift.actions.slack;

import io.vulnsift.actions.Fixtures;
import io.vulnsift.engine.Alert;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.GroupKey;
import io.vulnsift.model.Workload;
import io.vulnsift.workflow.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs of many distinct groups, each with one owner, for routing and flood control. */
final class FloodFixtures {

  static final String DEFAULT = "C0DEFAULT00";

  private FloodFixtures() {}

  static Action.Slack bot(Map<String, String> owners, Integer floodCap) {
    return new Action.Slack(null, DEFAULT, null, null, owners, floodCap);
  }

  static Action.Slack hook(String url, Integer floodCap) {
    return new Action.Slack("hook", null, url, null, null, floodCap);
  }

  /** Group {@code i}: vulnerability CVE-2026-1000+i in package pkg-i of repo/i, one owner. */
  static Group group(int i, String owner) {
    return group("CVE-2026-" + (1000 + i), "pkg-" + i, "repo/" + i, owner);
  }

  static Group group(String cve, String pkg, String repo, String owner) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("vulnerabilityId", cve);
    fields.put("repository", repo);
    fields.put("packageName", pkg);
    Finding f =
        new Finding(
            cve,
            "title of " + cve,
            "d",
            "HIGH",
            7.5,
            null,
            pkg,
            "1.0",
            "1.1",
            "YES",
            "NO",
            null,
            null,
            "123456789012",
            repo,
            Fixtures.DIGEST_A,
            List.of("v1"),
            Fixtures.NOW.minusSeconds(3600),
            Fixtures.NOW,
            Finding.ScanType.ENHANCED,
            null,
            null);
    List<Workload> workloads =
        owner == null
            ? List.of()
            : List.of(new Workload("c", "n", "w", "production", "p", owner, Fixtures.DIGEST_A));
    return new Group(new GroupKey(fields), List.of(f), List.of(Fixtures.DIGEST_A), workloads);
  }

  static List<Group> groups(int n, String... owners) {
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      groups.add(group(i, owners.length == 0 ? null : owners[i % owners.length]));
    }
    return groups;
  }

  /** The alerts of one run: every group with the same batch, as the engine builds them. */
  static List<Alert> alerts(List<Group> groups) {
    Alert.Batch batch = Alert.Batch.of(groups);
    return groups.stream()
        .map(g -> new Alert("critical-production", g, Map.of(), Fixtures.NOW, false, batch))
        .toList();
  }
}
