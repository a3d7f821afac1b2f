package dev.backchannel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.access.AccessPolicy;
import dev.backchannel.accounts.AccountsApi;
import dev.backchannel.accounts.LoginLimiter;
import dev.backchannel.accounts.Logins;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.edition.EditionText;
import dev.backchannel.cables.CablesApi;
import dev.backchannel.cables.Facts;
import dev.backchannel.channels.ChannelsApi;
import dev.backchannel.live.LiveApi;
import dev.backchannel.live.LiveEvents;
import dev.backchannel.live.LiveFeed;
import dev.backchannel.live.LiveObserver;
import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.receipts.Receipts;
import dev.backchannel.receipts.ReceiptsApi;
import dev.backchannel.server.RequestObserver;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.server.StationServer;
import dev.backchannel.store.Store;
import dev.backchannel.store.sqlite.SqliteStore;
import dev.backchannel.traffic.Drafting;
import dev.backchannel.traffic.Ticker;
import dev.backchannel.traffic.TrafficApi;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            SqliteStore::open,
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

  /**
   * The station's metrics as the settings ask for them, not started; empty when {@code
   * metrics.port=off}. Made before the store is opened, since the store reports to them.
   */
  public static Optional<StationMetrics> metrics(ServerConfig config, Clock clock) {
    return config.metricsPort().isPresent()
        ? Optional.of(new StationMetrics(config.metricsPort().getAsInt(), clock))
        : Optional.empty();
  }

  /**
   * The station server wired with its parts: logins and sessions, the access policy, the features
   * whose routes it serves, and the metrics (when given) told of its requests, live streams and
   * delivery queue. Not started.
   */
  public static StationServer server(
      ServerConfig config, Store store, Clock clock, Optional<StationMetrics> metrics) {
    ObjectMapper json = new ObjectMapper();
    PasswordHasher hasher =
        new PasswordHasher(
            config.argon2MemoryKib(), config.argon2Iterations(), 1, config.argon2Parallel());
    Logins logins =
        new Logins(
            store,
            hasher,
            new LoginLimiter(config.loginAttemptsPerMinute()),
            clock,
            config.sessionTtl(),
            config.tokenTtl());
    AccessPolicy policy = new AccessPolicy();
    LiveEvents events = new LiveEvents();
    LiveFeed live = new LiveFeed(store, policy, events);
    metrics.ifPresent(m -> m.watch(store, events));
    return new StationServer(
        config,
        logins,
        store,
        List.of(
            new AccountsApi(logins, store, hasher, config.secureCookies()),
            new ChannelsApi(store, policy),
            new CablesApi(store, policy, new Facts(store, policy)),
            new TrafficApi(store, policy, new Drafting(store, policy), live),
            new ReceiptsApi(new Receipts(store, policy, live)),
            new LiveApi(events, metrics.map(StationMetrics::live).orElse(LiveObserver.NONE))),
        json,
        new Ticker(store, live, clock),
        metrics.map(StationMetrics::requests).orElse(RequestObserver.NONE));
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
