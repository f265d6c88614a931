package io.vulnsift.workflow;

/**
 * Turns a position inside a scalar's value (a CEL error at column 8 of the condition) into a
 * position in the file. It only trusts the mapping when the source text really holds the value
 * verbatim at that spot (plain, simply quoted, or a {@code |} block); anything with escapes or
 * folding falls back to the scalar's start, which is still the right line.
 */
final class ScalarLocator {
  private final String[] lines;

  ScalarLocator(String text) {
    this.lines = text.split("\r?\n", -1);
  }

  /**
   * @param valueLine 1-based line within the value, 0 when unknown
   * @param valueColumn 0-based column within that line
   * @return {line, column}, both 1-based
   */
  int[] locate(YamlNode.Scalar s, int valueLine, int valueColumn) {
    int[] start = {s.line(), s.column()};
    if (valueLine <= 0 || s.line() > lines.length) {
      return start;
    }
    String[] valueLines = s.text().split("\n", -1);
    if (valueLine > valueLines.length) {
      return start;
    }
    String source = lines[s.line() - 1];
    int at = s.column() - 1;
    char first = at < source.length() ? source.charAt(at) : ' ';
    if (first == '|') {
      int index = s.line() - 1 + valueLine;
      String wanted = valueLines[valueLine - 1];
      if (wanted.isEmpty()) {
        return start; // e.g. "unexpected end" after the block's last line
      }
      if (index < lines.length && lines[index].endsWith(wanted)) {
        int indent = lines[index].length() - wanted.length();
        return new int[] {index + 1, indent + valueColumn + 1};
      }
      return start;
    }
    int content = first == '"' || first == '\'' ? at + 1 : at;
    if (valueLines.length == 1 && source.startsWith(s.text(), content)) {
      return new int[] {s.line(), content + valueColumn + 1};
    }
    return start;
  }
}
