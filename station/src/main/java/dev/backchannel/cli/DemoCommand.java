package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.accounts.Secrets;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.app.Station;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Series;
import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.server.ConfigException;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** A demo login. */
  private record Login(String name, String addressedAs, String end, Role role, String zone) {}

  private static final Login[] LOGINS = {
    new Login("kissinger", "KISSINGER", "HAK", Role.PRINCIPAL, "Asia/Ho_Chi_Minh"),
    new Login("lord", "LORD", "HAK", Role.STAFF, "Asia/Ho_Chi_Minh"),
    new Login("haig", "HAIG", "WH", Role.PRINCIPAL, "America/New_York"),
    new Login("kennedy", "KENNEDY", "WH", Role.DUTY_OFFICER, "America/New_York"),
    new Login("president", "THE PRESIDENT", "", Role.PRINCIPAL, "America/New_York"),
  };

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
    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put("admin", password());
    KeyPair keys = SigningKeys.generate();
    SigningKeys.writePrivateKey(keys, file.resolveSibling(file.getFileName() + ".key"));
    s.initialise(
        new StationSetup(
            "WHS",
            "White House Situation Room (demo)",
            SigningKeys.publicKeyText(keys),
            NewUser.of(
                "admin",
                new Clearance(Classification.UNCLASSIFIED, Set.of()),
                ZoneId.of("UTC"),
                Set.of(Role.ADMINISTRATOR),
                Optional.of(hasher.hash(passwords.get("admin").toCharArray())),
                Optional.empty())));
    s.createChannel("BACKCHANNEL", "HAK", "WH", "admin");
    for (Login l : LOGINS) {
      String pw = password();
      passwords.put(l.name(), pw);
      s.createUser(
          new NewUser(
              l.name(),
              l.addressedAs(),
              new Clearance(Classification.TOP_SECRET, Set.of(new Caveat("SENSITIVE"))),
              ZoneId.of(l.zone()),
              OfficeHours.DEFAULT,
              Set.of(l.role()),
              Optional.of(hasher.hash(pw.toCharArray())),
              Optional.empty()),
          "admin");
      if (!l.end().isEmpty()) {
        s.putMember("BACKCHANNEL", l.end(), l.name(), l.role() == Role.PRINCIPAL, "admin");
      }
    }
    s.createExchange(
        new NewExchange(
            "BACKCHANNEL",
            "OCT72",
            new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
            new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
        "admin");
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

  private static String password() {
    // letters and digits only: nothing a shell or a reader could take for an option
    return Secrets.newToken().replace("-", "").replace("_", "").substring(0, 16);
  }

  private StationClient as(String url, String user, Map<String, String> passwords) {
    JsonNode login =
        new StationClient(url, Optional.empty(), context.json())
            .post(
                "/api/login",
                context
                    .json()
                    .createObjectNode()
                    .put("name", user)
                    .put("password", passwords.get(user))
                    .put("kind", "token"));
    return new StationClient(url, Optional.of(login.path("token").asText()), context.json());
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
