package io.vulnsift.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A resolved secret string. When it is a JSON object it holds several fields (e.g. {@code {"url":
 * …, "email": …, "apiToken": …}}); otherwise it is one plain value. {@link #toString()} never shows
 * the value, and neither does any exception thrown here.
 */
public final class SecretValue {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String raw;
  private final JsonNode object;

  public SecretValue(String raw) {
    this.raw = raw == null ? "" : raw;
    this.object = parseObject(this.raw);
  }

  private static JsonNode parseObject(String raw) {
    if (!raw.strip().startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(raw);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      // Deliberately dropped: Jackson's message quotes the input, which is the secret.
      return null;
    }
  }

  /** Whether the secret is a JSON object of fields rather than one plain value. */
  public boolean isJson() {
    return object != null;
  }

  /** The whole secret string; never log it. */
  public String plain() {
    return raw;
  }

  /** The first of the given fields that holds a non-blank text or number, if it is JSON. */
  public Optional<String> field(String... names) {
    if (object == null) {
      return Optional.empty();
    }
    for (String name : names) {
      JsonNode v = object.get(name);
      if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
        return Optional.of(v.asText().trim());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "SecretValue[<redacted>]";
  }
}
