package io.vulnsift.actions.template;

import io.vulnsift.engine.Alert;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The variables every action template sees. Text values are raw here; the template engine escapes
 * them for the target when they are printed.
 *
 * <ul>
 *   <li>{@code workflow} — workflow name
 *   <li>{@code group} — the {@link Group} ({@code group.findings}, {@code group.owners}, …)
 *   <li>{@code finding} — the lead {@link Finding} (highest severity, then CVSS): {@code
 *       vulnerabilityId}, {@code title}, {@code description}, {@code severity}, {@code
 *       packageName}, {@code packageVersion}, {@code fixedInVersion}, {@code fixAvailable}, {@code
 *       exploitAvailable}, {@code uri}, {@code registry}, {@code repository}, …
 *   <li>{@code key} — the group key fields as a map ({@code key.vulnerabilityId}, {@code
 *       key.repository}, …)
 *   <li>{@code fingerprint} — the group's fingerprint; {@code fingerprintLabel} — {@code
 *       vulnsift-<fingerprint>}
 *   <li>{@code maxSeverity} — highest severity in the group, e.g. {@code CRITICAL}
 *   <li>{@code cvss} — highest CVSS score as text ({@code 9.8}), empty when unknown; {@code
 *       cvssVector} — the lead finding's vector
 *   <li>{@code epss} — the lead finding's EPSS as a percentage ({@code 94.3%}), empty when unknown
 *   <li>{@code affectedImages} — list of maps {@code digest}, {@code registry}, {@code repository},
 *       {@code tags} (list), {@code tagsText} (comma separated)
 *   <li>{@code workloads} — list of {@link io.vulnsift.model.Workload} ({@code cluster}, {@code
 *       namespace}, {@code workload}, {@code stage}, {@code product}, {@code owner}, {@code
 *       imageDigest}, {@code path})
 *   <li>{@code owners}, {@code stages} — distinct owners and stages of the workloads
 *   <li>{@code nvdUrl} — {@code https://nvd.nist.gov/vuln/detail/<id>} when the id is a CVE, else
 *       empty; {@code advisoryUrl} — the scanner's advisory URI
 *   <li>{@code jiraKey}, {@code jiraUrl} — the Jira issue an earlier action created for this group,
 *       empty when none
 *   <li>{@code now} — the run's clock, ISO-8601
 * </ul>
 */
public final class TemplateModel {

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private TemplateModel() {}

  public static Map<String, Object> of(Alert alert) {
    Group group = alert.group();
    Finding lead = group.lead();
    Map<String, Object> vars = new HashMap<>();
    vars.put("workflow", alert.workflow());
    vars.put("group", group);
    vars.put("finding", lead);
    vars.put("key", group.key().fields());
    vars.put("fingerprint", group.fingerprint());
    vars.put("fingerprintLabel", "vulnsift-" + group.fingerprint());
    vars.put("maxSeverity", group.maxSeverity().name());
    vars.put("cvss", formatCvss(group.maxCvss()));
    vars.put("cvssVector", Objects.toString(lead.cvssVector(), ""));
    vars.put("epss", formatEpss(lead.epssScore()));
    vars.put("affectedImages", affectedImages(group));
    vars.put("workloads", group.workloads());
    vars.put("owners", group.owners());
    vars.put("stages", group.stages());
    vars.put("nvdUrl", nvdUrl(lead.vulnerabilityId()));
    vars.put("advisoryUrl", Objects.toString(lead.uri(), ""));
    Map<String, String> jira = jiraResult(alert);
    vars.put("jiraKey", jira.getOrDefault("jiraKey", ""));
    vars.put("jiraUrl", jira.getOrDefault("jiraUrl", ""));
    vars.put("now", alert.now() == null ? "" : alert.now().toString());
    return vars;
  }

  public static String formatCvss(Double score) {
    return score == null ? "" : String.format(Locale.ROOT, "%.1f", score);
  }

  public static String formatEpss(Double epss) {
    if (epss == null) {
      return "";
    }
    String pct = String.format(Locale.ROOT, "%.2f", epss * 100).replaceAll("\\.?0+$", "");
    return pct + "%";
  }

  /** The NVD page of a CVE id, or empty for vendor ids (GHSA, ALAS, …) which NVD does not know. */
  public static String nvdUrl(String vulnerabilityId) {
    return vulnerabilityId != null && CVE.matcher(vulnerabilityId).matches()
        ? "https://nvd.nist.gov/vuln/detail/" + vulnerabilityId
        : "";
  }

  /** The first earlier result carrying a Jira key (the Jira action of the same workflow). */
  public static Map<String, String> jiraResult(Alert alert) {
    return alert.earlierResults().values().stream()
        .filter(r -> r.get("jiraKey") != null)
        .findFirst()
        .orElse(Map.of());
  }

  /** Affected digests in the group's (sorted) order, with repository and tags from the findings. */
  public static List<Map<String, Object>> affectedImages(Group group) {
    List<Map<String, Object>> images = new ArrayList<>();
    for (String digest : group.affectedImages()) {
      Set<String> tags = new LinkedHashSet<>();
      String repository = group.key().get("repository");
      String registry = group.key().get("registry");
      for (Finding f : group.findings()) {
        if (digest.equals(f.imageDigest())) {
          tags.addAll(f.imageTags());
          repository = f.repository() == null ? repository : f.repository();
          registry = f.registry() == null ? registry : f.registry();
        }
      }
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("digest", digest);
      image.put("registry", Objects.toString(registry, ""));
      image.put("repository", Objects.toString(repository, ""));
      image.put("tags", List.copyOf(tags));
      image.put("tagsText", String.join(", ", tags));
      images.add(image);
    }
    return images;
  }
}
