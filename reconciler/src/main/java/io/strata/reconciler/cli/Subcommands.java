package io.strata.reconciler.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * The subcommands of {@code strata}, added to the command line only where they are needed.
 *
 * <p>Picocli builds a subcommand's whole model (reflection over every option of it and of its own
 * subcommands) when it is added; for all nine that was most of a short command's start-up. A
 * command line that names a subcommand gets that one; {@code --version} alone gets none; anything
 * else — help, no subcommand, a misspelt one (picocli suggests the nearest), {@code completion}
 * (its script covers the whole tree) — gets all of them, in this order.
 */
final class Subcommands {
  /** In the order {@code strata --help} lists them. */
  static final List<Class<?>> ALL =
      List.of(
          ValidateCommand.class,
          PlanCommand.class,
          ApplyCommand.class,
          StatusCommand.class,
          DriftCommand.class,
          SimCommand.class,
          DemoCommand.class,
          DaemonCommand.class,
          CompletionCommand.class);

  /** The root's only option that takes a value ({@code --log-level LEVEL}). */
  private static final String OPTION_WITH_VALUE = "--log-level";

  private Subcommands() {}

  /** The subcommands a command line needs (see the class comment). */
  static List<Class<?>> needed(String... args) {
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals(OPTION_WITH_VALUE)) {
        i++; // its value, whatever it looks like
      } else if (arg.equals("-V") || arg.equals("--version")) {
        version = true;
      } else if (arg.startsWith(OPTION_WITH_VALUE + "=") || arg.equals("--no-color")) {
        continue;
      } else if (arg.startsWith("-")) {
        return ALL; // help, "--", or an unknown option: picocli's full answer
      } else {
        return ALL.stream()
            .filter(c -> name(c).equals(arg) && !c.equals(CompletionCommand.class))
            .findFirst()
            .<List<Class<?>>>map(List::of)
            .orElse(ALL);
      }
    }
    return version ? List.of() : ALL;
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }
}
