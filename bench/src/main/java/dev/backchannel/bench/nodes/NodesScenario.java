package dev.backchannel.bench.nodes;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.flash.FlashLatency;
import dev.backchannel.bench.station.Client;
import dev.backchannel.bench.station.Ledger;
import dev.backchannel.bench.station.October;
import dev.backchannel.bench.station.Releases;
import dev.backchannel.bench.station.Scrape;
import dev.backchannel.bench.station.StationProcess;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 22: the same station on its SQLite file, on PostgreSQL with one {@code serve} process, and
 * on PostgreSQL with two processes sharing the database, measured in alternating rounds: release
 * throughput of 64 clients (a saved draft then its release; with two processes, half the clients on
 * each), and the FLASH latency of {@link FlashLatency} (with two processes, the FLASH released
 * through the first and read on the second's stream). Runs with {@code --postgres URL}: a database
 * whose user may create databases (scripts/postgres makes one), the password in {@code
 * BACKCHANNEL_STORE_PASSWORD}.
 */
public final class NodesScenario implements Scenario {
  private static final int BYTES = 3_000;
  private static final String COMMIT_BATCH = "backchannel_store_commit_tasks";

  @Override
  public String name() {
    return "nodes";
  }

  @Override
  public String description() {
    return "release throughput and FLASH latency on SQLite, on PostgreSQL with one process and"
        + " with two (needs --postgres)";
  }

  /** One way of running the station, with its processes and each's clients. */
  private record Setup(
      String name, List<StationProcess> nodes, List<Client> kissinger, String store)
      implements AutoCloseable {
    @Override
    public void close() {
      nodes.forEach(StationProcess::close);
    }
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    String admin =
        run.postgres()
            .orElseThrow(() -> new IllegalStateException("the nodes scenario needs --postgres"));
    int clients = run.pick(8, 64);
    int rounds = run.pick(1, 3);
    Duration round = run.pick(Duration.ofSeconds(2), Duration.ofSeconds(15));
    int routine = run.pick(200, 10_000);
    Path work = run.work().resolve("nodes");
    List<Setup> setups = new ArrayList<>();
    try {
      Path sqlite = work.resolve("sqlite");
      setups.add(setUp(run, "sqlite", sqlite, sqlite.resolve("station.db").toString(), 1, clients));
      setups.add(
          setUp(run, "postgresql.1-node", work.resolve("pg1"), database(admin, "pg1"), 1, clients));
      setups.add(
          setUp(
              run, "postgresql.2-nodes", work.resolve("pg2"), database(admin, "pg2"), 2, clients));
      Map<String, List<Double>> releases = new java.util.LinkedHashMap<>();
      Map<String, List<Double>> flash = new java.util.LinkedHashMap<>();
      Map<String, List<Double>> batches = new java.util.LinkedHashMap<>();
      Map<String, Long> released = new java.util.HashMap<>();
      for (Setup s : setups) {
        // warm-up: the JIT compiles the release path of each process
        released.merge(s.name(), warm(s, run), Long::sum);
        releases.put(s.name(), new ArrayList<>());
        flash.put(s.name(), new ArrayList<>());
        batches.put(s.name(), new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        for (Setup s : setups) {
          List<Scrape> before = scrape(s);
          Releases.Run two =
              Releases.run(
                  s.kissinger(),
                  Releases.Mode.TWO_REQUESTS,
                  "ROUTINE",
                  BYTES,
                  Long.MAX_VALUE,
                  round);
          released.merge(s.name(), two.cables(), Long::sum);
          releases.get(s.name()).add(two.perSecond());
          batches.get(s.name()).add(cablesPerCommit(before, scrape(s)));
          System.err.printf(
              "bench:     %s round %d: %.0f cables/s%n", s.name(), r + 1, two.perSecond());
        }
        for (Setup s : setups) {
          FlashLatency.Trial t = flashTrial(s, routine);
          released.merge(s.name(), (long) routine + 1, Long::sum);
          flash.get(s.name()).add(t.latencyMs());
          System.err.printf(
              "bench:     %s FLASH %.1f ms behind %d ROUTINE (%d before it)%n",
              s.name(), t.latencyMs(), routine, t.routineBefore());
        }
      }
      List<Figure> figures = new ArrayList<>();
      for (Setup s : setups) {
        String ledger = ledger(s, released.get(s.name()));
        figures.add(
            new Figure(
                "nodes.release." + s.name(),
                "cables/s",
                releases.get(s.name()),
                clients
                    + " clients, a saved draft then its release, over "
                    + s.nodes().size()
                    + " process(es); "
                    + ledger));
      }
      for (Setup s : setups) {
        figures.add(
            new Figure(
                "nodes.commit-batch." + s.name(),
                "cables/commit",
                batches.get(s.name()),
                "cables a writer's commit held, over every process, from the metrics"));
      }
      for (Setup s : setups) {
        figures.add(
            new Figure(
                "nodes.flash." + s.name(),
                "ms",
                flash.get(s.name()),
                "FLASH release request to Haig's live event, "
                    + routine
                    + " ROUTINE held then resumed"
                    + (s.nodes().size() > 1 ? "; released on node 1, read on node 2" : "")));
      }
      return figures;
    } finally {
      setups.forEach(Setup::close);
    }
  }

  /** A new, empty database beside {@code admin}'s; answers its address. */
  private static String database(String admin, String name) throws SQLException {
    String db = "bench_" + name + "_" + ProcessHandle.current().pid();
    try (Connection c = connect(admin);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + db);
      s.execute("CREATE DATABASE " + db);
    }
    return admin.substring(0, admin.lastIndexOf('/') + 1) + db;
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:" + url,
        Optional.ofNullable(System.getenv("BACKCHANNEL_STORE_USER")).orElse("backchannel"),
        Optional.ofNullable(System.getenv("BACKCHANNEL_STORE_PASSWORD")).orElse(""));
  }

  private static Setup setUp(
      RunContext run, String name, Path dir, String store, int processes, int clients)
      throws Exception {
    StationProcess.init(run, dir, store);
    List<StationProcess> nodes = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      nodes.add(
          StationProcess.serve(run, dir.resolve("node-" + i), store, StationProcess.CHEAP_LOGINS));
    }
    October.setUp(Client.connect(nodes.getFirst().url()).login("admin", StationProcess.PASSWORD));
    List<Client> kissinger = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      URI node = nodes.get(i % processes).url();
      kissinger.add(Client.connect(node).login("kissinger", StationProcess.PASSWORD));
    }
    return new Setup(name, nodes, kissinger, store);
  }

  private static List<Scrape> scrape(Setup s) throws java.io.IOException, InterruptedException {
    List<Scrape> each = new ArrayList<>();
    for (StationProcess p : s.nodes()) {
      each.add(Scrape.of(p.metrics()));
    }
    return each;
  }

  /**
   * Cables a commit held between two scrapes of every process: the writers' tasks over their
   * commits, two tasks a cable (its draft, then its release).
   */
  private static double cablesPerCommit(List<Scrape> before, List<Scrape> after) {
    double commits = 0;
    double tasks = 0;
    for (int i = 0; i < before.size(); i++) {
      commits += after.get(i).since(before.get(i), COMMIT_BATCH + "_count");
      tasks += after.get(i).since(before.get(i), COMMIT_BATCH + "_sum");
    }
    return commits == 0 ? 0 : tasks / commits / 2;
  }

  private static long warm(Setup s, RunContext run) throws InterruptedException {
    return Releases.run(
            s.kissinger(),
            Releases.Mode.TWO_REQUESTS,
            "ROUTINE",
            BYTES,
            Long.MAX_VALUE,
            run.pick(Duration.ofSeconds(2), Duration.ofSeconds(10)))
        .cables();
  }

  /**
   * Holds WH, queues {@code routine} ROUTINE for Haig through every process, then one FLASH trial:
   * Haig and Scowcroft on the last process, Kissinger's FLASH through the first.
   */
  private static FlashLatency.Trial flashTrial(Setup s, int routine) throws Exception {
    URI last = s.nodes().getLast().url();
    Client haig = Client.connect(last).login("haig", StationProcess.PASSWORD);
    Client scowcroft = Client.connect(last).login("scowcroft", StationProcess.PASSWORD);
    scowcroft.send("PUT", "/api/channels/BC/ends/WH/hold", null, 200);
    Releases.Run queued =
        Releases.run(
            s.kissinger(),
            Releases.Mode.ONE_REQUEST,
            "ROUTINE",
            BYTES,
            routine,
            Duration.ofMinutes(10));
    if (queued.cables() != routine) {
      throw new IllegalStateException(
          "only " + queued.cables() + " of " + routine + " ROUTINE were released in 10 min");
    }
    return FlashLatency.trial(
        haig,
        () -> scowcroft.send("DELETE", "/api/channels/BC/ends/WH/hold", null, 200),
        s.kissinger().getFirst());
  }

  /** The ledger check of what was released, on the store's own database. */
  private static String ledger(Setup s, long released) throws SQLException {
    if (!s.store().startsWith("postgresql://")) {
      return Ledger.check(Path.of(s.store()), released);
    }
    try (Connection c = connect(s.store())) {
      return Ledger.check(c, released);
    }
  }
}
