package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backchannel.cable.Precedence;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backchannel link status|down|up}: the links to peer stations as an operator sees them
 * (issue 25).
 */
@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    description =
        "Links to peer stations, through a running station (administrators): status shows each"
            + " one; down and up take one down (cables for it queue) and bring it up again.",
    subcommands = {LinkCommand.Status.class, LinkCommand.Down.class, LinkCommand.Up.class})
final class LinkCommand {

  /** One link, as lines for a terminal. */
  static void print(CliContext context, JsonNode p) {
    List<String> queue = new ArrayList<>();
    for (Precedence pr : Precedence.values()) {
      long n = p.path("queue").path(pr.name()).asLong();
      if (n > 0) {
        queue.add(pr.words() + " " + n);
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(p.path("name").asText())
        .append(": ")
        .append(p.path("state").asText())
        .append(" since ")
        .append(p.path("since").asText());
    if (p.has("downBy")) {
      b.append(" (taken down by ").append(p.path("downBy").asText()).append(')');
    }
    b.append("\n  queued: ")
        .append(p.path("queued").asLong())
        .append(queue.isEmpty() ? "" : " (" + String.join(", ", queue) + ")");
    if (p.has("oldest")) {
      b.append("\n  oldest waiting: ")
          .append(p.path("oldestCable").asText())
          .append(", released ")
          .append(p.path("oldest").asText());
    }
    b.append("\n  last acknowledgement: ").append(p.path("lastAck").asText("never"));
    if (p.has("lastError")) {
      b.append("\n  last error: ").append(p.path("lastError").asText());
    }
    context.console().out().println(b);
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Shows each link: up, down or unreachable since when, queue by precedence, oldest"
              + " waiting cable, last acknowledgement.")
  static final class Status extends ClientCommand {
    @Option(names = "--json", description = "Print the links as JSON.")
    boolean json;

    Status(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode peers = client.get("/api/peers").path("peers");
      if (json) {
        context.console().out().println(peers);
        return ExitCode.OK;
      }
      if (peers.isEmpty()) {
        context.console().out().println("No peers: this station relays to no one.");
      }
      peers.forEach(p -> print(context, p));
      return ExitCode.OK;
    }
  }

  /** Takes a link down or brings it up. */
  abstract static class Change extends ClientCommand {
    @Parameters(index = "0", paramLabel = "PEER")
    String peer;

    Change(CliContext context) {
      super(context);
    }

    abstract boolean down();

    @Override
    int run(StationClient client) {
      JsonNode p =
          client.send(
              "PUT",
              "/api/peers/" + StationClient.segment(peer) + "/link",
              context.json().createObjectNode().put("down", down()));
      print(context, p);
      return ExitCode.OK;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Takes the link to a peer down: cables for it queue until it is brought up.")
  static final class Down extends Change {
    Down(CliContext context) {
      super(context);
    }

    @Override
    boolean down() {
      return true;
    }
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Brings the link to a peer up: what queued goes, by precedence, then release time.")
  static final class Up extends Change {
    Up(CliContext context) {
      super(context);
    }

    @Override
    boolean down() {
      return false;
    }
  }
}
