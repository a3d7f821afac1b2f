package dev.backchannel.bench.release;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.station.Client;
import dev.backchannel.bench.station.Ledger;
import dev.backchannel.bench.station.October;
import dev.backchannel.bench.station.Releases;
import dev.backchannel.bench.station.Scrape;
import dev.backchannel.bench.station.StationProcess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 1 and 2 of issue 19: release throughput of a real station over HTTP, 64 clients, every
 * cable durable, numbered, delivered and recorded as events; in rounds that alternate with the bare
 * JDBC loop writing the same rows with the same durability (at batches of 64 and at the batch the
 * station reached). Both ways a client may release are measured: a saved draft and its release (two
 * requests), and a text released at once (one request).
 */
public final class ReleaseThroughput implements Scenario {
  /** The commit batch summary the station's metrics export (tasks a commit). */
  static final String COMMIT_BATCH = "backchannel_store_commit_tasks";

  private static final int BYTES = 3_000;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  @Override
  public String name() {
    return "release";
  }

  @Override
  public String description() {
    return "release throughput, 64 clients over HTTP, beside the bare JDBC loop writing the same"
        + " rows";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    int clients = run.pick(8, 64);
    Duration round = run.pick(Duration.ofSeconds(2), Duration.ofSeconds(15));
    int rounds = run.pick(1, 3);
    Path dir = run.work().resolve("release");
    Path store = StationProcess.init(run, dir.resolve("station"));
    Map<String, String> settings = StationProcess.CHEAP_LOGINS;
    try (StationProcess s = StationProcess.serve(run, store, settings)) {
      October.setUp(Client.connect(s.url()).login("admin", StationProcess.PASSWORD));
    }
    // the file with its parties and no traffic: each bare round writes into a copy of it
    Path template = dir.resolve("template.db");
    Files.copy(store, template, StandardCopyOption.REPLACE_EXISTING);
    if (Files.exists(Path.of(store + "-wal"))) {
      throw new IllegalStateException("the stopped station left a WAL; its file is not complete");
    }

    List<Double> two = new ArrayList<>();
    List<Double> one = new ArrayList<>();
    List<Double> bare64 = new ArrayList<>();
    List<Double> bare64OneRequest = new ArrayList<>();
    List<Double> bareStation = new ArrayList<>();
    List<Double> batches = new ArrayList<>();
    List<Double> cpuTwo = new ArrayList<>();
    List<Double> cpuOne = new ArrayList<>();
    List<Double> clientTwo = new ArrayList<>();
    List<Double> commitMs = new ArrayList<>();
    List<Double> transactionMs = new ArrayList<>();
    List<Double> ratioTwo = new ArrayList<>();
    List<Double> ratioOne = new ArrayList<>();
    long released = 0;
    String ledger;
    int stationBatch = 1;
    try (StationProcess s = StationProcess.serve(run, store, settings)) {
      Client anonymous = Client.connect(s.url());
      List<Client> kissinger = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        kissinger.add(anonymous.login("kissinger", StationProcess.PASSWORD));
      }
      // warm-up: the JIT compiles the release path; its rows are what the bare loop writes again
      released +=
          Releases.run(
                  kissinger,
                  Releases.Mode.TWO_REQUESTS,
                  "ROUTINE",
                  BYTES,
                  Long.MAX_VALUE,
                  run.pick(Duration.ofSeconds(2), Duration.ofSeconds(10)))
              .cables();
      BareReleaseLoop bare = BareReleaseLoop.readFrom(store);
      for (int r = 0; r < rounds; r++) {
        Scrape before = Scrape.of(s.metrics());
        double cpuBefore = s.cpuSeconds();
        long clientBefore = OS.getProcessCpuTime();
        Releases.Run twoRun =
            Releases.run(
                kissinger, Releases.Mode.TWO_REQUESTS, "ROUTINE", BYTES, Long.MAX_VALUE, round);
        Scrape after = Scrape.of(s.metrics());
        double cpuBetween = s.cpuSeconds();
        cpuTwo.add((cpuBetween - cpuBefore) * 1e6 / twoRun.cables());
        clientTwo.add((OS.getProcessCpuTime() - clientBefore) / 1e3 / twoRun.cables());
        released += twoRun.cables();
        two.add(twoRun.perSecond());
        if (!after.isEmpty()) {
          double commits = after.since(before, COMMIT_BATCH + "_count");
          double tasks = after.since(before, COMMIT_BATCH + "_sum");
          // two tasks a cable (its draft, then its release)
          double cablesPerCommit = commits == 0 ? 0 : tasks / commits / 2;
          batches.add(cablesPerCommit);
          commitMs.add(after.since(before, "backchannel_store_commit_seconds_sum") / commits * 1e3);
          transactionMs.add(
              after.since(before, "backchannel_store_transaction_seconds_sum") / commits * 1e3);
          stationBatch = Math.max(1, (int) Math.round(cablesPerCommit));
        }
        Releases.Run oneRun =
            Releases.run(
                kissinger, Releases.Mode.ONE_REQUEST, "ROUTINE", BYTES, Long.MAX_VALUE, round);
        released += oneRun.cables();
        one.add(oneRun.perSecond());
        cpuOne.add((s.cpuSeconds() - cpuBetween) * 1e6 / oneRun.cables());
        double b64 = bare.run(copy(template, dir, "bare64"), 64, true);
        double b64One = bare.run(copy(template, dir, "bare64one"), 64, false);
        double bs = bare.run(copy(template, dir, "bareStation"), stationBatch, true);
        bare64.add(b64);
        bare64OneRequest.add(b64One);
        bareStation.add(bs);
        ratioTwo.add(twoRun.perSecond() / b64);
        ratioOne.add(oneRun.perSecond() / b64One);
      }
      s.stop(Duration.ofSeconds(60));
      ledger = Ledger.check(store, released);
      String bareNote = bare.cables() + " cables of the warm-up's rows a round";
      List<Figure> figures = new ArrayList<>();
      figures.add(
          new Figure(
              "release.two-requests",
              "cables/s",
              two,
              clients + " clients, a saved draft then its release; " + ledger));
      figures.add(
          new Figure(
              "release.one-request",
              "cables/s",
              one,
              clients + " clients, a text released at once"));
      figures.add(new Figure("bare.batch-64", "cables/s", bare64, "two-request rows; " + bareNote));
      figures.add(
          new Figure("bare.batch-64.one-request", "cables/s", bare64OneRequest, "no draft rows"));
      figures.add(
          new Figure(
              "bare.batch-station",
              "cables/s",
              bareStation,
              "at the station's batch, " + stationBatch + " cables a commit"));
      figures.add(
          new Figure(
              "ratio.release.two-requests/bare-64", "x", ratioTwo, "target >= 0.5, per round"));
      figures.add(
          new Figure(
              "ratio.release.one-request/bare-64", "x", ratioOne, "target >= 0.5, per round"));
      figures.add(
          new Figure(
              "station.cpu.two-requests",
              "µs/cable",
              cpuTwo,
              "the station process's CPU (user and system) a cable"));
      figures.add(
          new Figure(
              "station.cpu.one-request",
              "µs/cable",
              cpuOne,
              "the station process's CPU (user and system) a cable"));
      figures.add(
          new Figure(
              "client.cpu.two-requests",
              "µs/cable",
              clientTwo,
              "the load generator's CPU a cable: it shares the 2 cores with the station"));
      if (!batches.isEmpty()) {
        figures.add(
            new Figure(
                "station.commit-batch",
                "cables/commit",
                batches,
                "from the station's metrics, two-request rounds"));
        figures.add(
            new Figure(
                "station.transaction",
                "ms",
                transactionMs,
                "mean time of the writer's transactions, BEGIN to durable COMMIT"));
        figures.add(
            new Figure(
                "station.commit",
                "ms",
                commitMs,
                "mean time of the COMMIT alone: the WAL written and fsync'd"));
      }
      return figures;
    }
  }

  private static Path copy(Path template, Path dir, String name) throws java.io.IOException {
    Path target = dir.resolve(name + ".db");
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(target + suffix));
    }
    return Files.copy(template, target);
  }
}
