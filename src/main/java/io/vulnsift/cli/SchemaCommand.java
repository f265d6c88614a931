package io.vulnsift.cli;

import io.vulnsift.workflow.WorkflowSchema;
import picocli.CommandLine.Command;

/** {@code schema}: prints the JSON Schema of the workflow language. */
@Command(name = "schema", description = "Print the JSON Schema of the workflow language.")
public class SchemaCommand implements Runnable {
  @Override
  public void run() {
    System.out.println(WorkflowSchema.json());
  }
}
