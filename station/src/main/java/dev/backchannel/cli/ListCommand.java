package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.store.CableQuery;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backchannel list}: a table of envelopes, newest first; on the station file every cable,
 * through a running station the cables the logged-in user may know of (G3), printed alike ({@link
 * Envelope}).
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "Lists the cables' envelopes, newest first: every stored one (--store), or those you may"
            + " know of when logged in.")
final class ListCommand extends DualCommand {
  @Option(names = "--exchange", paramLabel = "NAME", description = "Only this exchange.")
  String exchange;

  @Option(
      names = "--limit",
      defaultValue = "50",
      paramLabel = "N",
      description = "At most N cables (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print one JSON object per cable (JSON Lines).")
  boolean json;

  ListCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(Store store) {
    if (limit < 1) {
      throw new StoreException(
          StoreException.Problem.INVALID, "limit", "--limit must be at least 1, not " + limit);
    }
    Optional<String> x =
        Optional.ofNullable(exchange).map(n -> ExchangeOption.require(store, n).name());
    Envelope.print(
        store.cables(x, limit).stream().map(Envelope::of).toList(),
        json,
        context.json(),
        context.console().out());
    return ExitCode.OK;
  }

  @Override
  int runClient(StationClient client) {
    if (limit < 1 || limit > CableQuery.MAX_LIMIT) {
      throw new StationClient.Failure(
          "INVALID",
          "--limit must be from 1 to " + CableQuery.MAX_LIMIT + " through a station, not " + limit,
          ExitCode.BAD_INPUT);
    }
    String query = "/api/cables?limit=" + limit;
    if (exchange != null) {
      // an exchange he may not know of answers as one that does not exist, as on the file (G3)
      query += "&exchange=" + StationClient.segment(ExchangeOption.require(client, exchange));
    }
    List<Envelope> envelopes = new ArrayList<>();
    for (JsonNode c : client.get(query)) {
      envelopes.add(Envelope.of(c));
    }
    Envelope.print(envelopes, json, context.json(), context.console().out());
    return ExitCode.OK;
  }
}
