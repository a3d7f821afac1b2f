package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The traffic commands of the CLI as a client: inbox, read, ack, draft, receipts, crossings, gaps.
 */
final class TrafficCommands {
  private TrafficCommands() {}

  static String cablePath(String exchange, String designator) {
    return "/api/exchanges/"
        + StationClient.segment(exchange)
        + "/cables/"
        + StationClient.segment(designator);
  }

  static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.isObject() ? n.path("name").asText() : n.asText()));
    return String.join(", ", parts);
  }

  static String label(JsonNode c) {
    StringBuilder b = new StringBuilder(c.path("classification").asText());
    c.path("caveats").forEach(x -> b.append(' ').append(x.asText()));
    if (c.has("eyesOnly")) {
      b.append(' ').append(c.path("eyesOnly").asText());
    }
    return b.toString();
  }

  /** Says that the caller may see only the envelope of a cable: NOT_ALLOWED, exit 3. */
  static int envelopeOnly(CliContext context, JsonNode c) {
    context
        .console()
        .error(
            "NOT_ALLOWED",
            "you may see the envelope of "
                + c.path("designator").path("text").asText()
                + " but not its text ("
                + label(c)
                + ")");
    return ExitCode.NOT_FOUND;
  }

  @Command(
      name = "inbox",
      mixinStandardHelpOptions = true,
      description = "The cables delivered to you, by precedence then most recent.")
  static final class Inbox extends ClientCommand {
    @Option(names = "--json", description = "Print them as a JSON array.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "At most N (default 100).")
    int limit = 100;

    Inbox(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode inbox = client.get("/api/inbox?limit=" + limit);
      if (json) {
        context.console().out().println(inbox);
        return ExitCode.OK;
      }
      Table t =
          new Table("PRECEDENCE", "DESIGNATOR", "EXCHANGE", "DTG", "LABEL", "FROM", "RECEIPTS");
      for (JsonNode c : inbox) {
        t.row(
            c.path("precedence").asText(),
            c.path("designator").path("text").asText(),
            c.path("exchange").asText(),
            c.path("dtg").asText(),
            label(c),
            c.path("from").path("name").asText(),
            join(c.path("receipts")));
      }
      t.print(context.console().out());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "read",
      mixinStandardHelpOptions = true,
      description =
          "Prints a cable's canonical text and records OPENED; READ_IN_FULL only when the whole"
              + " text went to a terminal (DESIGN 5.3).")
  static final class Read extends ClientCommand {
    @Parameters(paramLabel = "DESIGNATOR", description = "e.g. \"Hakto 45\".")
    String designator;

    @Mixin ExchangeOption exchange;

    @Option(names = "--json", description = "Print the cable as JSON (no READ_IN_FULL).")
    boolean json;

    Read(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      String x = exchange.resolve(client);
      JsonNode c = client.send("GET", cablePath(x, designator), null, "cli");
      if (json) {
        context.console().out().println(c);
        return ExitCode.OK;
      }
      if (!"CONTENT".equals(c.path("access").asText())) {
        return envelopeOnly(context, c);
      }
      context.console().out().print(c.path("canonical").asText());
      context.console().out().flush();
      if (Terminal.attached()) {
        ObjectNode body =
            context.json().createObjectNode().put("kind", "READ_IN_FULL").put("client", "cli");
        try {
          client.post(cablePath(x, designator) + "/receipts", body);
        } catch (StationClient.Failure e) {
          // only readers the cable was delivered to have receipts; the text was shown all the same
          if (!e.code().equals("NOT_DELIVERED")) {
            throw e;
          }
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "ack",
      mixinStandardHelpOptions = true,
      description = "Acknowledges a cable delivered to you (after you opened it).")
  static final class Ack extends ClientCommand {
    @Parameters(paramLabel = "DESIGNATOR")
    String designator;

    @Mixin ExchangeOption exchange;

    @Option(names = "--json", description = "Print the receipt as JSON.")
    boolean json;

    Ack(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      String x = exchange.resolve(client);
      JsonNode r =
          client.post(
              cablePath(x, designator) + "/receipts",
              context.json().createObjectNode().put("kind", "ACKNOWLEDGED").put("client", "cli"));
      if (json) {
        context.console().out().println(r);
        return ExitCode.OK;
      }
      context
          .console()
          .out()
          .println("Acknowledged " + designator + " at " + r.path("at").asText() + ".");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "pass",
      mixinStandardHelpOptions = true,
      description =
          "Passes a cable delivered to you verbatim to one of its PASS TO readers (a sealed one"
              + " unopened).")
  static final class Pass extends ClientCommand {
    @Parameters(paramLabel = "DESIGNATOR")
    String designator;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "NAME",
        description = "e.g. \"THE PRESIDENT\".")
    String to;

    @Mixin ExchangeOption exchange;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    Pass(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode r =
          client.post(
              cablePath(exchange.resolve(client), designator) + "/pass",
              context.json().createObjectNode().put("to", to));
      if (json) {
        context.console().out().println(r);
        return ExitCode.OK;
      }
      context
          .console()
          .out()
          .println(
              r.path("passedNow").asBoolean()
                  ? "Passed "
                      + r.path("designator").asText()
                      + " to "
                      + r.path("passedTo").asText()
                      + "."
                  : r.path("designator").asText()
                      + " was passed to "
                      + r.path("passedTo").asText()
                      + " before.");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "receipts",
      mixinStandardHelpOptions = true,
      description = "A cable's receipts: yours, or every reader's when you sent it.")
  static final class Receipts extends ClientCommand {
    @Parameters(paramLabel = "DESIGNATOR")
    String designator;

    @Mixin ExchangeOption exchange;

    @Option(names = "--json", description = "Print them as a JSON array.")
    boolean json;

    Receipts(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode receipts = client.get(cablePath(exchange.resolve(client), designator) + "/receipts");
      if (json) {
        context.console().out().println(receipts);
        return ExitCode.OK;
      }
      Table t = new Table("READER", "KIND", "AT", "CLIENT", "BY");
      receipts.forEach(
          r ->
              t.row(
                  r.path("reader").asText(),
                  r.path("kind").asText(),
                  r.path("at").asText(),
                  r.path("client").asText(),
                  r.path("by").asText("")));
      t.print(context.console().out());
      return ExitCode.OK;
    }
  }

  @Command(
      name = "draft",
      mixinStandardHelpOptions = true,
      description = "Saves a canonical draft file as a draft of your end; prints its id.")
  static final class Draft extends ClientCommand {
    @Parameters(paramLabel = "FILE", description = "The draft in canonical text.")
    Path file;

    @Mixin ExchangeOption exchange;

    @Option(names = "--json", description = "Print the saved draft as JSON.")
    boolean json;

    Draft(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) throws IOException {
      String text;
      try {
        text = Utf8.decode(Files.readAllBytes(file));
      } catch (NoSuchFileException e) {
        context.console().error("NOT_FOUND", file + ": no such file");
        return ExitCode.NOT_FOUND;
      } catch (CableSyntaxException e) {
        // refused here with its byte offset, as a file released on the station is: never sent
        // with the bad bytes replaced
        context.console().err().println(file + ":" + e.getMessage());
        return ExitCode.BAD_INPUT;
      }
      JsonNode d = save(context, client, exchange.resolve(client), text);
      if (json) {
        context.console().out().println(d);
        return ExitCode.OK;
      }
      context
          .console()
          .out()
          .println(
              "Draft "
                  + d.path("id").asLong()
                  + " saved for "
                  + d.path("series").asText()
                  + " in "
                  + d.path("exchange").asText()
                  + "; release it with backchannel release --draft "
                  + d.path("id").asLong());
      return ExitCode.OK;
    }

    static JsonNode save(CliContext context, StationClient client, String exchange, String text) {
      return client.post(
          "/api/drafts",
          context.json().createObjectNode().put("exchange", exchange).put("text", text));
    }
  }

  /** Reads an exchange's facts through the station. */
  abstract static class Facts extends ClientCommand {
    @Mixin ExchangeOption exchange;

    @Option(names = "--json", description = "Print them as JSON.")
    boolean json;

    Facts(CliContext context) {
      super(context);
    }

    JsonNode facts(StationClient client) {
      return client.get(
          "/api/exchanges/" + StationClient.segment(exchange.resolve(client)) + "/facts");
    }
  }

  @Command(
      name = "crossings",
      mixinStandardHelpOptions = true,
      description = "Cables of an exchange that crossed (G5), among those you may know of.")
  static final class Crossings extends Facts {
    Crossings(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode f = facts(client);
      if (json) {
        context.console().out().println(f.path("crossings"));
        return ExitCode.OK;
      }
      if (f.path("crossings").isEmpty()) {
        context.console().out().println("No crossings in " + f.path("exchange").asText() + ".");
      }
      for (JsonNode c : f.path("crossings")) {
        context.console().out().println(c.path("a").asText() + " crossed " + c.path("b").asText());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "gaps",
      mixinStandardHelpOptions = true,
      description = "Serials missing from each series of an exchange (G6), as you hold them.")
  static final class Gaps extends Facts {
    Gaps(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode f = facts(client);
      if (json) {
        context.console().out().println(f.path("series"));
        return ExitCode.OK;
      }
      for (JsonNode s : f.path("series")) {
        context
            .console()
            .out()
            .println(
                "Gaps in "
                    + s.path("name").asText()
                    + ": "
                    + (s.path("gaps").isEmpty() ? "none" : join(s.path("gaps")))
                    + " ("
                    + s.path("held").asInt()
                    + " held)");
      }
      return ExitCode.OK;
    }
  }
}
