package dev.backchannel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.app.Stores;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.edition.EditionText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
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

  /**
   * Runs the command line on {@code args} with the process environment, in this JVM (the benchmark
   * harness imports through it with a warm JIT); answers its exit code.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /** Runs the command line on {@code args} and returns its exit code. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Console console = new Console(out, err);
    CliContext context =
        new CliContext(
            console,
            env,
            Clock.systemUTC(),
            Stores::open,
            passwordHasher(env),
            CanonicalText.standard(),
            EditionText.standard(),
            new ObjectMapper());
    CommandLine cli = new CommandLine(new BackchannelCommand(), new Factory(context));
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

  /**
   * Argon2id at the cost of DESIGN 5.4, unless BACKCHANNEL_ARGON2_MEMORY_KIB and
   * BACKCHANNEL_ARGON2_ITERATIONS lower it (tests do); one hash at a time, as a command hashes.
   */
  private static PasswordHasher passwordHasher(Map<String, String> env) {
    String memory = env.get("BACKCHANNEL_ARGON2_MEMORY_KIB");
    String iterations = env.get("BACKCHANNEL_ARGON2_ITERATIONS");
    if (memory == null && iterations == null) {
      return PasswordHasher.standard();
    }
    return new PasswordHasher(
        memory == null ? PasswordHasher.MEMORY_KIB : Integer.parseInt(memory),
        iterations == null ? PasswordHasher.ITERATIONS : Integer.parseInt(iterations),
        1,
        1);
  }

  /** Builds each command with the context; the wiring of the command line. */
  private static final class Factory implements CommandLine.IFactory {
    private final CliContext context;

    Factory(CliContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CliContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
