package io.vulnsift.actions.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Renders the Pebble templates of actions. There is one engine per {@link TemplateTarget}, each
 * with auto-escaping on and the target's escaping strategy as default, so a template author gets
 * safely escaped values without thinking about it; {@code |raw} opts out deliberately.
 *
 * <p>Extra filters: {@code link} (an untrusted URL as a link in the target's syntax, or escaped
 * text when it is not plain http(s)) and {@code noformat} (wiki: a {@code {noformat}} block; other
 * targets: the escaped text).
 */
public final class Templates {

  /** Caps a runaway template (e.g. a loop over a huge list) long before any API limit matters. */
  private static final int MAX_RENDERED = 1_000_000;

  private static final Map<TemplateTarget, PebbleEngine> ENGINES =
      new EnumMap<>(TemplateTarget.class);

  static {
    for (TemplateTarget target : TemplateTarget.values()) {
      ENGINES.put(target, engine(target));
    }
  }

  private Templates() {}

  /**
   * Renders {@code template} for {@code target}.
   *
   * @throws IllegalArgumentException when the template does not parse or fails to render
   */
  public static String render(TemplateTarget target, String template, Map<String, Object> vars) {
    try {
      PebbleTemplate compiled = ENGINES.get(target).getTemplate(template);
      StringWriter out = new StringWriter();
      compiled.evaluate(out, vars);
      return out.toString();
    } catch (PebbleException e) {
      // The message would repeat the whole template (it is the template's name), so keep it short.
      throw new IllegalArgumentException(
          "template error at line " + e.getLineNumber() + ": " + e.getPebbleMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks that a template parses, for workflow validation before anything runs.
   *
   * @throws IllegalArgumentException naming the line of the first error
   */
  public static void check(String template) {
    try {
      ENGINES.get(TemplateTarget.PLAIN).getTemplate(template);
    } catch (PebbleException e) {
      throw new IllegalArgumentException(
          "template error at line " + e.getLineNumber() + ": " + e.getPebbleMessage(), e);
    }
  }

  private static PebbleEngine engine(TemplateTarget target) {
    return new PebbleEngine.Builder()
        .loader(new StringLoader())
        .autoEscaping(true)
        .addEscapingStrategy(target.name(), target::escape)
        .defaultEscapingStrategy(target.name())
        .strictVariables(false)
        // What you write is what you get: Pebble would otherwise eat the line break after every
        // tag and print statement, joining lines of simple user templates.
        .newLineTrimming(false)
        .maxRenderedSize(MAX_RENDERED)
        .extension(new ActionExtension(target))
        .build();
  }

  private static final class ActionExtension extends AbstractExtension {
    private final TemplateTarget target;

    ActionExtension(TemplateTarget target) {
      this.target = target;
    }

    @Override
    public Map<String, Filter> getFilters() {
      UnaryOperator<String> noformat =
          target == TemplateTarget.JIRA_WIKI ? WikiMarkup::noformat : target::escape;
      return Map.of(
          "link",
          new SafeFilter(target::link),
          "noformat",
          new SafeFilter(noformat),
          "abbreviate",
          new Abbreviate());
    }
  }

  /**
   * Pebble's {@code abbreviate}, but never cutting a character in two: the core filter cuts at a
   * UTF-16 index, and a lone surrogate makes the whole request body invalid UTF-8. Registered after
   * the core extension, so it replaces it. Its result is escaped like any value.
   */
  private static final class Abbreviate implements Filter {
    private static final String ELLIPSIS = "...";

    @Override
    public List<String> getArgumentNames() {
      return List.of("length");
    }

    @Override
    public Object apply(
        Object input,
        Map<String, Object> args,
        PebbleTemplate self,
        EvaluationContext context,
        int lineNumber) {
      if (input == null) {
        return null;
      }
      int max = args.get("length") instanceof Number n ? n.intValue() : -1;
      if (max <= 0) {
        throw new PebbleException(
            null,
            "Invalid argument to abbreviate filter; must be greater than zero",
            lineNumber,
            self.getName());
      }
      return Text.truncate(input.toString(), max, max < ELLIPSIS.length() ? "" : ELLIPSIS);
    }
  }

  /** A filter whose output is already safe for the target, so auto-escaping leaves it alone. */
  private static final class SafeFilter implements Filter {
    private final UnaryOperator<String> fn;

    SafeFilter(UnaryOperator<String> fn) {
      this.fn = fn;
    }

    @Override
    public List<String> getArgumentNames() {
      return List.of();
    }

    @Override
    public Object apply(
        Object input,
        Map<String, Object> args,
        PebbleTemplate self,
        EvaluationContext context,
        int lineNumber) {
      return input == null ? null : new SafeString(fn.apply(input.toString()));
    }
  }
}
