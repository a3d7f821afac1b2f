package dev.backchannel.live;

/**
 * What the live streams report as they write, for the station's metrics. Called on a stream's
 * thread after each write, so an implementation must be quick, thread-safe and must not throw; it
 * is told a precedence and an instant only, never who reads or what (G3).
 */
@FunctionalInterface
public interface LiveObserver {
  /** Observes nothing. */
  LiveObserver NONE = released -> {};

  /** The event announcing a delivered cable, released as given, was just written to a reader. */
  void written(LiveEvents.Released released);
}
