package io.vulnsift.report.html;

import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.FindingOutcome;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of the findings table: the finding, where it runs, what became of it. The row carries
 * what the page's script filters on in {@code data-} attributes: the runtime status, the stages as
 * a JSON array, and the searchable text lower-cased (full digest and workloads included).
 */
final class FindingRow {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private FindingRow() {}

  /**
   * @param g the finding's group, {@code null} when a stage dropped it
   * @param progress how far it got, the sort key of the outcome column
   */
  static void render(StringBuilder out, FindingOutcome r, GroupReport g, int progress) {
    Finding f = r.finding();
    Severity severity = Severity.parse(f.severity());
    String digest = f.imageDigest() == null ? "" : f.imageDigest();
    String shortDigest = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    shortDigest = shortDigest.length() > 12 ? shortDigest.substring(0, 12) : shortDigest;
    Optional<DeliveryReport> jira = jira(g);
    String search =
        String.join(
                " ",
                nz(f.vulnerabilityId()),
                nz(f.title()),
                nz(f.severity()),
                nz(f.packageName()),
                nz(f.packageVersion()),
                nz(f.repository()),
                digest,
                String.join(" ", f.imageTags()),
                r.runtimeStatus(),
                String.join(" ", r.stages()),
                String.join(" ", r.products()),
                String.join(" ", r.workloads()),
                outcome(r, g),
                jira.map(d -> d.result().get("jiraKey")).orElse(""))
            .toLowerCase(Locale.ROOT);
    out.append("<tr data-runtime=\"")
        .append(Html.text(r.runtimeStatus()))
        .append("\" data-stages=\"")
        .append(Html.text(jsonArray(r.stages())))
        .append("\" data-search=\"")
        .append(Html.text(search))
        .append("\">");
    out.append("<td class=\"cve\">")
        .append(Html.anchor(advisory(f), nz(f.vulnerabilityId()), f.title()))
        .append("</td>");
    out.append("<td data-sort=\"")
        .append(severity.ordinal() * 100 + (f.cvssScore() == null ? 0 : f.cvssScore()))
        .append("\"><span class=\"sev sev-")
        .append(severity.name().toLowerCase(Locale.ROOT))
        .append("\">")
        .append(Html.text(f.severity()))
        .append("</span>")
        .append(f.cvssScore() == null ? "" : " <span class=\"cvss\">" + f.cvssScore() + "</span>")
        .append("</td>");
    out.append("<td class=\"pkg\" data-sort=\"")
        .append(Html.text(nz(f.packageName()) + " " + nz(f.packageVersion())))
        .append("\"><b>")
        .append(Html.breakable(f.packageName()))
        .append("</b> <span class=\"ver\">")
        .append(Html.text(f.packageVersion()))
        .append("</span></td>");
    out.append("<td>").append(Html.breakable(f.repository())).append("</td>");
    out.append("<td class=\"digest\" data-sort=\"")
        .append(Html.text(digest))
        .append("\" title=\"")
        .append(Html.text(digest + (f.imageTags().isEmpty() ? "" : " " + f.imageTags())))
        .append("\"><code>")
        .append(Html.text(shortDigest))
        .append("</code></td>");
    out.append("<td title=\"")
        .append(Html.text(String.join("\n", r.workloads())))
        .append("\"><span class=\"rt ")
        .append(r.runtimeStatus().equals("running") ? "rt-on" : "rt-off")
        .append("\">")
        .append(Html.text(r.runtimeStatus()))
        .append("</span></td>");
    cell(out, String.join(", ", r.stages()));
    cell(out, String.join(", ", r.products()));
    cell(out, String.join(", ", r.clusters()));
    String why = r.group() == null ? r.reason() : g == null ? null : g.reason();
    out.append("<td data-sort=\"")
        .append(progress)
        .append("\" title=\"")
        .append(Html.text(why))
        .append("\"><span class=\"out out-")
        .append(r.group() == null ? "dropped" : Html.text(outcome(r, g)))
        .append("\">")
        .append(Html.text(outcome(r, g)))
        .append("</span>");
    if (why != null) {
      out.append("<span class=\"why\">").append(Html.text(why)).append("</span>");
    }
    out.append("</td><td>");
    jira.ifPresent(
        d ->
            out.append(
                Html.anchor(d.result().get("jiraUrl"), d.result().get("jiraKey"), "Jira issue")));
    out.append("</td></tr>");
  }

  private static void cell(StringBuilder out, String text) {
    out.append("<td>").append(Html.text(text)).append("</td>");
  }

  /** What became of the finding: its group's decision, or the stage that dropped it. */
  private static String outcome(FindingOutcome r, GroupReport g) {
    if (r.group() == null) {
      return "dropped: " + r.droppedAt();
    }
    return g == null ? "grouped" : g.decision();
  }

  private static Optional<DeliveryReport> jira(GroupReport g) {
    if (g == null) {
      return Optional.empty();
    }
    return g.deliveries().values().stream()
        .filter(d -> d.result() != null && d.result().get("jiraKey") != null)
        .findFirst();
  }

  /** NVD for a CVE id, else the advisory the scanner linked. */
  private static String advisory(Finding f) {
    String id = nz(f.vulnerabilityId());
    if (CVE.matcher(id).matches()) {
      return "https://nvd.nist.gov/vuln/detail/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
    return f.uri();
  }

  /** A JSON array of strings, for the script to read back with {@code JSON.parse}. */
  static String jsonArray(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"');
      for (char c : values.get(i).toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20) {
              out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
    return out.append(']').toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
