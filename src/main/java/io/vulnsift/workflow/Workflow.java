package io.vulnsift.workflow;

import java.util.List;
import java.util.Optional;

/**
 * A parsed, validated workflow: where findings come from, how they are enriched and filtered, and
 * where alerts go. Instances are only produced by {@link WorkflowLoader}, which rejects anything
 * invalid with {@code file:line:column: message} before a run starts.
 */
@Doc(
    "A vulnsift workflow: which container image findings to consider, how to filter and group them"
        + " with runtime context, and where to send alerts for new groups.")
public record Workflow(
    @Required
        @Format(ValueFormat.WORKFLOW_NAME)
        @Doc(
            "Unique name of the workflow: 1-64 lower-case letters, digits and '-'. Keys the"
                + " reported state, and names the schedule that runs it.")
        String name,
    @Doc("What the workflow alerts on, for people reading it.") String description,
    @Doc("When the workflow runs: a cron schedule and/or scan events.") Triggers triggers,
    @Doc("Which findings a run considers.") Source source,
    @Doc("How findings are joined to the runtime inventory.") InventorySettings inventory,
    @Required(minItems = 1)
        @Doc("The pipeline, in order: filter steps, then one group step, then suppress-reported.")
        List<Step> steps,
    @Required(minItems = 1) @Doc("Where each new group is delivered, each exactly once.")
        List<Action> actions) {

  public Workflow {
    triggers = triggers == null ? Triggers.NONE : triggers;
    source = source == null ? Source.DEFAULT : source;
    inventory = inventory == null ? InventorySettings.DEFAULT : inventory;
    steps = steps == null ? List.of() : List.copyOf(steps);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** The filter steps, in order (the loader guarantees they all come before the group step). */
  public List<Step.Filter> filters() {
    return steps.stream()
        .filter(Step.Filter.class::isInstance)
        .map(Step.Filter.class::cast)
        .toList();
  }

  /** The group step; a valid workflow has at most one. */
  public Optional<Step.Group> group() {
    return steps.stream()
        .filter(Step.Group.class::isInstance)
        .map(Step.Group.class::cast)
        .findFirst();
  }

  /** The suppress-reported step, if the workflow de-duplicates against the reported state. */
  public Optional<Step.SuppressReported> suppressReported() {
    return steps.stream()
        .filter(Step.SuppressReported.class::isInstance)
        .map(Step.SuppressReported.class::cast)
        .findFirst();
  }

  /** The action with this id. */
  public Optional<Action> action(String id) {
    return actions.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
