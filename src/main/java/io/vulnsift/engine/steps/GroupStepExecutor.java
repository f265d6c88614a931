package io.vulnsift.engine.steps;

import io.vulnsift.engine.Enriched;
import io.vulnsift.engine.GroupKeys;
import io.vulnsift.engine.RunContext;
import io.vulnsift.engine.StepExecutor;
import io.vulnsift.model.Group;
import io.vulnsift.model.GroupKey;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.model.Workload;
import io.vulnsift.workflow.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Groups the surviving findings by the workflow's key fields (SPEC §2.5). A group lists the
 * distinct digests that passed the filters and the running workloads that use them; groups are
 * ordered by key, and a group's findings by image, so plans and reports are stable.
 */
@ApplicationScoped
public class GroupStepExecutor implements StepExecutor<Step.Group> {

  private static final Comparator<Workload> BY_PATH =
      Comparator.comparing(Workload::path).thenComparing(Workload::imageDigest);

  // Members ordered by image, each image's findings in the order the source gave them: a group
  // then reads the same however the fetch was ordered or split (parallel pages, shards), and the
  // fields taken from "the first" finding (the lead on equal scores, tags) do not depend on it.
  private static final Comparator<Enriched> BY_IMAGE =
      Comparator.comparing(
              (Enriched e) -> e.finding().registry(),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              e -> e.finding().repository(), Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              e -> e.finding().imageDigest(), Comparator.nullsFirst(Comparator.naturalOrder()));

  @Override
  public Class<Step.Group> stepClass() {
    return Step.Group.class;
  }

  @Override
  public void apply(Step.Group step, RunContext run) {
    GroupKeys keys = new GroupKeys(step.by());
    Map<GroupKey, List<Enriched>> buckets = new LinkedHashMap<>();
    for (Enriched e : run.findings()) {
      buckets.computeIfAbsent(keys.of(e.finding()), k -> new ArrayList<>()).add(e);
    }
    // An image's running workloads, once per image: the findings of one image share its runtime
    // context, and a run keeping many findings makes as many groups (463,000 for 1M findings of
    // every severity) — each would otherwise build the same workloads again.
    Map<RuntimeContext, List<Workload>> workloads = new IdentityHashMap<>();
    Function<RuntimeContext, List<Workload>> workloadsOf =
        context -> workloads.computeIfAbsent(context, GroupStepExecutor::workloads);
    List<Group> groups = new ArrayList<>(buckets.size());
    buckets.forEach((key, members) -> groups.add(group(key, members, workloadsOf)));
    groups.sort(Comparator.comparing(g -> g.key().canonical())); // computed once per key
    run.groups(groups);
  }

  private static Group group(
      GroupKey key,
      List<Enriched> unordered,
      Function<RuntimeContext, List<Workload>> workloadsOf) {
    if (unordered.size() == 1) {
      Enriched only = unordered.get(0);
      return new Group(
          key,
          List.of(only.finding()),
          List.of(only.finding().imageDigest()),
          workloadsOf.apply(only.runtime()));
    }
    List<Enriched> members = new ArrayList<>(unordered);
    members.sort(BY_IMAGE); // stable: keeps each image's own order
    TreeSet<String> digests = new TreeSet<>();
    TreeSet<Workload> workloads = new TreeSet<>(BY_PATH);
    for (Enriched e : members) {
      digests.add(e.finding().imageDigest());
      workloads.addAll(workloadsOf.apply(e.runtime()));
    }
    return new Group(
        key,
        members.stream().map(Enriched::finding).toList(),
        List.copyOf(digests),
        List.copyOf(workloads));
  }

  /** The distinct running workloads of one image, by path. */
  private static List<Workload> workloads(RuntimeContext context) {
    TreeSet<Workload> workloads = new TreeSet<>(BY_PATH);
    for (InventoryRecord r : context.runningRecords()) {
      workloads.add(Workload.of(r));
    }
    return List.copyOf(workloads);
  }
}
