package io.vulnsift.workflow;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import java.time.Instant;
import java.util.Map;

/** A type-checked CEL condition, ready to evaluate per finding; thread-safe. */
public final class CompiledCondition {
  private final String expression;
  private final CelRuntime.Program program;

  CompiledCondition(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  public String expression() {
    return expression;
  }

  /**
   * Evaluates the condition for one finding.
   *
   * @param runtime the finding's runtime context; {@code null} means no inventory record
   * @param now the run's clock
   * @throws ConditionException when evaluation fails (e.g. an invalid {@code duration('…')})
   */
  public boolean test(Finding finding, RuntimeContext runtime, Instant now) {
    Map<String, Object> activation =
        Map.of(
            "finding", ConditionViews.of(finding),
            "runtime", ConditionViews.of(runtime),
            "now", now);
    try {
      return (Boolean) program.eval(activation);
    } catch (CelEvaluationException e) {
      throw new ConditionException(
          "condition '"
              + expression
              + "' failed on "
              + finding.vulnerabilityId()
              + ": "
              + e.getMessage(),
          0,
          0);
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
