package dev.backchannel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backchannel.metrics.StationMetrics;
import dev.backchannel.server.ServerConfig;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreObserver;
import dev.backchannel.store.sqlite.SqliteStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationTest {
  @TempDir Path dir;

  private Station build(Map<String, String> env) {
    ServerConfig config = ServerConfig.load(Optional.empty(), env);
    Optional<StationMetrics> metrics = Station.metrics(config, Clock.systemUTC());
    Store store =
        SqliteStore.open(
            dir.resolve("station.db"),
            Clock.systemUTC(),
            metrics.map(StationMetrics::store).orElse(StoreObserver.NONE));
    return Station.build(config, store, Clock.systemUTC(), metrics, Optional.empty());
  }

  @Test
  void aStationStartsOnceAndItsCloseClosesTheStoreAndMayBeRepeated() {
    Station station = build(Map.of("BACKCHANNEL_HTTP_PORT", "0", "BACKCHANNEL_METRICS_PORT", "0"));
    station.start();
    assertThat(station.server().port()).isPositive();
    assertThatThrownBy(station::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the station is started already");

    station.close();
    station.close();

    // the store is closed with the station: its file may be opened again
    SqliteStore.open(dir.resolve("station.db"), Clock.systemUTC()).close();
    assertThatThrownBy(station::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the station is closed");
  }

  @Test
  void aServerThatCannotStartIsNamedAndTheStoreStaysOpenUntilClose() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Station station =
          build(
              Map.of(
                  "BACKCHANNEL_HTTP_PORT",
                  Integer.toString(taken.getLocalPort()),
                  "BACKCHANNEL_METRICS_PORT",
                  "off"));

      assertThatThrownBy(station::start)
          .isInstanceOfSatisfying(
              Station.StartFailed.class,
              e -> assertThat(e.part()).isEqualTo(Station.StartFailed.Part.SERVER));
      assertThat(station.store().station()).isEmpty();

      station.close();
    }
  }

  @Test
  void metricsThatCannotStartAreNamedAndTheServerIsStoppedAgain() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Station station =
          build(
              Map.of(
                  "BACKCHANNEL_HTTP_PORT",
                  "0",
                  "BACKCHANNEL_METRICS_PORT",
                  Integer.toString(taken.getLocalPort())));

      assertThatThrownBy(station::start)
          .isInstanceOfSatisfying(
              Station.StartFailed.class,
              e -> assertThat(e.part()).isEqualTo(Station.StartFailed.Part.METRICS));

      station.close();
    }
  }
}
