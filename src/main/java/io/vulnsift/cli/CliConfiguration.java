package io.vulnsift.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import io.vulnsift.engine.port.StoreException;
import io.vulnsift.inventory.kubernetes.KubernetesImportException;
import io.vulnsift.sources.ecr.FindingsParseException;
import io.vulnsift.workflow.WorkflowException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns bad input into one clear line and exit code 2, and a DynamoDB failure into one line and
 * exit code 3, instead of a stack trace: a user who typed a wrong path, a malformed file or a wrong
 * table, or whose DynamoDB is unreachable, needs the message (which names the file, option, setting
 * or table), not the JVM's internals.
 */
@ApplicationScoped
class CliConfiguration {

  @Produces
  CommandLine commandLine(PicocliCommandLineFactory factory) {
    return factory
        .create()
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof IllegalArgumentException
                  || e instanceof UncheckedIOException
                  || e instanceof FindingsParseException
                  || e instanceof KubernetesImportException
                  || e instanceof WorkflowException) {
                cmd.getErr().println("vulnsift: " + e.getMessage());
                return ExitCodes.INVALID;
              }
              if (e instanceof StoreException) {
                cmd.getErr().println("vulnsift: " + e.getMessage());
                return ExitCodes.STORE_FAILED;
              }
              throw e;
            });
  }
}
