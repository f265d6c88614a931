package io.vulnsift.sources.ecr;

import java.util.Locale;

/** How an {@link EcrFindingSource} chooses the images it asks ECR about. */
public enum EcrPlan {
  /** Runtime-first when the inventory sees running images, else sweep. */
  AUTO,
  /** Every image of every selected repository (the safety net; ignores the inventory). */
  SWEEP,
  /** Only the running images the inventory knows; nothing when it knows none. */
  RUNTIME_FIRST;

  /** The setting's spelling: {@code auto}, {@code sweep}, {@code runtime-first}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static EcrPlan parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (EcrPlan p : values()) {
      if (p.label().equals(t)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown ECR plan '" + text + "' (expected auto, sweep or runtime-first)");
  }
}
