package dev.backchannel.bench.relay;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.flash.FlashLatency;
import dev.backchannel.bench.station.Client;
import dev.backchannel.bench.station.October;
import dev.backchannel.bench.station.Releases;
import dev.backchannel.bench.station.StationProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 25's figures: the October channel across two stations, each a {@code serve} process. SAIGON
 * holds Kissinger's HAK end and WHS Haig's WH end; Kissinger's cables cross the link to Haig.
 *
 * <ul>
 *   <li>cables/s across the link: 64 clients release at SAIGON with the link up, timed until WHS
 *       has acknowledged the last; set against the same releases on one station that holds both
 *       ends (its own delivery, no link), in alternating rounds;
 *   <li>FLASH latency behind a full queue: with the link down, 10,000 ROUTINE queue at SAIGON; the
 *       link comes up and a FLASH is released at once: from its release request to its event on
 *       Haig's live stream at WHS;
 *   <li>drain: from the link coming up to SAIGON's outbox being empty, in the same trials.
 * </ul>
 */
public final class RelayScenario implements Scenario {
  @Override
  public String name() {
    return "relay";
  }

  @Override
  public String description() {
    return "relay between two stations: cables/s across the link against one station, FLASH"
        + " latency behind 10,000 queued on the link, and the backlog's drain";
  }

  /** Two stations introduced to each other, with their clients. */
  private record Pair(
      StationProcess saigon,
      StationProcess whs,
      List<Client> kissinger,
      Client haig,
      Client saigonAdmin)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        saigon.close();
      } finally {
        whs.close();
      }
    }
  }

  private static Pair pair(RunContext run, Path dir) throws Exception {
    Path saigonStore = dir.resolve("saigon").resolve("station.db");
    Path whsStore = dir.resolve("whs").resolve("station.db");
    StationProcess.init(run, saigonStore.getParent(), saigonStore.toString(), "SAIGON");
    StationProcess.init(run, whsStore.getParent(), whsStore.toString(), "WHS");
    StationProcess saigon = StationProcess.serve(run, saigonStore, StationProcess.CHEAP_LOGINS);
    StationProcess whs = StationProcess.serve(run, whsStore, StationProcess.CHEAP_LOGINS);
    Client saigonAdmin = Client.connect(saigon.url()).login("admin", StationProcess.PASSWORD);
    Client whsAdmin = Client.connect(whs.url()).login("admin", StationProcess.PASSWORD);
    October.setUp(saigonAdmin);
    October.setUp(whsAdmin);
    introduce(saigonAdmin, "WHS", whs, whsAdmin, "WH");
    introduce(whsAdmin, "SAIGON", saigon, saigonAdmin, "HAK");
    List<Client> kissinger = new ArrayList<>();
    Client anonymous = Client.connect(saigon.url());
    for (int i = 0; i < 64; i++) {
      kissinger.add(anonymous.login("kissinger", StationProcess.PASSWORD));
    }
    Client haig = Client.connect(whs.url()).login("haig", StationProcess.PASSWORD);
    return new Pair(saigon, whs, kissinger, haig, saigonAdmin);
  }

  /** Tells {@code admin}'s station of its peer, and places the end that lives there. */
  private static void introduce(
      Client admin, String peer, StationProcess at, Client peerAdmin, String end) {
    String key = peerAdmin.send("GET", "/api/peers", null, 200).at("/station/key").asText();
    // October's parties are set up at both stations; the end's members are the peer's users
    for (String member : end.equals("WH") ? List.of("haig", "scowcroft") : List.of("kissinger")) {
      admin.send("DELETE", "/api/channels/BC/ends/" + end + "/members/" + member, null, 200);
    }
    admin.send(
        "POST",
        "/api/peers",
        Client.object().put("name", peer).put("url", at.url().toString()).put("key", key),
        201);
    admin.send(
        "PUT",
        "/api/channels/BC/ends/" + end + "/station",
        Client.object().put("station", peer),
        200);
  }

  private static long queued(Client admin) {
    return admin.send("GET", "/api/peers", null, 200).at("/peers/0/queued").asLong();
  }

  private static void link(Client admin, boolean down) {
    admin.send("PUT", "/api/peers/WHS/link", Client.object().put("down", down), 200);
  }

  /** Waits until SAIGON's outbox is empty; answers when, by {@link System#nanoTime()}. */
  private static long drained(Client admin, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (queued(admin) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the link did not drain within " + limit);
      }
      // not more often: each look counts the outbox, on the same two cores as the relay
      Thread.sleep(50);
    }
    return System.nanoTime();
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    int rounds = run.pick(2, 5);
    int perRound = run.pick(500, 10_000);
    int trials = run.pick(2, 3);
    int backlog = run.pick(500, 10_000);
    List<Double> relayed = new ArrayList<>();
    List<Double> local = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();
    List<Double> before = new ArrayList<>();
    List<Double> drains = new ArrayList<>();
    Path single = StationProcess.init(run, run.work().resolve("relay-one"));
    try (StationProcess one = StationProcess.serve(run, single, StationProcess.CHEAP_LOGINS)) {
      Client oneAdmin = Client.connect(one.url()).login("admin", StationProcess.PASSWORD);
      October.setUp(oneAdmin);
      List<Client> oneKissinger = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        oneKissinger.add(Client.connect(one.url()).login("kissinger", StationProcess.PASSWORD));
      }
      try (Pair p = pair(run, run.work().resolve("relay-two"))) {
        for (int r = 0; r < rounds; r++) {
          Releases.Run alone =
              Releases.run(
                  oneKissinger,
                  Releases.Mode.ONE_REQUEST,
                  "ROUTINE",
                  3_000,
                  perRound,
                  Duration.ofMinutes(10));
          long start = System.nanoTime();
          Releases.Run across =
              Releases.run(
                  p.kissinger(),
                  Releases.Mode.ONE_REQUEST,
                  "ROUTINE",
                  3_000,
                  perRound,
                  Duration.ofMinutes(10));
          long end = drained(p.saigonAdmin(), Duration.ofMinutes(10));
          double rate = across.cables() / ((end - start) / 1e9);
          relayed.add(rate);
          local.add(alone.perSecond());
          ratios.add(rate / alone.perSecond());
          System.err.printf(
              "bench:     round %d: %.0f cables/s across the link, %.0f on one station%n",
              r + 1, rate, alone.perSecond());
        }
        for (int t = 0; t < trials; t++) {
          link(p.saigonAdmin(), true);
          Releases.Run queuedUp =
              Releases.run(
                  p.kissinger(),
                  Releases.Mode.ONE_REQUEST,
                  "ROUTINE",
                  3_000,
                  backlog,
                  Duration.ofMinutes(10));
          if (queuedUp.cables() != backlog || queued(p.saigonAdmin()) != backlog) {
            throw new IllegalStateException(
                "the link's queue holds " + queued(p.saigonAdmin()) + ", not " + backlog);
          }
          long[] up = new long[1];
          FlashLatency.Trial trial =
              FlashLatency.trial(
                  p.haig(),
                  () -> {
                    up[0] = System.nanoTime();
                    link(p.saigonAdmin(), false);
                  },
                  p.kissinger().getFirst());
          long drainedAt = drained(p.saigonAdmin(), Duration.ofMinutes(10));
          latencies.add(trial.latencyMs());
          before.add((double) trial.routineBefore());
          drains.add((drainedAt - up[0]) / 1e9);
          System.err.printf(
              "bench:     trial %d: FLASH at WHS %.1f ms after its release at SAIGON, %d ROUTINE"
                  + " before it; %d drained in %.2f s%n",
              t + 1, trial.latencyMs(), trial.routineBefore(), backlog, drains.getLast());
        }
      }
    }
    return List.of(
        new Figure(
            "relay.throughput",
            "cables/s",
            relayed,
            perRound
                + " ROUTINE released at SAIGON by 64 clients, until WHS acknowledged the last"),
        new Figure(
            "relay.one-station",
            "cables/s",
            local,
            "the same releases on one station holding both ends (baseline)"),
        new Figure("relay.ratio", "x", ratios, "across the link / on one station, per round"),
        new Figure(
            "relay.flash-latency",
            "ms",
            latencies,
            "FLASH released at SAIGON as the link comes up behind "
                + backlog
                + " ROUTINE, to its event on Haig's stream at WHS"),
        new Figure(
            "relay.flash-routine-before", "events", before, "ROUTINE events before the FLASH"),
        new Figure(
            "relay.drain",
            "s",
            drains,
            "from the link coming up to SAIGON's outbox empty, " + backlog + " queued"));
  }
}
