package dev.backchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.accounts.SigningKeys;
import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Clearance;
import dev.backchannel.cable.OfficeHours;
import dev.backchannel.cable.Series;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.NewUser;
import dev.backchannel.store.Role;
import dev.backchannel.store.StationSetup;
import dev.backchannel.store.Store;
import dev.backchannel.store.sqlite.SqliteStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log through a crash (G8, G10): {@code serve} in a JVM of its own takes 64 concurrent
 * releases while signing checkpoints every 50 ms, and is killed with SIGKILL in the middle; the
 * station file it leaves verifies, entry by entry and checkpoint by checkpoint, and the log goes on
 * from where it was when the station is served again.
 */
class AuditCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int CLIENTS = 64;

  @TempDir Path dir;

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void killedUnderSixtyFourConcurrentReleasesTheLogStillVerifiesAndGoesOn() throws Exception {
    Path file = station(dir.resolve("station").resolve("station.db"));
    ServeProcess first = serve(file, "first");
    String token = login(first.url());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger released = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.submit(
          () -> {
            for (int i = 0; !stop.get(); i++) {
              try {
                if (release(first.url(), token, client + "-" + i) == 201) {
                  released.incrementAndGet();
                }
              } catch (Exception e) {
                return null;
              }
            }
            return null;
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (released.get() < 300 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(released.get()).as("releases answered before the kill").isGreaterThan(100);

    CliRun afterKill =
        CliRun.of(Map.of("HOME", dir.toString()), "audit", "verify", "--store", file.toString());
    assertThat(afterKill.err()).isEmpty();
    assertThat(afterKill.exit()).isZero();
    long checkpoints;
    long entries;
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      checkpoints = store.checkpoints().size();
      entries = store.logTree().size();
      assertThat(entries).isEqualTo(store.events(0, 1_000_000).size());
    }
    assertThat(checkpoints).as("checkpoints signed while releasing").isGreaterThan(1);

    ServeProcess second = serve(file, "second");
    assertThat(release(second.url(), login(second.url()), "after the crash")).isEqualTo(201);
    second.process().destroy();
    assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    CliRun afterRestart =
        CliRun.of(Map.of("HOME", dir.toString()), "audit", "verify", "--store", file.toString());
    assertThat(afterRestart.exit()).as(afterRestart.err()).isZero();
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      assertThat(store.logTree().size()).isGreaterThan(entries);
    }
  }

  /** A station WHS with its signing key beside its file, Kissinger at HAK and Haig at WH. */
  private static Path station(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    KeyPair keys = SigningKeys.generate();
    SigningKeys.writePrivateKey(keys, file.resolveSibling(file.getFileName() + ".key"));
    String hash = TestStation.HASHER.hash(TestStation.PASSWORD.toCharArray());
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      store.initialise(
          new StationSetup(
              "WHS",
              "White House Situation Room",
              SigningKeys.publicKeyText(keys),
              NewUser.of(
                  "admin",
                  new Clearance(Classification.TOP_SECRET, Set.of()),
                  ZoneId.of("UTC"),
                  Set.of(Role.ADMINISTRATOR),
                  Optional.of(hash),
                  Optional.empty())));
      store.createChannel("BACKCHANNEL", "HAK", "WH", "admin");
      store.createExchange(
          new NewExchange(
              "BACKCHANNEL",
              "OCT72",
              new NewExchange.SeriesEnd(new Series("HAKTO"), "HAK"),
              new NewExchange.SeriesEnd(new Series("TOHAK"), "WH")),
          "admin");
      for (String name : List.of("KISSINGER", "HAIG")) {
        store.createUser(
            new NewUser(
                name,
                name,
                new Clearance(Classification.TOP_SECRET, Set.of()),
                ZoneId.of("UTC"),
                OfficeHours.DEFAULT,
                Set.of(Role.PRINCIPAL),
                Optional.of(hash),
                Optional.empty()),
            "admin");
      }
      store.putMember("BACKCHANNEL", "HAK", "KISSINGER", true, "admin");
      store.putMember("BACKCHANNEL", "WH", "HAIG", true, "admin");
    }
    return file;
  }

  private ServeProcess serve(Path file, String name) throws Exception {
    ServeProcess served =
        ServeProcess.start(
            file.toString(),
            dir,
            dir.resolve(name),
            Map.of("BACKCHANNEL_LOG_CHECKPOINT_INTERVAL", "PT0.05S"));
    children.add(served.process());
    return served;
  }

  private static String login(String url) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "name", "KISSINGER",
                                "password", TestStation.PASSWORD,
                                "kind", "token"))))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as("login: %s", r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private static int release(String url, String token, String label) throws Exception {
    String text =
        "ROUTINE\nSECRET\nFROM: KISSINGER\nTO: HAIG\n\n1. CABLE " + label.toUpperCase() + ".\n";
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url + "/api/exchanges/OCT72/cables"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("text", text, "confirm", true))))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return r.statusCode();
  }
}
