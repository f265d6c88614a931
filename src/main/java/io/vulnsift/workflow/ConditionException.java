package io.vulnsift.workflow;

/**
 * A CEL condition that does not compile (syntax or type error) or failed to evaluate. {@link
 * #line()} and {@link #column()} locate the first problem inside the expression text, so a workflow
 * validator can point into the YAML scalar that holds it.
 */
public class ConditionException extends IllegalArgumentException {
  private final int line;
  private final int column;

  public ConditionException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the problem within the expression; 0 when unknown. */
  public int line() {
    return line;
  }

  /** 0-based column of the problem within its line of the expression; 0 when unknown. */
  public int column() {
    return column;
  }
}
