package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;

/** Lenient, typed reads of tree fields; a value of the wrong shape is a {@link FieldException}. */
final class Json {

  private Json() {}

  /** A string field; numbers and booleans are taken as their text, blank is {@code null}. */
  static String text(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode()) {
      throw new FieldException(path, "expected a string, found " + n.getNodeType());
    }
    String s = n.asText();
    return s.isBlank() ? null : s;
  }

  /** A number field; numeric text is accepted (scanners put scores in strings). */
  static Double number(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      return parseDouble(n.textValue(), path);
    }
    throw new FieldException(path, "expected a number, found " + n.getNodeType());
  }

  static Double parseDouble(String text, String path) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(text.trim());
    } catch (NumberFormatException e) {
      throw new FieldException(path, "expected a number, found '" + text + "'");
    }
  }

  /** An object field, or {@code null} when absent. */
  static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new FieldException(path, "expected an object, found " + n.getNodeType());
    }
    return n;
  }

  /** An array field, or {@code null} when absent. */
  static JsonNode array(JsonNode parent, String field, String path) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw new FieldException(path, "expected an array, found " + n.getNodeType());
    }
    return n;
  }

  static String upper(String s) {
    return s == null ? null : s.trim().toUpperCase(java.util.Locale.ROOT);
  }
}
