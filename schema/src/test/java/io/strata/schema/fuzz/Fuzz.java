package io.strata.schema.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A fuzz property over input that enters Strata from outside (issue 12): tagged {@code fuzz}, run
 * by {@code mvn -B verify} with {@link #tries} tries from a fixed seed, so the build is
 * reproducible. A soak: {@code -Dstrata.fuzz.tries=100000 -Dstrata.fuzz.seed=N} (any seed; jqwik
 * prints the seed and the shrunk input of a failure). The other modules' tests use it through this
 * module's test-jar.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Property
@Tag("fuzz")
@AddLifecycleHook(FuzzBudget.class)
public @interface Fuzz {
  /** Tries in the ordinary build (overridden by {@code -Dstrata.fuzz.tries}). */
  int tries() default 200;
}
