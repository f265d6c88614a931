package io.vulnsift.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow file is invalid; carries every error of the file, sorted by position. */
public class WorkflowException extends RuntimeException {
  private final transient List<ValidationError> errors;

  public WorkflowException(List<ValidationError> errors) {
    super(errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ValidationError> errors() {
    return errors;
  }
}
