package dev.backchannel.bench.flash;

import dev.backchannel.bench.Figure;
import dev.backchannel.bench.RunContext;
import dev.backchannel.bench.Scenario;
import dev.backchannel.bench.station.Client;
import dev.backchannel.bench.station.October;
import dev.backchannel.bench.station.Releases;
import dev.backchannel.bench.station.StationProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Scenario 3 of issue 19 (DESIGN 7's FLASH latency): Haig's end is held while 10,000 ROUTINE cables
 * are released to it; then his duty officer resumes the end and, at once, Kissinger releases a
 * FLASH. The figure is the time from the FLASH's release request to its event on Haig's live
 * stream, and how many ROUTINE events came before it. The peers deliver theirs after the whole
 * backlog.
 */
public final class FlashLatency implements Scenario {
  @Override
  public String name() {
    return "flash";
  }

  @Override
  public String description() {
    return "FLASH latency, release to the reader's live event, behind 10,000 ROUTINE held for him";
  }

  @Override
  public List<Figure> run(RunContext run) throws Exception {
    int trials = run.pick(2, 5);
    int routine = run.pick(200, 10_000);
    Path store = StationProcess.init(run, run.work().resolve("flash"));
    Map<String, String> settings = StationProcess.CHEAP_LOGINS;
    List<Double> latencies = new ArrayList<>();
    List<Double> before = new ArrayList<>();
    List<Double> queueing = new ArrayList<>();
    try (StationProcess s = StationProcess.serve(run, store, settings)) {
      Client anonymous = Client.connect(s.url());
      October.setUp(anonymous.login("admin", StationProcess.PASSWORD));
      List<Client> kissinger = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        kissinger.add(anonymous.login("kissinger", StationProcess.PASSWORD));
      }
      Client haig = anonymous.login("haig", StationProcess.PASSWORD);
      Client scowcroft = anonymous.login("scowcroft", StationProcess.PASSWORD);
      for (int t = 0; t < trials; t++) {
        scowcroft.send("PUT", "/api/channels/BC/ends/WH/hold", null, 200);
        Releases.Run queued =
            Releases.run(
                kissinger,
                Releases.Mode.ONE_REQUEST,
                "ROUTINE",
                3_000,
                routine,
                Duration.ofMinutes(10));
        if (queued.cables() != routine) {
          throw new IllegalStateException(
              "only " + queued.cables() + " of " + routine + " ROUTINE were released in 10 min");
        }
        queueing.add(queued.perSecond());
        Trial trial =
            trial(
                haig,
                () -> scowcroft.send("DELETE", "/api/channels/BC/ends/WH/hold", null, 200),
                kissinger.getFirst());
        latencies.add(trial.latencyMs());
        before.add((double) trial.routineBefore());
        System.err.printf(
            "bench:     trial %d: FLASH event %.1f ms after its release request; %d ROUTINE"
                + " before it%n",
            t + 1, trial.latencyMs(), trial.routineBefore());
      }
    }
    return List.of(
        new Figure(
            "flash.latency",
            "ms",
            latencies,
            "release request to the event on the reader's stream, "
                + routine
                + " ROUTINE held then resumed as it is released"),
        new Figure("flash.routine-before", "events", before, "ROUTINE events before the FLASH"),
        new Figure(
            "flash.queueing",
            "cables/s",
            queueing,
            "the ROUTINE releases into the held end (one request, 64 clients)"));
  }

  /** One trial's figures. */
  public record Trial(double latencyMs, int routineBefore) {}

  /**
   * One trial on a station set up by {@link dev.backchannel.bench.station.October} with ROUTINE
   * traffic queued for Haig: {@code resume} lets it go (Scowcroft resumes his end, or an
   * administrator brings a link up) and Kissinger at once releases a FLASH; answers how long the
   * FLASH took to reach Haig's stream, and what came before it. Each client may be connected to
   * another process, or another station.
   */
  public static Trial trial(Client haig, Runnable resume, Client kissinger) throws Exception {
    AtomicLong arrived = new AtomicLong();
    AtomicInteger routineBefore = new AtomicInteger();
    CountDownLatch connected = new CountDownLatch(1);
    CountDownLatch flash = new CountDownLatch(1);
    Stream<String> lines = haig.events();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    lines.forEach(
                        line -> {
                          if (line.startsWith(": connected")) {
                            connected.countDown();
                          } else if (line.startsWith("data: ") && flash.getCount() > 0) {
                            if (line.contains("\"precedence\":\"FLASH\"")) {
                              arrived.set(System.nanoTime());
                              flash.countDown();
                            } else if (line.contains("\"precedence\":\"ROUTINE\"")) {
                              routineBefore.incrementAndGet();
                            }
                          }
                        });
                  } catch (RuntimeException e) {
                    // the stream is closed when the trial ends
                  }
                });
    try {
      if (!connected.await(10, TimeUnit.SECONDS)) {
        // a FLASH released before the stream listens would never reach it: no figure at all
        throw new IllegalStateException("the live stream did not connect within 10 s");
      }
      CompletableFuture<?> resumed =
          CompletableFuture.runAsync(resume, r -> Thread.ofVirtual().start(r));
      long start = System.nanoTime();
      Releases.release(
          kissinger, Releases.Mode.ONE_REQUEST, October.draft("FLASH", System.nanoTime(), 600));
      if (!flash.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the FLASH event did not arrive within 60 s");
      }
      resumed.get(10, TimeUnit.MINUTES);
      return new Trial((arrived.get() - start) / 1e6, routineBefore.get());
    } finally {
      lines.close();
      reader.interrupt();
    }
  }
}
