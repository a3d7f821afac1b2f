package dev.backchannel.cli;

import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Series;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.NewExchange;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel exchange create NAME --channel C --series S:END --series S:END}. */
@Command(
    name = "exchange",
    mixinStandardHelpOptions = true,
    description = "Exchanges: numbering periods of a channel, with one series per direction.",
    subcommands = {ExchangeCommand.Create.class, ExchangeCommand.ListExchanges.class})
final class ExchangeCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates an exchange with its two series and the end that sends each.")
  static final class Create extends DualCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The exchange's name, e.g. OCT72.")
    String name;

    @Option(
        names = "--channel",
        required = true,
        paramLabel = "CHANNEL",
        description = "Its channel.")
    String channel;

    @Option(
        names = "--series",
        required = true,
        arity = "1",
        paramLabel = "SERIES:END",
        description =
            "A series and the end that sends it, twice: --series HAKTO:HAK --series TOHAK:WH.")
    List<String> series;

    Create(CliContext context) {
      super(context);
    }

    @Override
    int run(Store store) {
      if (series.size() != 2) {
        throw new StoreException(
            StoreException.Problem.INVALID,
            "series",
            "an exchange has exactly two series; give --series twice, not "
                + series.size()
                + " times");
      }
      ExchangeInfo exchange =
          services(store)
              .channels()
              .createExchange(
                  operator,
                  new NewExchange(
                      channel, name, seriesEnd(series.get(0)), seriesEnd(series.get(1))));
      context
          .console()
          .out()
          .println(
              "Exchange "
                  + exchange.name()
                  + " created on channel "
                  + exchange.channel()
                  + ": "
                  + exchange.series().get(0).series()
                  + " from "
                  + exchange.series().get(0).sendingEnd()
                  + ", "
                  + exchange.series().get(1).series()
                  + " from "
                  + exchange.series().get(1).sendingEnd());
      return ExitCode.OK;
    }

    @Override
    int runClient(StationClient client) {
      com.fasterxml.jackson.databind.node.ObjectNode body =
          context.json().createObjectNode().put("name", name).put("channel", channel);
      com.fasterxml.jackson.databind.node.ArrayNode a = body.putArray("series");
      series.forEach(a::add);
      print(context, client.post("/api/exchanges", body), "created ");
      return ExitCode.OK;
    }

    private static NewExchange.SeriesEnd seriesEnd(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new StoreException(
            StoreException.Problem.INVALID,
            "series",
            "a series is given as SERIES:END, e.g. HAKTO:HAK; got \"" + text + "\"");
      }
      try {
        return new NewExchange.SeriesEnd(
            new Series(text.substring(0, colon)), text.substring(colon + 1));
      } catch (InvalidValueException e) {
        throw new StoreException(StoreException.Problem.INVALID, "series", e.getMessage());
      }
    }
  }

  static void print(CliContext context, com.fasterxml.jackson.databind.JsonNode x, String verb) {
    List<String> parts = new java.util.ArrayList<>();
    x.path("series")
        .forEach(
            s -> parts.add(s.path("name").asText() + " from " + s.path("sendingEnd").asText()));
    context
        .console()
        .out()
        .println(
            "Exchange "
                + x.path("name").asText()
                + " "
                + verb
                + "on channel "
                + x.path("channel").asText()
                + ": "
                + String.join(", ", parts));
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the exchanges of your channels (all of them for an administrator).")
  static final class ListExchanges extends ClientCommand {
    @Option(names = "--json", description = "Print them as a JSON array.")
    boolean json;

    ListExchanges(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      com.fasterxml.jackson.databind.JsonNode exchanges = client.get("/api/exchanges");
      if (json) {
        context.console().out().println(exchanges);
      } else {
        exchanges.forEach(x -> print(context, x, ""));
      }
      return ExitCode.OK;
    }
  }
}
