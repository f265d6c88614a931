package io.vulnsift.workflow;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the CEL conditions of filter steps. The variables are {@code finding} and {@code
 * runtime}, declared as struct types so that a misspelt field ({@code finding.sevrity}) or a type
 * error ({@code runtime.running + 1}) is a validation error, not a filter that silently drops
 * everything at 3 a.m.; and {@code now}, the run's clock, as a timestamp.
 */
public final class Conditions {

  private static final StructType FINDING = struct("vulnsift.Finding", ConditionFields.FINDING);
  private static final StructType RUNTIME = struct("vulnsift.Runtime", ConditionFields.RUNTIME);
  private static final Cel CEL = build();
  private static final Map<String, CompiledCondition> CACHE = new ConcurrentHashMap<>();

  private Conditions() {}

  /**
   * Compiles (and type-checks) a condition; cached, so compiling the same text again is cheap.
   *
   * @throws ConditionException if the expression does not parse, does not type-check, or is not a
   *     bool
   */
  public static CompiledCondition compile(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new ConditionException("condition is empty", 0, 0);
    }
    // An invalid expression throws out of computeIfAbsent, so errors are never cached.
    return CACHE.computeIfAbsent(expression, Conditions::doCompile);
  }

  /** Names of the fields a condition may read on {@code finding}. */
  public static List<String> findingFields() {
    return List.copyOf(ConditionFields.FINDING.keySet());
  }

  /** Names of the fields a condition may read on {@code runtime}. */
  public static List<String> runtimeFields() {
    return List.copyOf(ConditionFields.RUNTIME.keySet());
  }

  private static CompiledCondition doCompile(String expression) {
    CelAbstractSyntaxTree ast;
    try {
      ast = CEL.compile(expression).getAst();
    } catch (CelValidationException e) {
      List<String> messages = new ArrayList<>();
      for (CelIssue issue : e.getErrors()) {
        messages.add(ConditionHints.explain(issue.getMessage(), expression));
      }
      CelIssue first = e.getErrors().get(0);
      throw new ConditionException(
          String.join("; ", messages),
          first.getSourceLocation().getLine(),
          first.getSourceLocation().getColumn());
    } catch (LinkageError e) {
      // cel-java's generated protobuf classes refuse to load on an older protobuf-java runtime
      // (the Quarkus BOM pins one); say so instead of a bare NoClassDefFoundError.
      throw new IllegalStateException(
          "the CEL library cannot start: it needs com.google.protobuf:protobuf-java >= 4.35.1 on"
              + " the classpath (pin it in pom.xml's dependencyManagement)",
          e);
    }
    if (!ast.getResultType().equals(SimpleType.BOOL)) {
      throw new ConditionException(
          "condition must be true or false, but it is of type " + ast.getResultType().name(), 1, 0);
    }
    try {
      return new CompiledCondition(expression, CEL.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new ConditionException(e.getMessage(), 1, 0);
    }
  }

  private static <T> StructType struct(String name, Map<String, ConditionFields.Field<T>> fields) {
    return StructType.create(
        name,
        ImmutableSet.copyOf(fields.keySet()),
        field -> Optional.ofNullable(fields.get(field)).map(ConditionFields.Field::type));
  }

  private static Cel build() {
    CelTypeProvider types =
        new CelTypeProvider() {
          @Override
          public ImmutableCollection<CelType> types() {
            return ImmutableList.of(FINDING, RUNTIME);
          }

          @Override
          public Optional<CelType> findType(String name) {
            return types().stream().filter(t -> t.name().equals(name)).findFirst();
          }
        };
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true) // finding.cvssScore >= 9
            .build();
    return CelFactory.standardCelBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setTypeProvider(types)
        .addVar("finding", FINDING)
        .addVar("runtime", RUNTIME)
        .addVar("now", SimpleType.TIMESTAMP)
        .build();
  }
}
