package io.vulnsift.engine.steps;

import io.vulnsift.engine.Enriched;
import io.vulnsift.engine.RunContext;
import io.vulnsift.engine.StepExecutor;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.workflow.CompiledCondition;
import io.vulnsift.workflow.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the findings whose CEL condition is true; the step's name is its funnel stage. */
@ApplicationScoped
public class FilterStepExecutor implements StepExecutor<Step.Filter> {

  @Override
  public Class<Step.Filter> stepClass() {
    return Step.Filter.class;
  }

  @Override
  public void apply(Step.Filter step, RunContext run) {
    CompiledCondition condition = step.compiled();
    Instant now = run.options().now();
    // A condition that reads neither the finding nor the clock depends on the runtime context
    // alone: evaluate it once per context (one per image digest), not once per finding.
    String text = condition.expression();
    boolean runtimeOnly = !text.contains("finding") && !text.contains("now");
    Map<RuntimeContext, Boolean> perContext = new IdentityHashMap<>();
    List<Enriched> kept =
        run.findings().stream()
            .filter(
                e ->
                    runtimeOnly
                        ? perContext.computeIfAbsent(
                            e.runtime(), rt -> condition.test(e.finding(), rt, now))
                        : condition.test(e.finding(), e.runtime(), now))
            .toList();
    run.narrow(step.name(), kept, "condition false: " + condition.expression());
  }
}
