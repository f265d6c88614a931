package io.vulnsift.model;

import java.util.Locale;

/** Scanner severities, lowest first; Inspector adds {@code UNTRIAGED}. */
public enum Severity {
  UNDEFINED,
  UNTRIAGED,
  INFORMATIONAL,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Parses a scanner severity leniently; anything unknown is {@link #UNDEFINED}. */
  public static Severity parse(String text) {
    if (text == null) {
      return UNDEFINED;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNDEFINED;
    }
  }
}
