package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.app.Station;
import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.server.ConfigException;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backchannel demo} (DESIGN 5.5): a fresh station, served at once, with the October
 * backchannel's parties and traffic made through the real release and delivery paths: an end hold
 * makes a crossing, a FLASH awaits acknowledgement, an eyes-only cable, and a sealed cable passed
 * to the President and not yet opened. Each login gets a random password, printed once.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Serves a fresh demo station with users and traffic; prints the URL and logins.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--store",
      paramLabel = "PATH",
      description = "Where to create the demo station file (default: a new temporary folder).")
  Path store;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The port to serve on (default 8080; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--two-stations",
      description =
          "Two stations, WHS and SAIGON, each a process of its own on ports PORT and PORT+1, with"
              + " the channel's ends relayed between them (--store: the folder for their files).")
  boolean twoStations;

  private final CliContext context;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  private static final List<DemoParties.Login> LOGINS =
      java.util.stream.Stream.concat(DemoParties.HAK.stream(), DemoParties.WH.stream()).toList();

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new HashMap<>(context.env());
    if (port != null) {
      env.put(ServerConfig.variable("http.port"), String.valueOf(port));
    }
    ServerConfig settings;
    try {
      settings = ServerConfig.load(Optional.empty(), env);
    } catch (ConfigException e) {
      context.console().error("CONFIG", e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (twoStations) {
      Path folder =
          store != null
              ? Files.createDirectories(store.toAbsolutePath())
              : Files.createTempDirectory("backchannel-demo");
      return new TwoStationsDemo(context, settings).run(folder, port == null ? 8080 : port);
    }
    Path file =
        store != null
            ? store.toAbsolutePath()
            : Files.createTempDirectory("backchannel-demo").resolve("station.db");
    Optional<StationMetrics> metrics = Station.metrics(settings, context.clock());
    Store s;
    try {
      s =
          context
              .stores()
              .open(
                  new StoreLocation.SqliteFile(file),
                  context.clock(),
                  metrics.map(StationMetrics::store).orElse(StoreObserver.NONE),
                  settings.objectives());
    } catch (StoreException e) {
      context.console().error(e.problem().name(), e.getMessage());
      return ExitCode.FAILURE;
    }
    if (s.station().isPresent()) {
      s.close();
      context
          .console()
          .error("CONFLICT", "the demo needs a fresh station file; " + file + " is set up");
      return ExitCode.NEEDS_CONFIRMATION;
    }
    PasswordHasher hasher =
        new PasswordHasher(
            settings.argon2MemoryKib(), settings.argon2Iterations(), 1, settings.argon2Parallel());
    KeyPair keys = SigningKeys.generate();
    SigningKeys.writePrivateKey(keys, file.resolveSibling(file.getFileName() + ".key"));
    Map<String, String> passwords =
        DemoParties.setUp(s, "WHS", "White House Situation Room (demo)", keys, hasher, LOGINS);
    Station served =
        Station.build(settings, s, context.clock(), metrics, Optional.of(keys.getPrivate()));
    Optional<Serving> serving =
        Serving.start(served, settings, context.console(), "backchannel-demo-shutdown");
    if (serving.isEmpty()) {
      served.close();
      return ExitCode.FAILURE;
    }
    String url = "http://" + settings.host() + ":" + served.server().port();
    traffic(url, passwords);
    print(url, metrics.map(StationMetrics::url), file, passwords);
    serving.get().awaitStop();
    return ExitCode.OK;
  }

  private StationClient as(String url, String user, Map<String, String> passwords) {
    return DemoParties.login(context, url, user, passwords.get(user));
  }

  private JsonNode release(StationClient who, String text) {
    JsonNode draft =
        who.post(
            "/api/drafts",
            context.json().createObjectNode().put("exchange", "OCT72").put("text", text));
    ObjectNode confirm = context.json().createObjectNode().put("confirm", true);
    return who.post("/api/drafts/" + draft.path("id").asLong() + "/release", confirm);
  }

  /** The demo's traffic, through the same API every client uses. */
  private void traffic(String url, Map<String, String> passwords) {
    StationClient kissinger = as(url, "kissinger", passwords);
    StationClient haig = as(url, "haig", passwords);
    StationClient kennedy = as(url, "kennedy", passwords);
    // the White House end is off the air: Hakto 1 waits while Tohak 1 is written without it
    kennedy.send("PUT", "/api/channels/BACKCHANNEL/ends/WH/hold", null);
    release(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER (SAIGON)\nTO: HAIG (WASHINGTON)\n"
            + "SUBJ: LAGGING COMMUNICATIONS\n\n"
            + "1. I HAVE HAD NO WORD FROM YOU SINCE YESTERDAY. PLEASE MAKE SURE THE PRESIDENT"
            + " READS MY CABLES, NOT A SUMMARY OF THEM.\n");
    release(
        haig,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: HAIG (WASHINGTON)\nTO: KISSINGER (SAIGON)\n"
            + "SUBJ: THE PRESIDENT'S VIEW\n\n"
            + "1. THE PRESIDENT WANTS THE RESTRICTION AT THE 20TH PARALLEL KEPT UNTIL YOU"
            + " RETURN.\n");
    kennedy.send("DELETE", "/api/channels/BACKCHANNEL/ends/WH/hold", null);
    release(
        kissinger,
        "FLASH\nTOP SECRET SENSITIVE EXCLUSIVELY EYES ONLY\nFROM: KISSINGER (SAIGON)\n"
            + "TO: HAIG (WASHINGTON)\nHANDLING: DELIVER IMMEDIATELY\nREF: TOHAK 1\n"
            + "SUBJ: SECURITY SITUATION\n\n"
            + "1. THIEU'S REPLY WILL COME TOMORROW; I EXPECT IT TO BE HARD. ACKNOWLEDGE ON"
            + " RECEIPT.\n");
    release(
        kissinger,
        "PRIORITY\nTOP SECRET SENSITIVE\nFROM: KISSINGER (SAIGON)\nTO: HAIG (WASHINGTON)\n"
            + "PASS TO: THE PRESIDENT\n"
            + "HANDLING: DELIVER IN SEALED ENVELOPE MARKED EYES ONLY TO THE PRESIDENT\n"
            + "SUBJ: FOR THE PRESIDENT\n\n"
            + "1. MR. PRESIDENT, THIS IS FOR YOUR EYES; PLEASE READ IT IN FULL.\n");
    haig.post(
        "/api/exchanges/OCT72/cables/" + StationClient.segment("Hakto 3") + "/pass",
        context.json().createObjectNode().put("to", "THE PRESIDENT"));
  }

  private void print(
      String url, Optional<String> metrics, Path file, Map<String, String> passwords) {
    PrintStream out = context.console().out();
    out.println("Backchannel demo station WHS serving on " + url);
    metrics.ifPresent(m -> out.println("metrics on " + m));
    out.println("Station file: " + file + " (a demo: delete it when done)");
    out.println();
    Table t = new Table("LOGIN", "PASSWORD", "WHO");
    t.row("admin", passwords.get("admin"), "administrator (sees no cable)");
    t.row("kissinger", passwords.get("kissinger"), "principal, HAK end, in Asia/Ho_Chi_Minh");
    t.row("lord", passwords.get("lord"), "staff, HAK end");
    t.row("haig", passwords.get("haig"), "deputy, White House end, in America/New_York");
    t.row("kennedy", passwords.get("kennedy"), "duty officer, White House end");
    t.row("president", passwords.get("president"), "THE PRESIDENT, a pass-to reader");
    t.print(out);
    out.println();
    out.println("Traffic in exchange OCT72:");
    out.println(
        "  Hakto 1 and Tohak 1 crossed: the White House end was held while both were written");
    out.println("  Hakto 2 is FLASH, EXCLUSIVELY EYES ONLY for Haig, awaiting his acknowledgement");
    out.println(
        "  Hakto 3 is sealed for THE PRESIDENT; Haig passed it on unopened; not yet opened");
    out.println();
    out.println(
        "Open "
            + url
            + " in a browser and log in as haig or kissinger, or try, in another terminal:");
    out.println("  ./backchannel login --url " + url + " --user haig");
    out.println("  ./backchannel inbox");
    out.println("  ./backchannel read \"Hakto 2\" && ./backchannel ack \"Hakto 2\"");
    out.println("  ./backchannel crossings");
    out.println("Ctrl-C stops the demo.");
    out.flush();
  }
}
