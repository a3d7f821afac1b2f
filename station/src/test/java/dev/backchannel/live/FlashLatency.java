package dev.backchannel.live;

import dev.backchannel.cable.Classification;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.server.Http;
import dev.backchannel.server.TestStation;
import dev.backchannel.store.ReleaseRequest;
import dev.backchannel.store.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the FLASH latency of DESIGN 7 (not a test): 10,000 ROUTINE cables held for a reader's
 * end, the hold resumed and a FLASH released at once; the time from the FLASH's release request to
 * its event on the reader's stream, and how many ROUTINE events came before it.
 *
 * <p>Run as the README's Measurements section shows: {@code FlashLatency [trials] [routine]}.
 */
public final class FlashLatency {
  private FlashLatency() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int routine = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Path dir = Files.createTempDirectory("flash-latency");
    try (TestStation station = TestStation.start(dir)) {
      var s = station.store;
      station.october();
      station.user("kissinger", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
      station.user("haig", Classification.TOP_SECRET, Set.of(), Role.PRINCIPAL);
      station.user("scowcroft", Classification.TOP_SECRET, Set.of(), Role.DUTY_OFFICER);
      s.putMember("BC", "HAK", "kissinger", true, "admin");
      s.putMember("BC", "WH", "haig", true, "admin");
      s.putMember("BC", "WH", "scowcroft", false, "admin");
      Http kissinger = station.token("kissinger");
      Http dutyOfficer = station.token("scowcroft");
      String haigToken = token(station, "haig");
      var routineDraft =
          CanonicalText.standard()
              .parse("ROUTINE\nSECRET\nFROM: KISSINGER\nTO: HAIG\n\n1. ROUTINE TRAFFIC.\n");
      long[] latencies = new long[trials];
      int[] before = new int[trials];
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int t = 0; t < trials; t++) {
        s.holdEnd("BC", "WH", "scowcroft");
        List<Future<?>> releases = new ArrayList<>();
        for (int i = 0; i < routine; i++) {
          releases.add(
              pool.submit(
                  () ->
                      s.release(
                          new ReleaseRequest(
                              "OCT72", new Series("HAKTO"), routineDraft, "kissinger"))));
        }
        for (Future<?> f : releases) {
          f.get();
        }
        AtomicLong flashArrived = new AtomicLong();
        AtomicInteger routineBefore = new AtomicInteger();
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch flash = new CountDownLatch(1);
        HttpClient client = HttpClient.newHttpClient();
        var response =
            client.sendAsync(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + station.server.port() + "/api/events/stream"))
                    .header("Authorization", "Bearer " + haigToken)
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        response
                            .join()
                            .body()
                            .forEach(
                                line -> {
                                  if (line.startsWith(": connected")) {
                                    connected.countDown();
                                  } else if (line.startsWith("data: ") && flash.getCount() > 0) {
                                    if (line.contains("\"precedence\":\"FLASH\"")) {
                                      flashArrived.set(System.nanoTime());
                                      flash.countDown();
                                    } else if (line.contains("\"precedence\":\"ROUTINE\"")) {
                                      routineBefore.incrementAndGet();
                                    }
                                  }
                                });
                      } catch (RuntimeException e) {
                        // the stream is cancelled at the end of the trial
                      }
                    });
        if (!connected.await(10, TimeUnit.SECONDS)) {
          // a FLASH released before the stream listens would never reach it: no figure at all
          throw new IllegalStateException("the live stream did not connect within 10 s");
        }
        Http.Answer draft =
            kissinger.post(
                "/api/drafts",
                "{\"exchange\":\"OCT72\",\"text\":\"FLASH\\nSECRET\\nFROM: KISSINGER\\nTO:"
                    + " HAIG\\n\\n1. FLASH TRAFFIC.\\n\"}");
        long id = draft.json().get("id").asLong();
        Future<?> resume = pool.submit(() -> dutyOfficer.delete("/api/channels/BC/ends/WH/hold"));
        long start = System.nanoTime();
        Http.Answer released =
            kissinger.post("/api/drafts/" + id + "/release", "{\"confirm\":true}");
        if (released.status() != 201) {
          throw new IllegalStateException("the FLASH was not released: " + released.body());
        }
        if (!flash.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the FLASH event never arrived");
        }
        latencies[t] = flashArrived.get() - start;
        before[t] = routineBefore.get();
        resume.get();
        response.cancel(true);
        reader.interrupt();
        client.close();
        System.out.printf(
            "trial %d: FLASH event %.1f ms after its release request; %d ROUTINE events before it%n",
            t + 1, latencies[t] / 1e6, before[t]);
      }
      pool.shutdown();
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "%d trials, %d ROUTINE held each: median %.1f ms, p99 (max of %d) %.1f ms; ROUTINE before"
              + " FLASH: max %d%n",
          trials,
          routine,
          sorted[sorted.length / 2] / 1e6,
          trials,
          sorted[sorted.length - 1] / 1e6,
          Arrays.stream(before).max().orElse(0));
    }
  }

  private static String token(TestStation station, String user) {
    return station
        .anonymous()
        .post(
            "/api/login",
            "{\"name\":\""
                + user
                + "\",\"password\":\""
                + TestStation.PASSWORD
                + "\",\"kind\":\"token\"}")
        .json()
        .get("token")
        .asText();
  }
}
