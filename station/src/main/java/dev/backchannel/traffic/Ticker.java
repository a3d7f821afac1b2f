package dev.backchannel.traffic;

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
  private final Clock clock;

  public Ticker(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Does what is due, if this process leads the clockwork ({@link Store#leadsClockwork}): where
   * several station processes share a database, one of them does, and the others do nothing. The
   * live feed tells the users concerned, from the events these changes record.
   */
  @Override
  public void run() {
    if (store.leadsClockwork()) {
      store.deliverDue(clock.instant());
      store.escalate(clock.instant());
    }
  }
}
