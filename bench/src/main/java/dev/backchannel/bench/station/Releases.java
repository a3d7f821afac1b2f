package dev.backchannel.bench.station;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator: clients on virtual threads releasing cables over HTTP as fast as the station
 * answers, each waiting for its answer before the next. Bounded in count and in time: it stops at
 * whichever comes first.
 */
public final class Releases {
  /** How a client releases: a saved draft and its release, or a text in one request. */
  public enum Mode {
    TWO_REQUESTS,
    ONE_REQUEST
  }

  /** What a run did: how many cables were released in how long. */
  public record Run(long cables, Duration elapsed) {
    public double perSecond() {
      return cables / (elapsed.toNanos() / 1e9);
    }
  }

  private static final AtomicLong NEXT = new AtomicLong();

  private Releases() {}

  /**
   * Releases {@code precedence} cables of about {@code bytes} bytes through {@code clients}, one
   * virtual thread each, until {@code limit} cables are released or {@code time} has passed.
   *
   * @throws IllegalStateException when any release is refused: a figure with failures in it would
   *     not measure what it says
   */
  public static Run run(
      List<Client> clients, Mode mode, String precedence, int bytes, long limit, Duration time)
      throws InterruptedException {
    AtomicLong left = new AtomicLong(limit);
    AtomicLong done = new AtomicLong();
    long deadline = System.nanoTime() + time.toNanos();
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Client c : clients) {
        running.add(
            threads.submit(
                () -> {
                  while (System.nanoTime() < deadline && left.getAndDecrement() > 0) {
                    release(c, mode, October.draft(precedence, NEXT.incrementAndGet(), bytes));
                    done.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          threads.shutdownNow();
          throw new IllegalStateException("a release failed", e.getCause());
        }
      }
    }
    return new Run(done.get(), Duration.ofNanos(System.nanoTime() - started));
  }

  /** Releases one text, confirming past any release warning; answers the released cable. */
  public static JsonNode release(Client c, Mode mode, String text) {
    return switch (mode) {
      case TWO_REQUESTS -> {
        long id =
            c.send(
                    "POST",
                    "/api/drafts",
                    Client.object().put("exchange", October.EXCHANGE).put("text", text),
                    201)
                .path("id")
                .asLong();
        yield c.send(
            "POST", "/api/drafts/" + id + "/release", Client.object().put("confirm", true), 201);
      }
      case ONE_REQUEST ->
          c.send(
              "POST",
              "/api/exchanges/" + October.EXCHANGE + "/cables",
              Client.object().put("text", text).put("confirm", true),
              201);
    };
  }
}
