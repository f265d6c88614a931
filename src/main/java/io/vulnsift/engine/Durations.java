package io.vulnsift.engine;

import java.time.Duration;

/** Formats durations the way workflows write them ({@code 7d}, {@code 3h}, {@code 90s}). */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s > 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s > 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s > 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
