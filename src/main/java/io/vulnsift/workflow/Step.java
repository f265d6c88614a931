package io.vulnsift.workflow;

import java.time.Duration;
import java.util.List;

/** One stage of a workflow's pipeline, in file order; its {@code type} names it in YAML. */
public sealed interface Step permits Step.Filter, Step.Group, Step.SuppressReported {

  /**
   * Keeps findings for which a CEL condition over {@code finding} and {@code runtime} is true.
   *
   * @param name the funnel stage this filter produces, e.g. {@code production}
   * @param condition CEL expression, e.g. {@code "production" in runtime.runningStages}
   */
  @Doc("Keeps the findings for which a CEL condition over finding, runtime and now is true.")
  record Filter(
      @Required @Doc("The funnel stage this filter produces, e.g. production.") String name,
      @Required
          @Format(ValueFormat.CONDITION)
          @Doc("CEL expression, e.g. '\"production\" in runtime.runningStages'.")
          String condition)
      implements Step {

    /** The compiled condition (cached; the loader has already checked that it compiles). */
    public CompiledCondition compiled() {
      return Conditions.compile(condition);
    }
  }

  /**
   * Groups findings into alert groups by key fields (SPEC §2.5).
   *
   * @param by finding fields forming the key (default vulnerabilityId, registry, repository,
   *     packageName, packageVersion)
   */
  @Doc("Groups findings into alert groups by key fields.")
  record Group(
      @Format(ValueFormat.FINDING_FIELD)
          @Doc(
              "Finding fields forming the group key (default vulnerabilityId, registry,"
                  + " repository, packageName, packageVersion).")
          List<String> by)
      implements Step {
    public static final List<String> DEFAULT_KEY =
        List.of("vulnerabilityId", "registry", "repository", "packageName", "packageVersion");

    public Group {
      by = by == null ? DEFAULT_KEY : List.copyOf(by);
    }
  }

  /**
   * Drops groups already reported for this workflow (SPEC §2.6).
   *
   * @param reportWindow on a workflow's first run, groups first observed before this window are
   *     recorded as baseline instead of alerted (default 24h)
   * @param backfill on the first run, alert every group instead of taking a baseline
   * @param renotify optional re-notification rules
   * @param resolveAfter a reported group that stops matching for this long is resolved (default
   *     24h)
   */
  @Doc("Drops groups already reported by this workflow; needs a group step before it.")
  record SuppressReported(
      @Doc(
              "On the workflow's first run, groups first observed before this window are recorded"
                  + " as baseline instead of alerted (default 24h).")
          Duration reportWindow,
      @Doc("On the first run, alert every group instead of taking a baseline (default false).")
          Boolean backfill,
      @Doc("When an already reported group is reported again (default never).") Renotify renotify,
      @Doc("A reported group that stops matching for this long is resolved (default 24h).")
          Duration resolveAfter)
      implements Step {
    public SuppressReported {
      reportWindow = reportWindow == null ? Duration.ofHours(24) : reportWindow;
      backfill = backfill != null && backfill;
      renotify = renotify == null ? Renotify.NONE : renotify;
      resolveAfter = resolveAfter == null ? Duration.ofHours(24) : resolveAfter;
    }
  }

  /**
   * When an already reported group is reported again; each rule is off by default.
   *
   * @param severityRaised the group's highest severity went up
   * @param newProductionWorkload the group runs in a production workload it did not before
   * @param regression the group matches again after it was resolved
   */
  @Doc("Re-notification rules; each is off by default.")
  record Renotify(
      @Doc("The group's highest severity went up.") Boolean severityRaised,
      @Doc("The group runs in a production workload it did not run in before.")
          Boolean newProductionWorkload,
      @Doc("The group matches again after it was resolved.") Boolean regression) {
    public static final Renotify NONE = new Renotify(false, false, false);

    public Renotify {
      severityRaised = severityRaised != null && severityRaised;
      newProductionWorkload = newProductionWorkload != null && newProductionWorkload;
      regression = regression != null && regression;
    }
  }
}
