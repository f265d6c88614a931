package io.vulnsift.engine.report;

import io.vulnsift.model.Finding;
import java.util.List;

/**
 * One current finding of a run, with its runtime context and what the run made of it: the row of
 * the HTML report's findings table. Kept only when the run traces findings ({@code --report-html}).
 *
 * @param runtimeStatus {@code running} or {@code not running}
 * @param stages release stages of the running containers ({@code None} when unset)
 * @param products release products of the running containers
 * @param clusters clusters of the running containers
 * @param workloads {@code cluster/namespace/workload} of the running containers
 * @param droppedAt the funnel stage that removed the finding, or {@code null} when it reached a
 *     group
 * @param reason why that stage removed it
 * @param group fingerprint of the group it belongs to (see {@link RunReport#groups()}), or {@code
 *     null}
 */
public record FindingOutcome(
    Finding finding,
    String runtimeStatus,
    List<String> stages,
    List<String> products,
    List<String> clusters,
    List<String> workloads,
    String droppedAt,
    String reason,
    String group) {

  public FindingOutcome {
    stages = List.copyOf(stages);
    products = List.copyOf(products);
    clusters = List.copyOf(clusters);
    workloads = List.copyOf(workloads);
  }
}
