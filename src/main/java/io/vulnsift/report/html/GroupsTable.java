package io.vulnsift.report.html;

import io.vulnsift.engine.report.DeliveryReport;
import io.vulnsift.engine.report.GroupReport;
import io.vulnsift.engine.report.RunReport;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The alert groups of a run: each with its decision, why, where it runs and what each action did
 * with it (the Jira issue linked when its URL is known).
 */
final class GroupsTable {
  private GroupsTable() {}

  static void render(StringBuilder page, RunReport r) {
    page.append("<h3>Alert groups <span class=\"sub\">")
        .append(r.groups().size())
        .append("</span></h3>");
    if (r.groups().isEmpty()) {
      page.append("<p class=\"empty\">No group reached the alert stage.</p>");
      return;
    }
    page.append("<div class=\"scroll\"><table class=\"groups\"><thead><tr><th>Decision</th>")
        .append("<th>Vulnerability</th><th>Package</th><th>Repository</th><th>Severity</th>")
        .append("<th>Images</th><th>Running in</th><th>Why</th><th>Deliveries</th></tr></thead>")
        .append("<tbody>");
    for (GroupReport g : r.groups()) {
      Map<String, String> key = g.key();
      page.append("<tr><td><span class=\"out out-")
          .append(Html.text(g.decision()))
          .append("\">")
          .append(Html.text(g.decision()))
          .append("</span></td><td>")
          .append(Html.text(key.get("vulnerabilityId")))
          .append("</td><td>")
          .append(Html.text(key.get("packageName")))
          .append(" <span class=\"ver\">")
          .append(Html.text(key.get("packageVersion")))
          .append("</span></td><td>")
          .append(Html.text(key.get("repository")))
          .append("</td><td>")
          .append(Html.text(g.maxSeverity()))
          .append(g.maxCvss() == null ? "" : " " + g.maxCvss())
          .append("</td><td>")
          .append(g.affectedImages().size())
          .append("</td><td>")
          .append(
              Html.text(
                  g.workloads().stream()
                      .map(w -> w.path() + " (" + w.stage() + ")")
                      .distinct()
                      .collect(Collectors.joining(", "))))
          .append("</td><td>")
          .append(Html.text(g.reason()))
          .append("</td><td>");
      g.deliveries().forEach((action, d) -> delivery(page, action, d));
      page.append("</td></tr>");
    }
    page.append("</tbody></table></div>");
  }

  private static void delivery(StringBuilder page, String action, DeliveryReport d) {
    page.append("<div class=\"dlv\">").append(Html.text(action)).append(": ");
    String key = d.result() == null ? null : d.result().get("jiraKey");
    if (key != null) {
      page.append(Html.anchor(d.result().get("jiraUrl"), key, d.outcome()));
    } else {
      page.append(Html.text(d.outcome()));
    }
    if (d.error() != null) {
      page.append(" <span class=\"why\">").append(Html.text(d.error())).append("</span>");
    }
    page.append("</div>");
  }
}
