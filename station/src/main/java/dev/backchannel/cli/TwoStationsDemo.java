package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code backchannel demo --two-stations} (issue 25): the October backchannel across two stations,
 * each {@code backchannel serve} in a process of its own. WHS, the White House Situation Room,
 * holds the WH end (Haig, Kennedy its duty officer, the President) and numbers the Tohaks; SAIGON,
 * Kissinger's travelling party, holds the HAK end (Kissinger, Lord) and numbers the Haktos. Each
 * knows the other as a peer; one cable each way goes over the link before the logins are printed.
 */
final class TwoStationsDemo {
  /** One of the two stations: its prefix, name, file, key, port and logins. */
  private static final class Side {
    final String prefix;
    final String name;
    final Path file;
    final KeyPair keys = SigningKeys.generate();
    final int port;
    final String end;
    final List<DemoParties.Login> logins;
    Map<String, String> passwords = Map.of();
    Process process;

    Side(
        String prefix,
        String name,
        Path file,
        int port,
        String end,
        List<DemoParties.Login> logins) {
      this.prefix = prefix;
      this.name = name;
      this.file = file;
      this.port = port;
      this.end = end;
      this.logins = logins;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  private final CliContext context;
  private final ServerConfig settings;
  private final PasswordHasher hasher;

  TwoStationsDemo(CliContext context, ServerConfig settings) {
    this.context = context;
    this.settings = settings;
    this.hasher =
        new PasswordHasher(
            settings.argon2MemoryKib(), settings.argon2Iterations(), 1, settings.argon2Parallel());
  }

  /** Sets both stations up in {@code dir}, serves them, and waits until they stop. */
  int run(Path dir, int port) throws Exception {
    int whsPort = port == 0 ? freePort() : port;
    int saigonPort = port == 0 ? freePort() : port + 1;
    Side whs =
        new Side(
            "WHS",
            "White House Situation Room (demo)",
            dir.resolve("whs.db"),
            whsPort,
            "WH",
            DemoParties.WH);
    Side saigon =
        new Side(
            "SAIGON",
            "Kissinger's party, Saigon (demo)",
            dir.resolve("saigon.db"),
            saigonPort,
            "HAK",
            DemoParties.HAK);
    setUp(whs, saigon);
    setUp(saigon, whs);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Side s : List.of(whs, saigon)) {
                    if (s.process != null) {
                      s.process.destroy();
                    }
                  }
                },
                "backchannel-demo-shutdown"));
    for (Side s : List.of(whs, saigon)) {
      Optional<String> failed = serve(s, dir);
      if (failed.isPresent()) {
        context.console().error("UNAVAILABLE", failed.get());
        return ExitCode.FAILURE;
      }
    }
    traffic(whs, saigon);
    print(whs, saigon, dir);
    whs.process.waitFor();
    saigon.process.waitFor();
    return ExitCode.OK;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void setUp(Side side, Side peer) throws IOException {
    try (Store s =
        context
            .stores()
            .open(
                new StoreLocation.SqliteFile(side.file),
                context.clock(),
                StoreObserver.NONE,
                settings.objectives())) {
      side.passwords = DemoParties.setUp(s, side.prefix, side.name, side.keys, hasher, side.logins);
      s.addPeer(peer.prefix, peer.url(), SigningKeys.publicKeyText(peer.keys), "admin");
      s.placeEnd(
          "BACKCHANNEL", side.end.equals("WH") ? "HAK" : "WH", Optional.of(peer.prefix), "admin");
    }
    SigningKeys.writePrivateKey(
        side.keys, side.file.resolveSibling(side.file.getFileName() + ".key"));
  }

  private static final Pattern SERVING = Pattern.compile("serving station [A-Z]+ \\(.*\\) on ");

  /** Starts {@code serve} for a station in a JVM like this one; empty once it serves. */
  private Optional<String> serve(Side side, Path dir) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("serve");
    command.add("--store");
    command.add(side.file.toString());
    Path out = dir.resolve(side.prefix.toLowerCase(java.util.Locale.ROOT) + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    env.put("BACKCHANNEL_HTTP_PORT", String.valueOf(side.port));
    env.put("BACKCHANNEL_METRICS_PORT", "off");
    env.put("BACKCHANNEL_ARGON2_MEMORY_KIB", String.valueOf(settings.argon2MemoryKib()));
    env.put("BACKCHANNEL_ARGON2_ITERATIONS", String.valueOf(settings.argon2Iterations()));
    side.process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(out));
      if (m.find()) {
        return Optional.empty();
      }
      if (!side.process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    side.process.destroyForcibly();
    return Optional.of(
        "station " + side.prefix + " did not start; its log: " + Files.readString(out).strip());
  }

  private StationClient as(Side side, String user) {
    return DemoParties.login(context, side.url(), user, side.passwords.get(user));
  }

  private void release(StationClient who, String text) {
    who.post(
        "/api/exchanges/OCT72/cables",
        context.json().createObjectNode().put("text", text).put("confirm", true));
  }

  /** One cable each way, each in hand at the other station before the logins are printed. */
  private void traffic(Side whs, Side saigon) throws InterruptedException {
    StationClient kissinger = as(saigon, "kissinger");
    StationClient haig = as(whs, "haig");
    release(
        kissinger,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: KISSINGER (SAIGON)\nTO: HAIG (WASHINGTON)\n"
            + "SUBJ: LAGGING COMMUNICATIONS\n\n"
            + "1. I HAVE HAD NO WORD FROM YOU SINCE YESTERDAY. PLEASE MAKE SURE THE PRESIDENT"
            + " READS MY CABLES, NOT A SUMMARY OF THEM.\n");
    waitFor(haig, "Hakto 1");
    release(
        haig,
        "IMMEDIATE\nTOP SECRET SENSITIVE\nFROM: HAIG (WASHINGTON)\nTO: KISSINGER (SAIGON)\n"
            + "SUBJ: THE PRESIDENT'S VIEW\n\n"
            + "1. THE PRESIDENT WANTS THE RESTRICTION AT THE 20TH PARALLEL KEPT UNTIL YOU"
            + " RETURN.\n");
    waitFor(kissinger, "Tohak 1");
  }

  private static void waitFor(StationClient reader, String designator) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      for (JsonNode c : reader.get("/api/inbox")) {
        if (c.at("/designator/text").asText().startsWith(designator + "/")) {
          return;
        }
      }
      Thread.sleep(50);
    }
  }

  private void print(Side whs, Side saigon, Path dir) {
    PrintStream out = context.console().out();
    out.println("Backchannel demo: two stations, each a process of its own");
    out.println("  WHS    (White House Situation Room) serving on " + whs.url());
    out.println("  SAIGON (Kissinger's party)          serving on " + saigon.url());
    out.println("Station files and logs: " + dir + " (a demo: delete it when done)");
    out.println();
    Table t = new Table("STATION", "LOGIN", "PASSWORD", "WHO");
    for (Side s : List.of(whs, saigon)) {
      s.passwords.forEach(
          (login, pw) ->
              t.row(s.prefix, login, pw, login.equals("admin") ? "administrator" : who(login)));
    }
    t.print(out);
    out.println();
    out.println(
        "Hakto 1 went from SAIGON to WHS, Tohak 1 back; each station numbers its own series.");
    out.println("To watch a crossing form, in another terminal:");
    out.println(
        "  ./backchannel login --url "
            + saigon.url()
            + " --user admin && ./backchannel link down WHS");
    out.println(
        "  ./backchannel login --url "
            + whs.url()
            + " --user admin && ./backchannel link down SAIGON");
    out.println(
        "  release a Hakto as kissinger at "
            + saigon.url()
            + " and a Tohak as haig at "
            + whs.url()
            + " (web UI: Compose)");
    out.println("  ./backchannel link status      # at WHS: one cable queued for SAIGON");
    out.println("  ./backchannel link up SAIGON   # at WHS: the Tohak goes to Saigon");
    out.println(
        "  ./backchannel login --url "
            + saigon.url()
            + " --user admin && ./backchannel link up WHS");
    out.println(
        "  log in as haig or kissinger:   ./backchannel crossings  # Hakto 2 crossed Tohak 2");
    out.println("Ctrl-C stops both stations.");
    out.flush();
  }

  private static String who(String login) {
    return switch (login) {
      case "haig" -> "deputy, White House end";
      case "kennedy" -> "duty officer, White House end";
      case "president" -> "THE PRESIDENT, a pass-to reader";
      case "kissinger" -> "principal, HAK end";
      case "lord" -> "staff, HAK end";
      default -> "";
    };
  }
}
