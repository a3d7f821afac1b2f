package dev.backchannel.traffic;

import dev.backchannel.live.LiveFeed;
import dev.backchannel.store.Escalation;
import dev.backchannel.store.Store;
import java.time.Clock;
import java.util.Objects;

/**
 * The station's clockwork: delivers what waited for its readers' opening of business and raises the
 * escalations of G7 that are due, then tells the users concerned. The server runs it every {@code
 * delivery.tick}; tests run it by hand with a controllable clock.
 */
public final class Ticker implements Runnable {
  private final Store store;
  private final LiveFeed live;
  private final Clock clock;

  public Ticker(Store store, LiveFeed live, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.live = Objects.requireNonNull(live, "live");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void run() {
    live.delivered(store.deliverDue(clock.instant()));
    for (Escalation e : store.escalate(clock.instant())) {
      live.escalated(e);
    }
  }
}
