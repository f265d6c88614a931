package io.vulnsift.engine;

import java.util.List;
import java.util.regex.Pattern;

/** Include/exclude globs over repository names: {@code *} any run of characters, {@code ?} one. */
public final class Globs {
  private final List<Pattern> include;
  private final List<Pattern> exclude;

  public Globs(List<String> include, List<String> exclude) {
    this.include = include.stream().map(Globs::compile).toList();
    this.exclude = exclude.stream().map(Globs::compile).toList();
  }

  public boolean matches(String name) {
    String n = name == null ? "" : name;
    return include.stream().anyMatch(p -> p.matcher(n).matches())
        && exclude.stream().noneMatch(p -> p.matcher(n).matches());
  }

  static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
