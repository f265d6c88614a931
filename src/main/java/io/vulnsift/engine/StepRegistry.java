package io.vulnsift.engine;

import io.vulnsift.workflow.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The step executors, keyed by the step type they serve. Fails fast at start-up when a step type
 * has no executor or two executors, so a workflow never finds out mid-run.
 */
@ApplicationScoped
public class StepRegistry {
  private final Map<Class<?>, StepExecutor<?>> executors = new HashMap<>();

  @Inject
  public StepRegistry(Instance<StepExecutor<?>> beans) {
    this(beans.stream().toList());
  }

  public StepRegistry(List<? extends StepExecutor<?>> beans) {
    for (StepExecutor<?> bean : beans) {
      StepExecutor<?> previous = executors.put(bean.stepClass(), bean);
      if (previous != null) {
        throw new IllegalStateException(
            "two executors for step type "
                + bean.stepClass().getSimpleName()
                + ": "
                + previous.getClass().getName()
                + " and "
                + bean.getClass().getName());
      }
    }
    List<String> missing =
        Arrays.stream(Step.class.getPermittedSubclasses())
            .filter(c -> !executors.containsKey(c))
            .map(Class::getSimpleName)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("no executor for step types " + missing);
    }
  }

  /** Runs one step with its executor. */
  @SuppressWarnings("unchecked")
  public <S extends Step> void apply(S step, RunContext run) {
    StepExecutor<S> executor = (StepExecutor<S>) executors.get(step.getClass());
    if (executor == null) {
      throw new IllegalStateException("no executor for " + step.getClass().getSimpleName());
    }
    executor.apply(step, run);
  }
}
