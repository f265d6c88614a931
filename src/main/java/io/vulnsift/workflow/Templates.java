package io.vulnsift.workflow;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Checks a Pebble template (Jira summary/description/custom fields, Slack text) at load: that it
 * parses, and that every variable, filter, function and test it names exists — Pebble only looks
 * those up when it renders, which would otherwise fail mid-run or render a typo as nothing. The
 * language's own filters ({@link #FILTERS}) are implemented by the actions; here they only need to
 * exist.
 */
public final class Templates {
  /** Filters the workflow language adds to Pebble's: the actions render them for their target. */
  static final List<String> FILTERS = List.of("link", "noformat");

  /**
   * The variables the actions give templates (see the actions' template model): a template naming
   * another root variable is a typo that would render as nothing.
   */
  public static final List<String> VARIABLES =
      List.of(
          "advisoryUrl",
          "affectedImages",
          "cvss",
          "cvssVector",
          "epss",
          "finding",
          "fingerprint",
          "fingerprintLabel",
          "group",
          "jiraKey",
          "jiraUrl",
          "key",
          "maxSeverity",
          "now",
          "nvdUrl",
          "owners",
          "stages",
          "workflow",
          "workloads");

  private static final java.util.regex.Pattern ROOT_ATTRIBUTE =
      java.util.regex.Pattern.compile("Root attribute \\[([^\\]]+)\\] does not exist");

  private static final PebbleEngine ENGINE =
      new PebbleEngine.Builder()
          .loader(new StringLoader())
          .cacheActive(false)
          .strictVariables(true)
          .extension(new LanguageFilters())
          .build();

  private Templates() {}

  static ValueFormat.Problem check(String template) {
    PebbleTemplate compiled;
    try {
      compiled = ENGINE.getTemplate(template);
    } catch (ParserException e) {
      Integer line = e.getLineNumber();
      return new ValueFormat.Problem(
          "invalid template: " + e.getPebbleMessage(), line == null ? 0 : line, 0);
    } catch (PebbleException e) {
      return ValueFormat.Problem.of("invalid template: " + e.getPebbleMessage());
    }
    try {
      // Rendered with every known variable standing for anything: what still fails to resolve
      // (an unknown root variable, filter, function or test) is this template's fault.
      Map<String, Object> context = new java.util.HashMap<>();
      VARIABLES.forEach(v -> context.put(v, Anything.INSTANCE));
      compiled.evaluate(new StringWriter(), context);
    } catch (PebbleException e) {
      String message = e.getPebbleMessage();
      if (message != null && message.contains("does not exist")) {
        java.util.regex.Matcher root = ROOT_ATTRIBUTE.matcher(message);
        if (root.find()) {
          message =
              "unknown variable '"
                  + root.group(1)
                  + "'"
                  + Suggest.closest(root.group(1), VARIABLES)
                      .map(h -> " (did you mean '" + h + "'?)")
                      .orElse(" (known: " + String.join(", ", VARIABLES) + ")");
        }
        Integer line = e.getLineNumber();
        return new ValueFormat.Problem("invalid template: " + message, line == null ? 0 : line, 0);
      }
    } catch (IOException | RuntimeException e) {
      // Data-dependent failures (arithmetic on a missing value, …) are not knowable at load.
    }
    return null;
  }

  /** A value every attribute of which exists (and is itself): stands for any known variable. */
  private static final class Anything extends java.util.AbstractMap<String, Object> {
    static final Anything INSTANCE = new Anything();

    @Override
    public boolean containsKey(Object key) {
      return true;
    }

    @Override
    public Object get(Object key) {
      return this;
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return java.util.Set.of();
    }
  }

  /** The language's filters as identities: enough to tell them from misspelt ones. */
  private static final class LanguageFilters extends AbstractExtension {
    @Override
    public Map<String, Filter> getFilters() {
      Map<String, Filter> filters = new java.util.HashMap<>();
      for (String name : FILTERS) {
        filters.put(name, new Identity());
      }
      return filters;
    }
  }

  private static final class Identity implements Filter {
    @Override
    public List<String> getArgumentNames() {
      return null;
    }

    @Override
    public Object apply(
        Object input,
        Map<String, Object> args,
        PebbleTemplate self,
        EvaluationContext context,
        int lineNumber) {
      return input;
    }
  }
}
