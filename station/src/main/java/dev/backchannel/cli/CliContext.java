package dev.backchannel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backchannel.accounts.PasswordHasher;
import dev.backchannel.cable.canonical.CanonicalText;
import dev.backchannel.cable.edition.EditionText;
import dev.backchannel.cable.rules.Objectives;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreLocation;
import dev.backchannel.store.StoreObserver;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the commands are built with, made in one place ({@link Main}): where they write, the
 * environment they read ({@code BACKCHANNEL_*}), the clock, how a station file is opened, and the
 * cable formats.
 */
record CliContext(
    Console console,
    Map<String, String> env,
    Clock clock,
    StoreOpener stores,
    PasswordHasher passwords,
    CanonicalText canonical,
    EditionText editions,
    ObjectMapper json) {

  CliContext {
    Objects.requireNonNull(console, "console");
    env = Map.copyOf(env);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(passwords, "passwords");
    Objects.requireNonNull(canonical, "canonical");
    Objects.requireNonNull(editions, "editions");
    Objects.requireNonNull(json, "json");
  }

  /** Opens a store, which reports its writes to the observer and escalates by the objectives. */
  @FunctionalInterface
  interface StoreOpener {
    Store open(StoreLocation location, Clock clock, StoreObserver observer, Objectives objectives);
  }

  /** The value of an environment variable, when set and not empty. */
  Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }
}
