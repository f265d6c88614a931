package io.vulnsift.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads workflow files strictly: every error of a file is reported at once, as {@code
 * file:line:column: message}, before anything runs. Stateless and thread-safe.
 */
public final class WorkflowLoader {

  /** Loads and validates one file; the file name in messages is the path as given. */
  public Workflow load(Path file) {
    return parse(file.toString(), read(file));
  }

  /** Every error of the file, sorted by position; empty when the file is valid. */
  public List<ValidationError> validate(Path file) {
    try {
      return validate(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of(unreadable(file, e));
    }
  }

  /** Parses workflow text; {@code fileName} is only used in messages. */
  public Workflow parse(String fileName, String yamlText) {
    Result result = check(fileName, yamlText);
    if (!result.problems().isEmpty()) {
      throw new WorkflowException(result.problems().sorted());
    }
    return TreeBinder.bind(Workflow.class, result.root());
  }

  public List<ValidationError> validate(String fileName, String yamlText) {
    return check(fileName, yamlText).problems().sorted();
  }

  /**
   * Loads every {@code *.yaml}/{@code *.yml} file of a directory, in name order.
   *
   * @throws WorkflowException with the errors of all invalid files
   */
  public List<Workflow> loadAll(Path directory) {
    List<Workflow> workflows = new ArrayList<>();
    List<ValidationError> errors = new ArrayList<>();
    Map<String, Path> names = new HashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(WorkflowLoader::isYaml).sorted().toList()) {
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          errors.add(unreadable(file, e));
          continue;
        }
        Result result = check(file.toString(), text);
        if (!result.problems().isEmpty()) {
          errors.addAll(result.problems().sorted());
          continue;
        }
        Workflow workflow = TreeBinder.bind(Workflow.class, result.root());
        // The reported state is keyed by workflow name: two files sharing one would mix state.
        Path first = names.putIfAbsent(workflow.name(), file);
        if (first != null) {
          YamlNode name = ((YamlNode.Mapping) result.root()).get("name");
          errors.add(
              new ValidationError(
                  file.toString(),
                  name.line(),
                  name.column(),
                  "workflow name '" + workflow.name() + "' is already used by " + first));
        }
        workflows.add(workflow);
      }
    } catch (IOException e) {
      errors.add(unreadable(directory, e));
    }
    if (!errors.isEmpty()) {
      throw new WorkflowException(errors);
    }
    return List.copyOf(workflows);
  }

  private record Result(YamlNode root, Problems problems) {}

  private static Result check(String fileName, String text) {
    Problems problems = new Problems(fileName);
    YamlNode root = YamlReader.read(text, problems);
    if (root == null) {
      return new Result(null, problems);
    }
    if (!(root instanceof YamlNode.Mapping workflow)) {
      problems.at(
          root,
          "a workflow file must be a mapping (name:, steps:, actions:, …), not " + root.describe());
      return new Result(root, problems);
    }
    new TreeValidator(problems, new ScalarLocator(text))
        .validateRecord(Workflow.class, workflow, "workflow");
    new PipelineRules(problems).check(workflow);
    return new Result(root, problems);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WorkflowException(List.of(unreadable(file, e)));
    }
  }

  private static ValidationError unreadable(Path file, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file" : e.toString();
    return new ValidationError(file.toString(), 1, 1, "cannot read the file: " + why);
  }

  static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
