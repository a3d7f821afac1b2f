package dev.backchannel.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.cable.Caveat;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Series;
import dev.backchannel.cli.ServeProcess;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.sqlite.SqliteStore;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The October backchannel across two stations, each {@code backchannel serve} in a JVM of its own
 * (issue 25): WHS holds the WH end (Haig, Scowcroft its duty officer) and numbers TOHAK; SAIGON
 * holds the HAK end (Kissinger, Rodman) and numbers HAKTO. Each knows the other as a peer, at a
 * port fixed before either starts, so that a station killed and started again is found where it
 * was.
 */
final class TwoStations implements AutoCloseable {
  /** One station: its prefix, folder, port and, while it runs, its process. */
  static final class Side {
    final String prefix;
    final Path dir;
    final Path file;
    final KeyPair keys;
    final int port;
    private ServeProcess process;
    private int starts;

    Side(String prefix, Path dir, int port) {
      this.prefix = prefix;
      this.dir = dir;
      this.file = dir.resolve("station.db");
      this.keys = SigningKeys.generate();
      this.port = port;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    /** A client logged in as {@code user} with a bearer token. */
    Http as(String user) {
      Http.Answer a =
          Http.at(url())
              .post(
                  "/api/login",
                  "{\"name\":\""
                      + user
                      + "\",\"password\":\""
                      + TestStation.PASSWORD
                      + "\",\"kind\":\"token\"}");
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      return Http.at(url()).with("Authorization", "Bearer " + a.json().get("token").asText());
    }

    void start(Map<String, String> settings) throws Exception {
      Map<String, String> all = new java.util.HashMap<>(settings);
      all.put("BACKCHANNEL_HTTP_PORT", String.valueOf(port));
      process = ServeProcess.start(file.toString(), dir, dir.resolve("serve-" + starts++), all);
    }

    /** Kills the process as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
      process.kill();
      process = null;
    }

    void stop() {
      if (process != null) {
        process.process().destroyForcibly();
        process = null;
      }
    }
  }

  final Side whs;
  final Side saigon;

  private TwoStations(Side whs, Side saigon) {
    this.whs = whs;
    this.saigon = saigon;
  }

  /** Both stations set up in {@code dir}, not started. */
  static TwoStations create(Path dir) throws Exception {
    Side whs = new Side("WHS", Files.createDirectories(dir.resolve("whs")), freePort());
    Side saigon = new Side("SAIGON", Files.createDirectories(dir.resolve("saigon")), freePort());
    setUp(whs, saigon, "WH", List.of("haig", "scowcroft"));
    setUp(saigon, whs, "HAK", List.of("kissinger", "rodman"));
    return new TwoStations(whs, saigon);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void setUp(Side side, Side peer, String end, List<String> users) throws Exception {
    String hash = TestStation.HASHER.hash(TestStation.PASSWORD.toCharArray());
    try (Store s = SqliteStore.open(side.file, Clock.systemUTC(), StoreObserver.NONE)) {
      s.initialise(
          new StationSetup(
              side.prefix,
              "Station " + side.prefix,
              SigningKeys.publicKeyText(side.keys),
              NewUser.of(
                  "admin",
                  new Clearance(Classification.UNCLASSIFIED, Set.of()),
                  ZoneId.of("UTC"),
                  Set.of(Role.ADMINISTRATOR),
                  Optional.of(hash),
                  Optional.empty())));
      s.createChannel("BC", "HAK", "WH", "admin");
      s.createExchange(
          new NewExchange(
              "BC",
              "OCT72",
              new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
              new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
          "admin");
      for (int i = 0; i < users.size(); i++) {
        String name = users.get(i);
        s.createUser(
            new NewUser(
                name,
                name,
                new Clearance(Classification.TOP_SECRET, Set.of(new Caveat("SENSITIVE"))),
                ZoneId.of("UTC"),
                OfficeHours.DEFAULT,
                Set.of(i == 0 ? Role.PRINCIPAL : Role.DUTY_OFFICER),
                Optional.of(hash),
                Optional.empty()),
            "admin");
        s.putMember("BC", end, name, i == 0, "admin");
      }
      s.addPeer(peer.prefix, peer.url(), SigningKeys.publicKeyText(peer.keys), "admin");
      s.placeEnd("BC", end.equals("WH") ? "HAK" : "WH", Optional.of(peer.prefix), "admin");
    }
    SigningKeys.writePrivateKey(side.keys, side.file.resolveSibling("station.db.key"));
  }

  void start() throws Exception {
    whs.start(Map.of());
    saigon.start(Map.of());
  }

  /** Waits up to {@code seconds} for {@code done}; fails saying what was awaited. */
  static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  /** The designators (without station serials) of a reader's inbox. */
  static List<String> inbox(Http who) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : who.get("/api/inbox?limit=1000").json()) {
      out.add(c.at("/designator/text").asText().replaceAll("/.*", ""));
    }
    return out;
  }

  @Override
  public void close() {
    whs.stop();
    saigon.stop();
  }
}
