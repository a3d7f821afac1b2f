package dev.backchannel.cli;

import java.lang.reflect.Method;

/** Whether the command's output goes to a person at a terminal, not into a pipe or file. */
final class Terminal {
  private Terminal() {}

  /**
   * True when standard input and output are a terminal. On JDK 21 {@link System#console()} is null
   * otherwise; later JDKs return a console that says whether it is a terminal.
   */
  static boolean attached() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
