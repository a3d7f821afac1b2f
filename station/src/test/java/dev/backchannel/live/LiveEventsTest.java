package dev.backchannel.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backchannel.cable.Precedence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveEventsTest {
  private final LiveEvents events = new LiveEvents();

  private static List<String> take(LiveEvents.Subscription s, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.next(Duration.ofMillis(100)).map(LiveEvents.Event::name).orElse("none"));
    }
    return out;
  }

  private static long numbered;

  /** A message of no delivered cable, from the next station event. */
  private static LiveFeed.Message message(long user, int rank, String name) {
    return new LiveFeed.Message(user, rank, name, "{}", Optional.empty(), ++numbered);
  }

  @Test
  void aFlashGoesAheadOfQueuedRoutineTraffic() throws InterruptedException {
    try (LiveEvents.Subscription s = events.subscribe(7)) {
      for (int i = 0; i < 1_000; i++) {
        events.publish(message(7, 4, "routine" + i));
      }
      events.publish(message(7, 1, "flash"));
      events.publish(message(7, 2, "immediate"));

      assertThat(take(s, 4)).containsExactly("flash", "immediate", "routine0", "routine1");
    }
  }

  @Test
  void eventsGoOnlyToTheUserTheyAreFor() throws InterruptedException {
    try (LiveEvents.Subscription mine = events.subscribe(1);
        LiveEvents.Subscription other = events.subscribe(2)) {
      events.publish(message(1, 4, "for-one"));

      assertThat(take(mine, 1)).containsExactly("for-one");
      assertThat(take(other, 1)).containsExactly("none");
    }
  }

  @Test
  void aClosedSubscriptionReceivesNothingMore() {
    LiveEvents.Subscription s = events.subscribe(3);
    s.close();
    s.close();

    assertThat(events.connected(3)).isFalse();
  }

  @Test
  void aSubscriberTooFarBehindIsToldToResync() throws InterruptedException {
    try (LiveEvents.Subscription s = events.subscribe(4)) {
      for (int i = 0; i <= LiveEvents.QUEUE_LIMIT; i++) {
        events.publish(message(4, 4, "routine"));
      }

      assertThat(take(s, 2)).containsExactly("resync", "none");
    }
  }

  @Test
  void closingEndsEveryStreamAheadOfQueuedEvents() throws InterruptedException {
    try (LiveEvents.Subscription s = events.subscribe(5)) {
      events.publish(message(5, 0, "flash-override"));
      events.close();

      assertThat(take(s, 1)).containsExactly("bye");
      try (LiveEvents.Subscription late = events.subscribe(6)) {
        assertThat(take(late, 1)).containsExactly("bye");
      }
    }
  }

  @Test
  void aDeliveryCarriesItsCablesPrecedenceAndReleaseAndOtherEventsNone()
      throws InterruptedException {
    LiveEvents.Released flash =
        new LiveEvents.Released(Precedence.FLASH, Instant.parse("1972-10-22T15:30:00Z"));
    try (LiveEvents.Subscription s = events.subscribe(8)) {
      events.publish(new LiveFeed.Message(8, 1, "delivered", "{}", Optional.of(flash), 1));
      events.publish(message(8, LiveEvents.NOTICE_RANK, "receipt"));

      LiveEvents.Event delivered = s.next(Duration.ofMillis(100)).orElseThrow();
      LiveEvents.Event receipt = s.next(Duration.ofMillis(100)).orElseThrow();

      assertThat(delivered.name()).isEqualTo("delivered");
      assertThat(delivered.released()).contains(flash);
      assertThat(receipt.released()).isEmpty();
    }
  }

  @Test
  void theResumePointStaysBelowAnOlderMessageStillQueuedBehindAFlash() throws InterruptedException {
    try (LiveEvents.Subscription s = events.subscribe(9)) {
      events.publish(new LiveFeed.Message(9, 4, "routine", "{}", Optional.empty(), 10));
      events.publish(new LiveFeed.Message(9, 4, "routine", "{}", Optional.empty(), 11));
      events.publish(new LiveFeed.Message(9, 1, "flash", "{}", Optional.empty(), 12));

      LiveEvents.Event flash = s.next(Duration.ofMillis(100)).orElseThrow();
      assertThat(flash.event()).isEqualTo(12);
      assertThat(s.written(flash)).isEqualTo(9);
      assertThat(s.written(s.next(Duration.ofMillis(100)).orElseThrow())).isEqualTo(10);
      assertThat(s.written(s.next(Duration.ofMillis(100)).orElseThrow())).isEqualTo(12);
    }
  }

  @Test
  void streamsCountsTheOpenSubscriptionsOfEveryUser() {
    assertThat(events.streams()).isZero();
    LiveEvents.Subscription a = events.subscribe(1);
    LiveEvents.Subscription b = events.subscribe(1);
    LiveEvents.Subscription c = events.subscribe(2);
    assertThat(events.streams()).isEqualTo(3);

    b.close();
    assertThat(events.streams()).isEqualTo(2);
    a.close();
    c.close();
    assertThat(events.streams()).isZero();
  }
}
