package dev.backchannel.server;

/** A part of the API (accounts, channels, cables …) that registers its routes. */
@FunctionalInterface
public interface Feature {
  /** Registers the feature's routes; called once, before the server starts. */
  void routes(Router router);
}
