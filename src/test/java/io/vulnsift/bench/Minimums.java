package io.vulnsift.bench;

import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;

/**
 * The fewest requests the data of one run allows, to compare a run's counts with (SPEC §6: DynamoDB
 * within 10% of the minimum; ECR calls scale with running images).
 *
 * <ul>
 *   <li>ECR: one {@code DescribeImageScanFindings} per page of each running image (enhanced
 *       findings come 100 per page, basic up to 1,000); nothing cheaper tells a scan's findings.
 *   <li>DynamoDB inventory: one strongly consistent Scan of the table, 1 MB per page, reads every
 *       live record a run needs (the running images to fetch, and every record of their digests).
 *   <li>DynamoDB state: the baseline marker (1 conditional write, or a read when done), one
 *       BatchGetItem per 100 groups, one BatchWriteItem per 25 baseline groups and 1 write to
 *       complete the baseline, a conditional claim and a result write per (new group, action), and
 *       one Query page of the workflow's active groups (heartbeats, when due, come on top).
 *   <li>Jira: one {@code POST /issue} per new group (the fingerprint can travel as an issue
 *       property in the create body); Slack: one message per new group, plus one digest per channel
 *       over the flood cap.
 * </ul>
 */
record Minimums(int ecr, int inventory, int state, int jira, int slack) {

  static final long SCAN_PAGE = 1 << 20;

  /**
   * @param ecrPages pages of the running images' scans ({@link #ecrPages})
   * @param inventoryBytes the inventory table's size
   */
  static Minimums of(RunReport r, Workflow wf, int ecrPages, long inventoryBytes) {
    int groups = Math.max(0, r.count("groups"));
    int baseline = decisions(r, "baseline");
    int alerted = decisions(r, "alerted");
    int actions = wf.actions().size();
    boolean first = r.firstRun().startsWith("yes");
    int state =
        1 // marker: claim (first run) or learn it is done
            + (groups + 99) / 100
            + (first ? (baseline + 24) / 25 + 1 : 0)
            + 2 * alerted * actions
            + 1; // active groups, one page (heartbeats, when due, come on top)
    int slack = alerted == 0 ? 0 : alerted + (alerted > 10 ? 1 : 0);
    return new Minimums(
        ecrPages,
        (int) Math.max(1, (inventoryBytes + SCAN_PAGE - 1) / SCAN_PAGE),
        state,
        alerted,
        slack);
  }

  /** Pages of every running image's findings: what a runtime-first fetch cannot do without. */
  static int ecrPages(Synthetic estate) {
    int pages = 0;
    for (Synthetic.Image image : estate.runningImages()) {
      int per = image.enhanced() ? 100 : 1000;
      pages += Math.max(1, (image.findings() + per - 1) / per);
    }
    return pages;
  }

  static int decisions(RunReport r, String decision) {
    return (int) r.groups().stream().filter(g -> g.decision().equals(decision)).count();
  }
}
