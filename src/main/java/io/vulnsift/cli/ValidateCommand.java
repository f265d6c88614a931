package io.vulnsift.cli;

import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.workflow.ValidationError;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate PATH...}: exit 0 when every file is valid, 2 otherwise. */
@Command(name = "validate", description = "Validate workflow files (exit 0 valid, 2 invalid).")
public class ValidateCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "workflow files or folders")
  List<Path> paths;

  @Override
  public Integer call() {
    WorkflowCatalog catalog = new WorkflowCatalog();
    List<Path> files = catalog.resolve(paths);
    List<ValidationError> errors = catalog.validate(files);
    errors.forEach(e -> System.err.println(e));
    if (errors.isEmpty()) {
      System.out.println(files.size() + " workflow file(s) valid");
      return 0;
    }
    return ExitCodes.INVALID;
  }
}
