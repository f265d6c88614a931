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
 * parses, and that every filter, function and test it names exists — Pebble only looks those up
 * when it renders, which would otherwise fail mid-run. The language's own filters ({@link
 * #FILTERS}) are implemented by the actions; here they only need to exist.
 */
final class Templates {
  /** Filters the workflow language adds to Pebble's: the actions render them for their target. */
  static final List<String> FILTERS = List.of("link", "noformat");

  private static final PebbleEngine ENGINE =
      new PebbleEngine.Builder()
          .loader(new StringLoader())
          .cacheActive(false)
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
      // Rendered without variables: only a missing filter/function/test is this template's fault.
      compiled.evaluate(new StringWriter(), Map.of());
    } catch (PebbleException e) {
      if (e.getPebbleMessage() != null && e.getPebbleMessage().contains("does not exist")) {
        Integer line = e.getLineNumber();
        return new ValueFormat.Problem(
            "invalid template: " + e.getPebbleMessage(), line == null ? 0 : line, 0);
      }
    } catch (IOException | RuntimeException e) {
      // Data-dependent failures (arithmetic on a missing value, …) are not knowable at load.
    }
    return null;
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
