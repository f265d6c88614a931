package io.vulnsift.workflow;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one file, so that all of them are reported at once. */
final class Problems {
  private final String file;
  private final List<ValidationError> errors = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(int line, int column, String message) {
    errors.add(new ValidationError(file, line, column, message));
  }

  void at(YamlNode node, String message) {
    add(node.line(), node.column(), message);
  }

  void at(YamlNode.Entry entry, String message) {
    add(entry.line(), entry.column(), message);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Sorted by position; stable, so two errors at one spot keep the order they were found in. */
  List<ValidationError> sorted() {
    List<ValidationError> copy = new ArrayList<>(errors);
    copy.sort(null);
    return List.copyOf(copy);
  }
}
