package io.vulnsift.engine.steps;

import io.vulnsift.engine.Enriched;
import io.vulnsift.engine.RunContext;
import io.vulnsift.engine.StepExecutor;
import io.vulnsift.workflow.CompiledCondition;
import io.vulnsift.workflow.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

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
    List<Enriched> kept =
        run.findings().stream().filter(e -> condition.test(e.finding(), e.runtime(), now)).toList();
    run.narrow(step.name(), kept, "condition false: " + condition.expression());
  }
}
