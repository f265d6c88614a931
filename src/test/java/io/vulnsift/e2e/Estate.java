package io.vulnsift.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.model.GroupKey;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.sources.ecr.FakeFindings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The company the suite runs against: four teams, each with production services (whose critical
 * findings must be alerted) and a staging service (whose must not), images in ECR with CRITICAL and
 * HIGH findings, images nobody runs, and the Kubernetes pods that run them. {@link
 * #expectedGroups()} is what a correct vulnsift alerts, computed here from the data, not from
 * vulnsift.
 */
final class Estate {

  static final String ACCOUNT = "123456789012";
  static final String REGION = "eu-west-1";
  static final String CLUSTER = "prod-eu-1";
  static final String WORKFLOW = "e2e-critical";

  /** Team → the Slack channel its alerts go to (the workflow's {@code owners}). */
  static final Map<String, String> TEAM_CHANNELS =
      Map.of(
          "payments", "C0PAYMENTS0",
          "storefront", "C0STOREFRT0",
          "platform", "C0PLATFORM0");

  /** Where the alerts of the other teams go (by name, as the workflow writes it). */
  static final String DEFAULT_CHANNEL_NAME = "security-alerts";

  static final String DEFAULT_CHANNEL_ID = "C0SECURITY0";
  static final List<String> TEAMS = List.of("payments", "storefront", "platform", "search");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One deployed service: its repository, the digest it runs, and in which stage. */
  record Service(String team, String repository, String digest, String stage, int index) {}

  private final List<Service> services = new ArrayList<>();
  private final int criticalPerImage;
  private final Instant scannedAt;

  /**
   * @param productionPerTeam production services per team (each its own repository and image)
   * @param criticalPerImage CRITICAL findings (groups) per production image
   * @param scannedAt when the images' scans completed (the findings' first observation)
   */
  Estate(int productionPerTeam, int criticalPerImage, Instant scannedAt) {
    this.criticalPerImage = criticalPerImage;
    this.scannedAt = scannedAt;
    // Teams interleaved: groups are delivered in key order, and consecutive alerts to the same
    // channel would spend the run in Slack's per-channel pacing.
    int index = 0;
    for (int i = 0; i < productionPerTeam; i++) {
      for (String team : TEAMS) {
        String repo = team + "/svc-" + i;
        services.add(new Service(team, repo, FakeEcr.digest(repo), "production", index++));
      }
    }
    for (String team : TEAMS) {
      String staging = team + "/staging-svc";
      services.add(new Service(team, staging, FakeEcr.digest(staging), "staging", index++));
    }
  }

  List<Service> services() {
    return List.copyOf(services);
  }

  /** Puts every image, its scan and findings into the fake ECR, plus images nobody runs. */
  void publish(FakeEcr ecr) {
    for (Service s : services) {
      FakeEcr.Image image = ecr.image(ACCOUNT, s.repository(), s.digest()).completedAt(scannedAt);
      for (int i = 0; i < criticalPerImage; i++) {
        image.basic(FakeFindings.basic(cve(s, i), pkg(i), version(s, i)));
      }
      // Not CRITICAL: the severity filter drops it.
      image.basic(
          FakeFindings.basic("CVE-2025-" + (9000 + s.index()), "zlib", "1.2.13")
              .put("severity", "HIGH"));
      // An older build of the same repository that no pod runs: runtime-first never asks.
      ecr.image(ACCOUNT, s.repository(), FakeEcr.digest(s.repository() + "@old"))
          .completedAt(scannedAt)
          .basic(FakeFindings.basic("CVE-2024-1", "openssl", "3.0.1"));
    }
  }

  /** The fingerprints of every group a correct run alerts: CRITICAL, running in production. */
  Set<String> expectedGroups() {
    Set<String> out = new TreeSet<>();
    for (Service s : services) {
      if (s.stage().equals("production")) {
        for (int i = 0; i < criticalPerImage; i++) {
          out.add(fingerprint(s, i));
        }
      }
    }
    return out;
  }

  /** {@code kubectl get pods -A -o json} of the cluster: one running pod per service. */
  String pods() {
    ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    ArrayNode items = list.putArray("items");
    for (Service s : services) {
      String image = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + s.repository();
      String name = s.repository().replace('/', '-');
      ObjectNode pod = items.addObject().put("apiVersion", "v1").put("kind", "Pod");
      ObjectNode meta =
          pod.putObject("metadata").put("name", name + "-7d9f8-x2x1").put("namespace", s.team());
      meta.putObject("labels")
          .put("app.kubernetes.io/environment", s.stage())
          .put("team", s.team());
      pod.putObject("spec")
          .putArray("containers")
          .addObject()
          .put("name", "app")
          .put("image", image + ":1.0");
      ObjectNode status = pod.putObject("status").put("phase", "Running");
      status
          .putArray("containerStatuses")
          .addObject()
          .put("name", "app")
          .put("image", image + ":1.0")
          .put("imageID", image + "@" + s.digest())
          .put("ready", true)
          .put("restartCount", 0)
          .putObject("state")
          .putObject("running")
          .put("startedAt", scannedAt.toString());
    }
    return list.toString();
  }

  /** The workflow under test: the shipped triage, with Jira and owner-routed Slack. */
  static String workflow() {
    StringBuilder owners = new StringBuilder();
    TEAM_CHANNELS.forEach(
        (team, id) -> owners.append("      ").append(team).append(": ").append(id).append('\n'));
    return """
        name: %s
        triggers:
          schedule: { cron: "0 * * * *", timezone: UTC }
          events: [ecr-image-scan]
        source:
          lookback: 7d
          severities: [CRITICAL]
        inventory:
          maxAge: 3h
        steps:
          - type: filter
            name: running
            condition: runtime.running
          - type: filter
            name: production
            condition: '"production" in runtime.runningStages'
          - type: group
            by: [vulnerabilityId, registry, repository, packageName, packageVersion]
          - type: suppress-reported
            reportWindow: 24h
        actions:
          - type: jira
            project: SEC
          - type: slack
            channel: "#%s"
            owners:
        %s"""
        .formatted(WORKFLOW, DEFAULT_CHANNEL_NAME, owners);
  }

  /** Registers the workflow's channels in the Slack fake. */
  static void channels(RecordingSlack slack) {
    TEAM_CHANNELS.forEach((team, id) -> slack.channel(team + "-alerts", id));
    slack.channel(DEFAULT_CHANNEL_NAME, DEFAULT_CHANNEL_ID);
  }

  private static String cve(Service s, int i) {
    return "CVE-2026-" + (1000 + s.index() * 10 + i);
  }

  private static String pkg(int i) {
    return "lib-" + (char) ('a' + i);
  }

  private static String version(Service s, int i) {
    return i + "." + s.index() + ".0";
  }

  private static String fingerprint(Service s, int i) {
    Map<String, String> key = new LinkedHashMap<>();
    key.put("vulnerabilityId", cve(s, i));
    key.put("registry", ACCOUNT);
    key.put("repository", s.repository());
    key.put("packageName", pkg(i));
    key.put("packageVersion", version(s, i));
    return new GroupKey(key).fingerprint();
  }
}
