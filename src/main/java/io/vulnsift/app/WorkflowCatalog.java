package io.vulnsift.app;

import io.vulnsift.workflow.ValidationError;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and loads workflow files. Every file is validated before anything runs, so one bad file
 * stops the whole batch with all of its errors.
 */
public final class WorkflowCatalog {
  public static final Path DEFAULT_DIR = Path.of("workflows");

  private final WorkflowLoader loader = new WorkflowLoader();

  /** The given files, or every {@code *.yaml}/{@code *.yml} of {@code workflows/} when none. */
  public List<Path> resolve(List<Path> given) {
    List<Path> out = new ArrayList<>();
    List<Path> roots = given == null || given.isEmpty() ? List.of(DEFAULT_DIR) : given;
    for (Path p : roots) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + p, e);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Validation errors of every file, in file order. */
  public List<ValidationError> validate(List<Path> files) {
    List<ValidationError> errors = new ArrayList<>();
    for (Path f : files) {
      errors.addAll(loader.validate(f));
    }
    return errors;
  }

  /**
   * Validates then loads the given workflow files (default: {@code workflows/}); prints every error
   * to {@code err} and returns empty when any file is invalid or none was found.
   */
  public java.util.Optional<List<Workflow>> loadValid(List<Path> given, java.io.PrintStream err) {
    List<Path> files = resolve(given);
    List<ValidationError> errors = validate(files);
    errors.forEach(err::println);
    if (files.isEmpty()) {
      err.println("vulnsift: no workflow files found");
    }
    return errors.isEmpty() && !files.isEmpty()
        ? java.util.Optional.of(load(files))
        : java.util.Optional.empty();
  }

  /** Loads files already validated by {@link #validate}. */
  public List<Workflow> load(List<Path> files) {
    return files.stream().map(loader::load).toList();
  }
}
