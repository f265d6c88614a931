package io.vulnsift.engine;

import io.vulnsift.workflow.Step;

/**
 * Executes one kind of workflow step. Implementations are stateless application-scoped beans with
 * one method; the {@link StepRegistry} finds them by the step class they serve.
 */
public interface StepExecutor<S extends Step> {

  /** The step record class this executor runs. */
  Class<S> stepClass();

  /** Applies the step to the run's working set. */
  void apply(S step, RunContext run);
}
