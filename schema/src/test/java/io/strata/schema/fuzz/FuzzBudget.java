package io.strata.schema.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Sets a {@link Fuzz} property's tries and seed from the annotation or the system properties. */
public final class FuzzBudget implements AroundPropertyHook {
  /** The seed of the ordinary build; any other value comes from {@code -Dstrata.fuzz.seed}. */
  public static final String DEFAULT_SEED = "12";

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    int tries = context.findAnnotation(Fuzz.class).map(Fuzz::tries).orElse(200);
    context.attributes().setTries(Integer.getInteger("strata.fuzz.tries", tries));
    context.attributes().setSeed(System.getProperty("strata.fuzz.seed", DEFAULT_SEED));
    return property.execute();
  }
}
