package io.vulnsift.workflow;

/**
 * One problem in a workflow file, at the line and column (both 1-based) of the offending key or
 * value. Prints as {@code file:line:column: message}, the format editors and CI annotate.
 */
public record ValidationError(String file, int line, int column, String message)
    implements Comparable<ValidationError> {

  @Override
  public int compareTo(ValidationError o) {
    int c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
