package io.vulnsift.inventory.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.model.InventoryRecord;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns a {@code kubectl get pods -A -o json} document (a {@code List} of {@code Pod}s) into
 * inventory records, one per container and init container. The container id {@code
 * <cluster>/<namespace>/<pod>/<container>} is stable across restarts, so importing the next listing
 * upserts. Pods are streamed one at a time, so an error names the location of the pod at fault.
 *
 * <p>A document that cannot be read, or a pod without a name, fails the import ({@link
 * KubernetesImportException}). A container whose inventory keys DynamoDB could not hold (a huge
 * image reference without a digest, a huge name) is set aside instead, one message each in the same
 * {@code file:line:column: items[i]: …} form: written, it would fail its whole batch, and an import
 * is a full snapshot of the cluster that should not be lost for one container.
 */
public final class KubernetesPodsImporter {

  /** The {@code source} of every record, and of a cluster snapshot (see replaceCluster). */
  public static final String SOURCE = PodMapper.SOURCE;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(KubernetesPodsImporter.class.getName());

  private final PodMapper mapper;
  private final Consumer<String> skipped;

  /** Containers set aside are logged as warnings. */
  public KubernetesPodsImporter(KubernetesImportOptions options) {
    this(options, message -> LOG.log(System.Logger.Level.WARNING, message));
  }

  /** Containers set aside are told to {@code skipped}, one message each. */
  public KubernetesPodsImporter(KubernetesImportOptions options, Consumer<String> skipped) {
    this.mapper = new PodMapper(Objects.requireNonNull(options, "options"));
    this.skipped = Objects.requireNonNull(skipped, "skipped");
  }

  public List<InventoryRecord> importPods(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return importPods(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** {@code sourceName} names the stream in errors. */
  public List<InventoryRecord> importPods(InputStream in, String sourceName) {
    List<InventoryRecord> out = new ArrayList<>();
    try (JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(sourceName, p.currentTokenLocation(), "expected a kubectl List object");
      }
      JsonLocation start = p.currentTokenLocation();
      boolean sawItems = false;
      String kind = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("items")) {
          sawItems = true;
          items(p, value, sourceName, out);
        } else if (field.equals("kind") && value.isScalarValue()) {
          kind = p.getText();
        } else {
          p.skipChildren();
        }
      }
      if (!sawItems) {
        throw error(
            sourceName, start, "no \"items\": not a kubectl pod listing (kind " + kind + ")");
      }
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
      throw error(sourceName, e.getLocation(), msg.lines().findFirst().orElse(msg), e);
    } catch (CharConversionException e) {
      // bytes that are no UTF-8/16/32 are bad input like malformed JSON, not a failed read
      throw error(sourceName, null, "not JSON text: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
    }
    return out;
  }

  private void items(JsonParser p, JsonToken value, String source, List<InventoryRecord> out)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    if (value != JsonToken.START_ARRAY) {
      throw error(source, p.currentTokenLocation(), "\"items\" must be an array");
    }
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation at = p.currentTokenLocation();
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw error(source, at, "items[" + i + "] must be a Pod object");
      }
      JsonNode pod = MAPPER.readTree(p);
      String item = "items[" + i + "]: ";
      try {
        out.addAll(mapper.map(pod, why -> skipped.accept(where(source, at) + item + why)));
      } catch (IllegalArgumentException e) {
        // the mapper's own "this pod cannot be imported"; anything else is a bug and shows as one
        throw error(source, at, item + e.getMessage());
      }
      i++;
    }
  }

  private static KubernetesImportException error(String source, JsonLocation at, String message) {
    return error(source, at, message, null);
  }

  private static KubernetesImportException error(
      String source, JsonLocation at, String message, Throwable cause) {
    return new KubernetesImportException(where(source, at) + message, cause);
  }

  /** {@code file:line:column: }, or {@code file: } where the location is unknown. */
  private static String where(String source, JsonLocation at) {
    return source
        + (at == null || at.getLineNr() <= 0 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
        + ": ";
  }
}
