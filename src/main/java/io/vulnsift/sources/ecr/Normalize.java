package io.vulnsift.sources.ecr;

import java.util.Map;

/**
 * Normalization rules shared by the JSON (CLI output) mappers and the SDK-model mapper, so that a
 * finding read from a file and the same finding fetched through the API come out identical.
 */
final class Normalize {

  /** The CVSS score and vector text a basic finding's attributes carry, before parsing. */
  record BasicCvss(String score, String vector) {}

  private Normalize() {}

  /**
   * Basic attributes are an open key/value list: AWS_NATIVE scanning writes {@code CVSS3_*}, Clair
   * {@code CVSS2_*}, and some findings carry both — v3 wins.
   */
  static BasicCvss basicCvss(Map<String, String> attrs) {
    boolean v3 = attrs.get("CVSS3_SCORE") != null;
    return new BasicCvss(
        attrs.get(v3 ? "CVSS3_SCORE" : "CVSS2_SCORE"),
        attrs.get(v3 ? "CVSS3_VECTOR" : "CVSS2_VECTOR"));
  }

  /** {@code [epoch:]version[-release]}, the epoch only when non-zero, as basic scanning has it. */
  static String packageVersion(Number epoch, String version, String release) {
    StringBuilder sb = new StringBuilder();
    if (epoch != null && epoch.doubleValue() != 0) {
      sb.append(epoch.longValue()).append(':');
    }
    sb.append(version == null ? "" : version);
    if (release != null) {
      sb.append('-').append(release);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** Inspector writes the literal {@code NotAvailable} when no fix exists. */
  static String fixedIn(String v) {
    return v == null || v.isBlank() || v.equalsIgnoreCase("NotAvailable") ? null : v;
  }

  /** Scanner URIs have been seen with trailing spaces. */
  static String trim(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  /** A blank string is no value. */
  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static String upper(String s) {
    return s == null || s.isBlank() ? null : s.trim().toUpperCase(java.util.Locale.ROOT);
  }

  /** A title when the scanner gives none: {@code CVE-… - package}, as Inspector writes them. */
  static String title(String title, String id, String pkg) {
    if (title != null) {
      return title;
    }
    return pkg == null ? id : id + " - " + pkg;
  }
}
