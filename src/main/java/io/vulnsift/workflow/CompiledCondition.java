package io.vulnsift.workflow;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
    Map<String, Object> findingView = ConditionViews.of(finding);
    Map<String, Object> runtimeView = ConditionViews.of(runtime);
    // A resolver rather than a Map: CEL copies a Map activation into an ImmutableMap per call.
    CelVariableResolver variables =
        name ->
            switch (name) {
              case "finding" -> Optional.of(findingView);
              case "runtime" -> Optional.of(runtimeView);
              case "now" -> Optional.of(now);
              default -> Optional.empty();
            };
    try {
      return (Boolean) program.eval(variables);
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
