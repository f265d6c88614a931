package io.vulnsift.report.html;

import io.vulnsift.engine.report.FindingOutcome;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.Severity;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every current finding of a run with its runtime context and fate, as a table the page's script
 * filters (runtime status, product stage), searches and sorts. The rows are plain HTML, so the page
 * reads without script too; each row carries what the script needs in {@code data-} attributes (the
 * stages as a JSON array, the searchable text lower-cased).
 */
final class FindingsTable {
  private FindingsTable() {}

  static String render(RunReport report, int section) {
    List<FindingOutcome> rows = sorted(report);
    Map<String, GroupReport> groups = new HashMap<>();
    report.groups().forEach(g -> groups.put(g.fingerprint(), g));
    TreeSet<String> stages = new TreeSet<>();
    rows.forEach(r -> stages.addAll(r.stages()));
    String id = "s" + section;
    StringBuilder out = new StringBuilder();
    out.append("<div class=\"controls\">")
        .append("<label>Runtime status <select class=\"runtime\" id=\"")
        .append(id)
        .append("-runtime\"><option value=\"\">all</option>")
        .append("<option value=\"running\">running</option>")
        .append("<option value=\"not running\">not running</option></select></label>")
        .append("<label>Product stage <select class=\"stage\" id=\"")
        .append(id)
        .append("-stage\"><option value=\"\">all</option>");
    for (String stage : stages) {
      out.append("<option value=\"")
          .append(Html.text(stage))
          .append("\">")
          .append(Html.text(stage))
          .append("</option>");
    }
    out.append("</select></label>")
        .append("<label class=\"grow\">Search <input type=\"search\" class=\"search\" id=\"")
        .append(id)
        .append("-search\" placeholder=\"CVE, package, repository, digest, workload…\"")
        .append(" autocomplete=\"off\"></label>")
        .append("<span class=\"shown\" id=\"")
        .append(id)
        .append("-shown\">")
        .append(rows.size())
        .append(" of ")
        .append(rows.size())
        .append("</span></div>");
    out.append("<div class=\"scroll\"><table class=\"findings\" id=\"")
        .append(id)
        .append("-findings\"><thead><tr>");
    header(out, "Vulnerability", "text");
    header(out, "Severity", "number");
    header(out, "Package and version", "text");
    header(out, "Repository", "text");
    header(out, "Image", "text");
    header(out, "Runtime", "text");
    header(out, "Stages", "text");
    header(out, "Product", "text");
    header(out, "Clusters", "text");
    header(out, "Outcome", "number");
    header(out, "Jira", "text");
    out.append("</tr></thead><tbody>");
    List<String> order = report.funnel().stream().map(FunnelStage::stage).toList();
    for (FindingOutcome r : rows) {
      FindingRow.render(
          out, r, r.group() == null ? null : groups.get(r.group()), progress(r, order));
    }
    out.append("</tbody></table></div>");
    if (rows.isEmpty()) {
      out.append("<p class=\"empty\">No current findings.</p>");
    }
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type) {
    out.append("<th aria-sort=\"none\"><button type=\"button\" data-type=\"")
        .append(type)
        .append("\">")
        .append(name)
        .append("</button></th>");
  }

  /** How far the finding got: groups first, then by the stage that dropped it, latest first. */
  private static int progress(FindingOutcome r, List<String> order) {
    return r.group() != null ? order.size() : Math.max(0, order.indexOf(r.droppedAt()));
  }

  private static List<FindingOutcome> sorted(RunReport report) {
    List<String> order = report.funnel().stream().map(FunnelStage::stage).toList();
    return report.findings().stream()
        .sorted(
            Comparator.comparingInt((FindingOutcome r) -> progress(r, order))
                .reversed()
                .thenComparing(
                    r -> Severity.parse(r.finding().severity()), Comparator.reverseOrder())
                .thenComparing(
                    r -> r.finding().cvssScore() == null ? 0.0 : r.finding().cvssScore(),
                    Comparator.reverseOrder())
                .thenComparing(r -> nz(r.finding().vulnerabilityId()))
                .thenComparing(r -> nz(r.finding().repository())))
        .toList();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
