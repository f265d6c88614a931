package io.vulnsift.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The {@code vulnsift} command line (SPEC §4). */
@TopCommand
@Command(
    name = "vulnsift",
    // --help and --version on every subcommand too (`vulnsift run --help`).
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "vulnsift 0.1.0",
    description =
        "Turns container-image vulnerability findings into the few alerts that matter: critical,"
            + " running in production, reported once.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      SchemaCommand.class,
      InventoryCommand.class,
      EventCommand.class,
      ServeCommand.class,
      FindingsCommand.class
    })
public class VulnsiftCommand {}
