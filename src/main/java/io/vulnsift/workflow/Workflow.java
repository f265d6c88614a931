package io.vulnsift.workflow;

import java.util.List;

/**
 * A parsed, validated workflow: where findings come from, how they are enriched and filtered,
 * and where alerts go. Instances are only produced by {@link WorkflowLoader}, which rejects
 * anything invalid with {@code file:line:column: message} before a run starts.
 */
public record Workflow(
    String name,
    String description,
    Triggers triggers,
    Source source,
    InventorySettings inventory,
    List<Step> steps,
    List<Action> actions) {

  public Workflow {
    triggers = triggers == null ? Triggers.NONE : triggers;
    source = source == null ? Source.DEFAULT : source;
    inventory = inventory == null ? InventorySettings.DEFAULT : inventory;
    steps = steps == null ? List.of() : List.copyOf(steps);
    actions = actions == null ? List.of() : List.copyOf(actions);
  }
}
