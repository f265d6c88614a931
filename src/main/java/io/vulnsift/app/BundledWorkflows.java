package io.vulnsift.app;

import io.vulnsift.workflow.Workflow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows a deployed function runs: the {@code workflows/} folder of the repository is
 * packaged on the class path under {@value #RESOURCE} (the function has no checkout), unless {@code
 * VULNSIFT_WORKFLOWS_DIR} names a folder. Invalid files stop the function at start, with every
 * error, instead of failing one event at a time.
 */
public final class BundledWorkflows {
  public static final String RESOURCE = "vulnsift/workflows";

  private BundledWorkflows() {}

  /** Loads and validates the workflows; throws with every validation error when one is bad. */
  public static List<Workflow> load(Optional<Path> dir) {
    Path folder = dir.orElseGet(BundledWorkflows::bundledFolder);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Optional<List<Workflow>> loaded;
    try (PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8)) {
      loaded = new WorkflowCatalog().loadValid(List.of(folder), err);
    }
    return loaded.orElseThrow(
        () ->
            new IllegalStateException(
                "the workflows in "
                    + folder.toUri()
                    + " are not valid:\n"
                    + errors.toString(StandardCharsets.UTF_8)));
  }

  private static Path bundledFolder() {
    URL url = BundledWorkflows.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(
          "no workflows in the package ("
              + RESOURCE
              + " is missing); set VULNSIFT_WORKFLOWS_DIR to a folder of workflow files");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return Path.of(uri);
      }
      return jarFileSystem(uri).provider().getPath(uri);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read bundled workflows at " + url, e);
    }
  }

  // The package's own jar stays open for the life of the function: its workflows are read once.
  @SuppressWarnings("resource")
  private static FileSystem jarFileSystem(URI uri) {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(uri);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the package at " + uri, e);
    }
  }
}
