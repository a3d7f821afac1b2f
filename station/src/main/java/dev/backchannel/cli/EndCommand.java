package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backchannel end show|member|remove|set}: the ends of a channel and their members. */
@Command(
    name = "end",
    mixinStandardHelpOptions = true,
    description =
        "Ends of channels and their members, through a running station: show, member, remove and"
            + " set for administrators; hold and resume for the end's duty officers and"
            + " administrators.",
    subcommands = {
      EndCommand.Show.class,
      EndCommand.Member.class,
      EndCommand.Remove.class,
      EndCommand.SetEnd.class,
      EndCommand.Hold.class,
      EndCommand.Resume.class,
      EndCommand.Place.class
    })
final class EndCommand {

  static void print(CliContext context, JsonNode end) {
    context
        .console()
        .out()
        .println(
            end.path("channel").asText()
                + " / "
                + end.path("name").asText()
                + (end.path("secondApproval").asBoolean()
                    ? " (releases need a second approval)"
                    : "")
                + (end.hasNonNull("station")
                    ? " (at station " + end.path("station").asText() + ")"
                    : ""));
    if (end.path("members").isEmpty()) {
      context.console().out().println("  no members");
    }
    for (JsonNode m : end.path("members")) {
      context
          .console()
          .out()
          .println(
              "  "
                  + m.path("user").asText()
                  + (m.path("releaseAuthority").asBoolean() ? " (release authority)" : ""));
    }
  }

  /** {@code CHANNEL END}: the end a command works on. */
  static final class EndArgs {
    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Parameters(index = "1", paramLabel = "END")
    String end;

    String path() {
      return "/api/channels/"
          + StationClient.segment(channel)
          + "/ends/"
          + StationClient.segment(end);
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows a channel's two ends and their members.")
  static final class Show extends ClientCommand {
    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Option(names = "--json", description = "Print the ends as JSON.")
    boolean json;

    Show(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      for (JsonNode c : client.get("/api/channels")) {
        if (c.path("name").asText().equalsIgnoreCase(channel)) {
          if (json) {
            context.console().out().println(c.path("ends"));
          } else {
            c.path("ends").forEach(e -> print(context, e));
          }
          return ExitCode.OK;
        }
      }
      context.console().error("NOT_FOUND", "there is no channel " + channel);
      return ExitCode.NOT_FOUND;
    }
  }

  @Command(
      name = "member",
      mixinStandardHelpOptions = true,
      description = "Makes a user a member of an end, or changes his release authority there.")
  static final class Member extends ClientCommand {
    @Mixin EndArgs at;

    @Parameters(index = "2", paramLabel = "USER")
    String user;

    @Option(names = "--release-authority", description = "He may release cables from this end.")
    boolean releaseAuthority;

    Member(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      ObjectNode body = context.json().createObjectNode().put("releaseAuthority", releaseAuthority);
      print(
          context, client.send("PUT", at.path() + "/members/" + StationClient.segment(user), body));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Removes a user from an end.")
  static final class Remove extends ClientCommand {
    @Mixin EndArgs at;

    @Parameters(index = "2", paramLabel = "USER")
    String user;

    Remove(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      print(
          context,
          client.send("DELETE", at.path() + "/members/" + StationClient.segment(user), null));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Sets whether releases from an end need a second person's approval.")
  static final class SetEnd extends ClientCommand {
    @Mixin EndArgs at;

    @Option(
        names = "--second-approval",
        required = true,
        arity = "1",
        paramLabel = "true|false",
        description = "Whether a second person must approve each release.")
    boolean secondApproval;

    SetEnd(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      ObjectNode body = context.json().createObjectNode().put("secondApproval", secondApproval);
      print(context, client.send("PATCH", at.path(), body));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "hold",
      mixinStandardHelpOptions = true,
      description =
          "Holds all incoming delivery to an end (its duty officer or an administrator); cables"
              + " can still be released from it.")
  static final class Hold extends ClientCommand {
    @Mixin EndArgs at;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    Hold(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode h = client.send("PUT", at.path() + "/hold", null);
      if (json) {
        context.console().out().println(h);
        return ExitCode.OK;
      }
      context
          .console()
          .out()
          .println(
              "Delivery to "
                  + h.path("channel").asText()
                  + " / "
                  + h.path("end").asText()
                  + " held since "
                  + h.path("heldSince").asText()
                  + ".");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Resumes delivery to an end (its duty officer or an administrator): held cables go out by"
              + " precedence, then release time.")
  static final class Resume extends ClientCommand {
    @Mixin EndArgs at;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    Resume(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode r = client.send("DELETE", at.path() + "/hold", null);
      if (json) {
        context.console().out().println(r);
        return ExitCode.OK;
      }
      List<String> delivered = new java.util.ArrayList<>();
      r.path("delivered").forEach(d -> delivered.add(d.asText()));
      context
          .console()
          .out()
          .println(
              "Delivery to "
                  + at.channel
                  + " / "
                  + at.end
                  + " resumed"
                  + (delivered.isEmpty() ? "." : "; delivered " + String.join(", ", delivered)));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "place",
      mixinStandardHelpOptions = true,
      description =
          "Places an end at a peer station (its members are that station's users, and cables to it"
              + " are relayed there), or back at this station with --here (administrators).")
  static final class Place extends ClientCommand {
    @Mixin EndArgs at;

    @Option(names = "--at", paramLabel = "PEER", description = "The peer station it lives at.")
    String station;

    @Option(names = "--here", description = "It lives at this station.")
    boolean here;

    Place(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      if ((station == null) == !here) {
        context.console().error("INVALID", "say where the end lives: --at PEER or --here");
        return ExitCode.BAD_INPUT;
      }
      ObjectNode body = context.json().createObjectNode();
      if (here) {
        body.putNull("station");
      } else {
        body.put("station", station);
      }
      JsonNode e = client.send("PUT", at.path() + "/station", body);
      context
          .console()
          .out()
          .println(
              e.path("channel").asText()
                  + " / "
                  + e.path("name").asText()
                  + (e.hasNonNull("station")
                      ? " lives at station " + e.path("station").asText()
                      : " lives at this station"));
      return ExitCode.OK;
    }
  }
}
