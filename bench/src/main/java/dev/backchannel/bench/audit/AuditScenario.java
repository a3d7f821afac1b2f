package dev.backchannel.bench.audit;

import dev.backchannel.access.AccessPolicy;
import dev.backchannel.audit.AuditLog;
import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.station.Client;
import dev.backchannel.bench.station.October;
import dev.backchannel.bench.station.Releases;
import dev.backchannel.bench.station.StationProcess;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.store.ReceiptKind;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoredCable;
import dev.backchannel.store.UserInfo;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets of issue 23 (G8), in one run: release throughput of this station beside a build
 * without the audit log ({@code --baseline-jar}), in alternating rounds; {@code audit verify} of a
 * station file of 1,000,000 events, as a user runs it, with the time it spent reading rows and
 * hashing; and inclusion proofs asked of a warm station over HTTP.
 */
public final class AuditScenario implements Scenario {
  private static final Pattern SPLIT =
      Pattern.compile(
          "log holds: (\\d+) entries .* \\(reading rows (\\d+) ms, hashing (\\d+) ms\\)");

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public String description() {
    return "the audit log: releases beside a station without it (--baseline-jar), verify of"
        + " 1,000,000 events, inclusion proofs from a warm station";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    List<Figure> figures = new ArrayList<>();
    if (run.baselineJar().isPresent()) {
      figures.addAll(withAndWithout(run, run.baselineJar().get()));
    }
    figures.addAll(verifyAndProve(run));
    return figures;
  }

  /** One-request releases, 64 clients, this station and the baseline in alternating rounds. */
  private static List<Figure> withAndWithout(RunContext run, Path baselineJar) throws Exception {
    int clients = run.pick(8, 64);
    Duration round = run.pick(Duration.ofSeconds(2), Duration.ofSeconds(10));
    int rounds = run.pick(1, 5);
    RunContext without = run.withStationJar(baselineJar);
    Path dir = run.work().resolve("audit-release");
    Path withStore = StationProcess.init(run, dir.resolve("with"));
    Path withoutStore = StationProcess.init(without, dir.resolve("without"));
    List<Double> withLog = new ArrayList<>();
    List<Double> withoutLog = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    try (StationProcess a = StationProcess.serve(run, withStore, StationProcess.CHEAP_LOGINS);
        StationProcess b =
            StationProcess.serve(without, withoutStore, StationProcess.CHEAP_LOGINS)) {
      List<Client> ca = clients(a, clients);
      List<Client> cb = clients(b, clients);
      Duration warm = run.pick(Duration.ofSeconds(1), Duration.ofSeconds(10));
      Releases.run(ca, Releases.Mode.ONE_REQUEST, "ROUTINE", 3_000, Long.MAX_VALUE, warm);
      Releases.run(cb, Releases.Mode.ONE_REQUEST, "ROUTINE", 3_000, Long.MAX_VALUE, warm);
      for (int r = 0; r < rounds; r++) {
        // the order alternates too, so that neither always runs on a warmer machine
        boolean withFirst = r % 2 == 0;
        double x = 0;
        double y = 0;
        for (int k = 0; k < 2; k++) {
          boolean with = (k == 0) == withFirst;
          double perSecond =
              Releases.run(
                      with ? ca : cb,
                      Releases.Mode.ONE_REQUEST,
                      "ROUTINE",
                      3_000,
                      Long.MAX_VALUE,
                      round)
                  .perSecond();
          if (with) {
            x = perSecond;
          } else {
            y = perSecond;
          }
        }
        withLog.add(x);
        withoutLog.add(y);
        ratio.add(x / y);
      }
    }
    return List.of(
        new Figure(
            "release.with-log",
            "cables/s",
            withLog,
            clients + " clients, a text released at once; every event a leaf of the log"),
        new Figure(
            "release.without-log",
            "cables/s",
            withoutLog,
            "the same, the station built without the audit log (" + baselineJar + ")"),
        new Figure("ratio.release.with-log/without-log", "x", ratio, "target >= 0.9, per round"));
  }

  private static List<Client> clients(StationProcess s, int n) {
    Client anonymous = Client.connect(s.url());
    October.setUp(anonymous.login("admin", StationProcess.PASSWORD));
    List<Client> c = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      c.add(anonymous.login("kissinger", StationProcess.PASSWORD));
    }
    return c;
  }

  /**
   * A station file of {@code events} events (releases, their deliveries, and an OPENED receipt of
   * each), verified by {@code audit verify}, then served and asked for inclusion proofs.
   */
  private static List<Figure> verifyAndProve(RunContext run) throws Exception {
    long events = run.pick(30_000L, 1_000_000L);
    Path dir = run.work().resolve("audit-verify");
    Path store = StationProcess.init(run, dir);
    try (StationProcess s = StationProcess.serve(run, store, StationProcess.CHEAP_LOGINS)) {
      October.setUp(Client.connect(s.url()).login("admin", StationProcess.PASSWORD));
      s.stop(Duration.ofSeconds(60));
    }
    long built = traffic(store, events);
    List<Double> wall = new ArrayList<>();
    List<Double> reading = new ArrayList<>();
    List<Double> hashing = new ArrayList<>();
    long entries = 0;
    for (int r = 0; r < run.pick(1, 3); r++) {
      List<String> command = new ArrayList<>(StationProcess.javaCommand(run));
      command.addAll(List.of("audit", "verify", "--store", store.toString()));
      ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
      StationProcess.environment(b, dir, java.util.Map.of());
      long started = System.nanoTime();
      Process p = b.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("audit verify failed: " + out);
      }
      wall.add((System.nanoTime() - started) / 1e9);
      Matcher m = SPLIT.matcher(out);
      if (!m.find()) {
        throw new IOException("audit verify printed no summary: " + out);
      }
      entries = Long.parseLong(m.group(1));
      reading.add(Long.parseLong(m.group(2)) / 1e3);
      hashing.add(Long.parseLong(m.group(3)) / 1e3);
    }
    List<Double> inProcess = inProcessProofs(store, run.pick(500, 20_000));
    List<Double> proofMs = new ArrayList<>();
    List<Double> trivialMs = new ArrayList<>();
    try (StationProcess s = StationProcess.serve(run, store, StationProcess.CHEAP_LOGINS)) {
      Client admin = Client.connect(s.url()).login("admin", StationProcess.PASSWORD);
      long size =
          admin.send("POST", "/api/log/checkpoints", Client.object(), 200).get("size").asLong();
      Client anyone = Client.connect(s.url());
      Random random = new Random(23);
      int warm = run.pick(200, 3_000);
      int measured = run.pick(200, 5_000);
      for (int i = 0; i < warm + measured; i++) {
        String path = "/api/log/proofs/inclusion?index=" + random.nextLong(size) + "&size=" + size;
        long t0 = System.nanoTime();
        anyone.send("GET", path, null, 200);
        long t1 = System.nanoTime();
        // the same client asks a route that reads one row: what HTTP alone costs here
        anyone.send("GET", "/api/log", null, 200);
        long t2 = System.nanoTime();
        if (i >= warm) {
          proofMs.add((t1 - t0) / 1e6);
          trivialMs.add((t2 - t1) / 1e6);
        }
      }
    }
    String made = built + " events made in-process (a release, its delivery, an OPENED receipt)";
    return List.of(
        new Figure(
            "verify.wall",
            "s",
            wall,
            entries
                + " entries, `backchannel audit verify --store FILE` from start to exit; "
                + made),
        new Figure(
            "verify.reading-rows",
            "s",
            reading,
            "reading the events and the rows they cover, and" + " rebuilding the entries"),
        new Figure("verify.hashing", "s", hashing, "hashing the entries and the tree"),
        new Figure(
            "proof.inclusion.in-process",
            "ms",
            inProcess,
            "the station's AuditLog.inclusion of a random entry of "
                + entries
                + " against the latest tree, after a warm-up, tiles read from the file; target < 1"
                + " ms"),
        new Figure(
            "proof.inclusion.http",
            "ms",
            proofMs,
            "GET /api/log/proofs/inclusion of a random entry, one client, request to answer"),
        new Figure(
            "http.one-row-route",
            "ms",
            trivialMs,
            "GET /api/log (one row read) by the same client, alternating: HTTP's own cost here"));
  }

  /**
   * The time of {@code n} inclusion proofs of random entries computed by the station's own {@link
   * AuditLog} on the file, after as many to warm up.
   */
  private static List<Double> inProcessProofs(Path file, int n) {
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      AuditLog log = new AuditLog(store, new AccessPolicy(), Optional.empty(), Clock.systemUTC());
      long size = store.logTree().size();
      Random random = new Random(9162);
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < 2 * n; i++) {
        long t0 = System.nanoTime();
        log.inclusion(random.nextLong(size), size);
        if (i >= n) {
          ms.add((System.nanoTime() - t0) / 1e6);
        }
      }
      return ms;
    }
  }

  /**
   * Makes about {@code events} events through the store, 64 threads releasing as the station does.
   */
  private static long traffic(Path file, long events) throws Exception {
    long cables = events / 3;
    try (Store store = SqliteStore.open(file, Clock.systemUTC())) {
      UserInfo haig = store.user("haig").orElseThrow();
      AtomicLong next = new AtomicLong();
      List<Future<?>> running = new ArrayList<>();
      try (ExecutorService threads = Executors.newFixedThreadPool(64)) {
        for (int t = 0; t < 64; t++) {
          running.add(
              threads.submit(
                  () -> {
                    for (long n = next.getAndIncrement(); n < cables; n = next.getAndIncrement()) {
                      StoredCable c =
                          store.release(
                              new ReleaseRequest(
                                  October.EXCHANGE,
                                  new Series("HAKTO"),
                                  CanonicalText.standard()
                                      .parse(October.draft("ROUTINE", n, 1_000)),
                                  "kissinger"));
                      store.receipt(
                          c.id(), haig.id(), ReceiptKind.OPENED, "bench", Optional.empty(), "haig");
                    }
                    return null;
                  }));
        }
        for (Future<?> f : running) {
          f.get();
        }
      }
      return store.lastEventId();
    }
  }
}
