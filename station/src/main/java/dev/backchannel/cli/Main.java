package dev.backchannel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.edition.EditionText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code backchannel} command line, and the one place where its parts are wired together.
 * Output is UTF-8 whatever the locale; errors are one line on stderr with the exit codes of DESIGN
 * 5.1, and no stack trace unless {@code --verbose} is given.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int exit = run(args, out, err);
    out.flush();
    System.exit(exit);
  }

  /** Runs the command line on {@code args} and returns its exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Console console = new Console(out, err);
    CommandLine cli = new CommandLine(new BackchannelCommand(), new Factory(console));
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          console.error("USAGE", e.getMessage());
          err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          console.error("FAILED", e.toString());
          if (Arrays.asList(args).contains("--verbose")) {
            e.printStackTrace(err);
          }
          return ExitCode.FAILURE;
        });
    return cli.execute(args);
  }

  /** Builds each command with what it needs; the wiring of the command line. */
  private static final class Factory implements CommandLine.IFactory {
    private final Console console;
    private final ObjectMapper json = new ObjectMapper();

    Factory(Console console) {
      this.console = console;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ParseCommand.class) {
        return type.cast(
            new ParseCommand(console, CanonicalText.standard(), EditionText.standard(), json));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
