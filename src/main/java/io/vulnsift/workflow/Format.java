package io.vulnsift.workflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a string component (or the items of a list, or the keys of a map) must look like beyond
 * being a string: a cron expression, a severity, a CEL condition, …
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Format {
  ValueFormat value();
}
