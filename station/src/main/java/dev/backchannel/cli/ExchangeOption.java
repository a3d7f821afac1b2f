package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --exchange NAME}: designators are unique only within an exchange. It may be left out when
 * the station has exactly one exchange.
 */
final class ExchangeOption {
  @Option(
      names = "--exchange",
      paramLabel = "NAME",
      description = "The exchange (may be left out when the station has only one).")
  String exchange;

  /** The exchange named, or the station's only one. */
  ExchangeInfo resolve(Store store) {
    if (exchange != null) {
      return require(store, exchange);
    }
    List<ExchangeInfo> all = store.exchanges();
    if (all.size() == 1) {
      return all.get(0);
    }
    throw new StoreException(
        StoreException.Problem.INVALID,
        "exchange",
        all.isEmpty()
            ? "the station has no exchange yet; create one with backchannel exchange create"
            : "the station has "
                + all.size()
                + " exchanges; name one with --exchange ("
                + String.join(", ", all.stream().map(ExchangeInfo::name).toList())
                + ")");
  }

  /**
   * The exchange of that name.
   *
   * @throws StoreException NOT_FOUND if there is none
   */
  static ExchangeInfo require(Store store, String name) {
    return store
        .exchange(name)
        .orElseThrow(
            () ->
                new StoreException(
                    StoreException.Problem.NOT_FOUND, "exchange", "no exchange named " + name));
  }

  /**
   * The exchange of that name among those the caller may know of, through a running station.
   *
   * @throws StationClient.Failure NOT_FOUND, as on the file, if there is none he may know of
   */
  static String require(StationClient client, String name) {
    for (JsonNode x : client.get("/api/exchanges")) {
      if (x.path("name").asText().equalsIgnoreCase(name)) {
        return x.path("name").asText();
      }
    }
    throw new StationClient.Failure("NOT_FOUND", "no exchange named " + name, ExitCode.NOT_FOUND);
  }

  /**
   * The exchange named, or the caller's only one, through a running station.
   *
   * @throws StationClient.Failure when none is named and the caller has not exactly one
   */
  String resolve(StationClient client) {
    if (exchange != null) {
      return exchange;
    }
    List<String> names = new java.util.ArrayList<>();
    client.get("/api/exchanges").forEach(x -> names.add(x.path("name").asText()));
    if (names.size() == 1) {
      return names.get(0);
    }
    throw new StationClient.Failure(
        "INVALID",
        names.isEmpty()
            ? "you have no exchange; an administrator makes you a member of an end"
            : "name one of your exchanges with --exchange (" + String.join(", ", names) + ")",
        ExitCode.BAD_INPUT);
  }
}
