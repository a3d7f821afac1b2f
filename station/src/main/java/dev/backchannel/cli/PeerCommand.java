package dev.backchannel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backchannel peer add|list}: the peer stations this station relays to (issue 25), and this
 * station's own key to give their administrators.
 */
@Command(
    name = "peer",
    mixinStandardHelpOptions = true,
    description =
        "Peer stations, through a running station (administrators): add introduces one, list shows"
            + " them with this station's own key and fingerprint.",
    subcommands = {PeerCommand.Add.class, PeerCommand.ListPeers.class})
final class PeerCommand {

  /** A peer, as lines for a terminal: its name, URL and key fingerprint. */
  static void print(CliContext context, JsonNode p) {
    context
        .console()
        .out()
        .println(
            "Peer "
                + p.path("name").asText()
                + " at "
                + p.path("url").asText()
                + "\n  fingerprint "
                + p.path("fingerprint").asText());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Introduces a peer station by its prefix, URL and Ed25519 public key; compare the"
              + " fingerprint printed with the one its administrator reads to you.")
  static final class Add implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The peer's station prefix.")
    String name;

    // --url names the peer here, so the station this command talks to is the logged-in one (or
    // $BACKCHANNEL_URL), and --as picks the login as for every client command
    @Option(names = "--url", required = true, description = "Where the peer station is served.")
    String url;

    @Option(
        names = "--as",
        paramLabel = "NAME",
        description = "Act as NAME's kept login instead of the current one.")
    String as;

    @Option(
        names = "--key",
        required = true,
        description = "Its public key, as `backchannel peer list` prints it there.")
    String key;

    Add(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      ClientOptions station = new ClientOptions();
      station.as = as;
      return ClientCommand.runAsClient(context, station, this::run);
    }

    private int run(StationClient client) {
      ObjectNode body =
          context.json().createObjectNode().put("name", name).put("url", url).put("key", key);
      print(context, client.post("/api/peers", body));
      context
          .console()
          .out()
          .println("Compare the fingerprint with the one its administrator reads to you.");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Shows this station's key and fingerprint, and every peer.")
  static final class ListPeers extends ClientCommand {
    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    ListPeers(CliContext context) {
      super(context);
    }

    @Override
    int run(StationClient client) {
      JsonNode all = client.get("/api/peers");
      if (json) {
        context.console().out().println(all);
        return ExitCode.OK;
      }
      JsonNode self = all.path("station");
      if (self.hasNonNull("key")) {
        context
            .console()
            .out()
            .println(
                "This station: "
                    + self.path("name").asText()
                    + "\n  key         "
                    + self.path("key").asText()
                    + "\n  fingerprint "
                    + self.path("fingerprint").asText());
      } else {
        context.console().out().println("This station has no signing key: it relays nothing.");
      }
      all.path("peers").forEach(p -> print(context, p));
      return ExitCode.OK;
    }
  }
}
