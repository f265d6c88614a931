package io.vulnsift.workflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that a workflow file must give. The validator and the schema generator
 * both read it, so the two never disagree about what is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {
  /** Minimum number of items, for list components. */
  int minItems() default 0;
}
