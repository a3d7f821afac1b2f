package dev.backchannel.bench.memory;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.station.Client;
import dev.backchannel.bench.station.October;
import dev.backchannel.bench.station.StationProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Scenario 5 of issue 19: the station's resident memory with 1,000 live readers (event streams),
 * after 50 password logins with the station's real Argon2id settings (64 MiB, t = 3), ten at a
 * time. Each run is a new station process; RSS is read from /proc when it serves, after the logins,
 * and with every reader connected once the station has settled (30 s), beside its peak.
 */
public final class LiveReaders implements Scenario {
  private static final List<String> USERS = List.of("kissinger", "haig", "scowcroft");

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String description() {
    return "RSS with 1,000 live readers after 50 logins (real Argon2id settings)";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    int runs = run.pick(1, 3);
    int logins = run.pick(6, 50);
    int readers = run.pick(60, 1_000);
    List<Double> serving = new ArrayList<>();
    List<Double> afterLogins = new ArrayList<>();
    List<Double> withReaders = new ArrayList<>();
    List<Double> peak = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      Path store = StationProcess.init(run, run.work().resolve("memory" + r));
      // the login limit (5 a minute from one address) would refuse the bench's 50 logins from
      // loopback; the hashing itself keeps the station's settings
      Map<String, String> settings = Map.of("BACKCHANNEL_LOGIN_ATTEMPTS_PER_MINUTE", "100");
      try (StationProcess s = StationProcess.serve(run, store, settings)) {
        serving.add(s.rssMb());
        Client anonymous = Client.connect(s.url());
        October.setUp(anonymous.login("admin", StationProcess.PASSWORD));
        List<Client> tokens = login(anonymous, logins - 1);
        afterLogins.add(s.rssMb());
        List<Stream<String>> streams = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(readers);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int i = 0; i < readers; i++) {
            Stream<String> lines = tokens.get(i % tokens.size()).events();
            streams.add(lines);
            threads.submit(
                () -> {
                  try {
                    lines.forEach(
                        line -> {
                          if (line.startsWith(": connected")) {
                            connected.countDown();
                          }
                        });
                  } catch (RuntimeException closed) {
                    // closed at the end of the run
                  }
                });
          }
          if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                connected.getCount() + " of " + readers + " streams did not connect in 60 s");
          }
          // what is measured is what the station holds with its readers, not the garbage the
          // logins just left: the launcher's G1 settings give it back after 10 s without a
          // collection, so the reading waits a few such intervals; the peak is reported beside it
          Thread.sleep(run.pick(2_000, 30_000));
          withReaders.add(s.rssMb());
          peak.add(s.peakRssMb());
          streams.forEach(Stream::close);
          threads.shutdownNow();
        }
      }
    }
    return List.of(
        new Figure("memory.rss.serving", "MB", serving, "when it serves"),
        new Figure("memory.rss.logins", "MB", afterLogins, logins + " logins, ten at a time"),
        new Figure(
            "memory.rss.readers",
            "MB",
            withReaders,
            readers
                + " live readers after "
                + logins
                + " logins, 30 s after the last connected; target < 300"),
        new Figure("memory.rss.peak", "MB", peak, "the most it held (VmHWM), in the logins"));
  }

  /** Logs in {@code count} times, ten at a time, spread over the users. */
  private static List<Client> login(Client anonymous, int count) throws Exception {
    List<Future<Client>> done = new ArrayList<>();
    try (ExecutorService ten = Executors.newFixedThreadPool(10)) {
      for (int i = 0; i < count; i++) {
        String user = USERS.get(i % USERS.size());
        done.add(ten.submit(() -> anonymous.login(user, StationProcess.PASSWORD)));
      }
    }
    List<Client> clients = new ArrayList<>();
    for (Future<Client> f : done) {
      clients.add(f.get());
    }
    return clients;
  }
}
