package io.vulnsift.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The JSON Schema (draft-07, which editors' YAML plugins support best) of the workflow language,
 * generated from the record classes through {@link Grammar}, like the validator. The committed copy
 * is {@code schema/workflow.schema.json}; a test fails when it is stale and says how to regenerate
 * it ({@code ./mvnw -q test -Dtest=WorkflowSchemaTest -Dupdate.schema=true}, or run {@link #main}).
 */
public final class WorkflowSchema {
  public static final String ID = "https://vulnsift.io/schema/workflow.schema.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""));

  private final ObjectNode definitions = JSON.createObjectNode();

  private WorkflowSchema() {}

  /** The schema as pretty-printed JSON, ending with a newline. */
  public static String json() {
    try {
      return JSON.writer(PRETTY).writeValueAsString(new WorkflowSchema().root()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the schema to the given file (default {@code schema/workflow.schema.json}). */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "schema/workflow.schema.json");
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, json(), StandardCharsets.UTF_8);
  }

  private ObjectNode root() {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("$id", ID);
    root.put("title", "vulnsift workflow");
    root.setAll(record(Workflow.class));
    root.set("definitions", definitions);
    return root;
  }

  private ObjectNode record(Class<?> type) {
    ObjectNode s = JSON.createObjectNode();
    doc(s, type.getAnnotation(Doc.class));
    s.put("type", "object");
    ObjectNode properties = s.putObject("properties");
    ArrayNode required = JSON.createArrayNode();
    if (Grammar.isChoiceMember(type)) {
      properties.putObject(Grammar.TYPE_KEY).put("const", Grammar.typeName(type));
      required.add(Grammar.TYPE_KEY);
    }
    Object defaults = Defaults.of(type);
    for (RecordComponent rc : type.getRecordComponents()) {
      Format format = rc.getAnnotation(Format.class);
      Required req = rc.getAnnotation(Required.class);
      ObjectNode p = JSON.createObjectNode();
      doc(p, rc.getAnnotation(Doc.class));
      ObjectNode shape = property(rc.getGenericType(), format == null ? null : format.value());
      if (shape.has("$ref") && p.has("description")) {
        // draft-07 ignores keywords next to $ref, so wrap it to keep the description.
        p.putArray("allOf").add(shape);
      } else {
        p.setAll(shape);
      }
      Maximum max = rc.getAnnotation(Maximum.class);
      if (max != null) {
        p.put("maximum", max.value());
      }
      if (req != null) {
        required.add(rc.getName());
        if (req.minItems() > 0) {
          p.put("minItems", req.minItems());
        }
      } else {
        Defaults.put(p, defaults, rc);
      }
      properties.set(rc.getName(), p);
    }
    if (!required.isEmpty()) {
      s.set("required", required);
    }
    RequireOneOf oneOf = type.getAnnotation(RequireOneOf.class);
    if (oneOf != null) {
      ArrayNode any = s.putArray("anyOf");
      for (String key : oneOf.value()) {
        any.addObject().putArray("required").add(key);
      }
    }
    s.put("additionalProperties", false);
    return s;
  }

  private ObjectNode property(Type type, ValueFormat format) {
    ObjectNode p = JSON.createObjectNode();
    Type element = Grammar.listElement(type);
    if (element != null) {
      p.put("type", "array");
      p.set("items", property(element, format));
      return p;
    }
    if (Grammar.isMap(type)) {
      p.put("type", "object");
      if (format != null && !format.enumValues().isEmpty()) {
        enumeration(p.putObject("propertyNames"), format.enumValues());
      }
      p.set("additionalProperties", property(Grammar.mapValue(type), null));
      return p;
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord() || Grammar.isChoice(c)) {
      p.put("$ref", "#/definitions/" + define(c));
    } else if (c == Boolean.class) {
      p.put("type", "boolean");
    } else if (c == Integer.class) {
      p.put("type", "integer");
      p.put("minimum", 1);
    } else if (c == Duration.class) {
      p.put("type", "string");
      p.put("pattern", Durations.PATTERN);
    } else {
      p.put("type", "string");
      if (c.isEnum()) {
        enumeration(p, Grammar.enumNames(c));
      } else if (format != null && !format.enumValues().isEmpty()) {
        enumeration(p, format.enumValues());
      } else if (format != null && format.pattern() != null) {
        p.put("pattern", format.pattern());
      }
    }
    return p;
  }

  /** Adds the definition of a record or choice once; returns its name, e.g. {@code Step.Filter}. */
  private String define(Class<?> c) {
    String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
    if (!definitions.has(name)) {
      definitions.putObject(name); // placeholder: stops recursion
      definitions.set(name, Grammar.isChoice(c) ? choice(c) : record(c));
    }
    return name;
  }

  /** A step or an action: discriminated by {@code type}, one definition per record. */
  private ObjectNode choice(Class<?> sealed) {
    ObjectNode s = JSON.createObjectNode();
    s.put(
        "description",
        "One " + Grammar.kindName(sealed) + "; its 'type' selects which keys it takes.");
    s.put("type", "object");
    enumeration(
        s.putObject("properties").putObject(Grammar.TYPE_KEY),
        List.copyOf(Grammar.choices(sealed).keySet()));
    s.putArray("required").add(Grammar.TYPE_KEY);
    ArrayNode oneOf = s.putArray("oneOf");
    for (Class<?> member : Grammar.choices(sealed).values()) {
      oneOf.addObject().put("$ref", "#/definitions/" + define(member));
    }
    return s;
  }

  private static void enumeration(ObjectNode node, List<String> values) {
    ArrayNode e = node.putArray("enum");
    values.forEach(e::add);
  }

  private static void doc(ObjectNode node, Doc doc) {
    if (doc != null) {
      node.put("description", doc.value());
    }
  }
}
