package dev.backchannel.cli;

import dev.backchannel.app.Services;
import dev.backchannel.cable.Cable;
import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.cable.canonical.Utf8;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.Store;
import dev.backchannel.store.StoreException;
import dev.backchannel.store.StoredCable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backchannel release}: directly on the station file, the operator releases a canonical
 * draft file into a series ({@code release FILE --series S}, {@link
 * dev.backchannel.traffic.Traffic#releaseFile}); through a running station, a user with release
 * authority releases a stored draft ({@code release --draft ID}) or a draft file of his end ({@code
 * release FILE}), confirming past a release warning with {@code --confirm} (G5). The station
 * assigns serial, station serial and DTG (G1); the designator is printed once the cable is durable.
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description =
        "Releases a canonical draft (no DTG, no designator): a file into a series (operator, with"
            + " --store), or your end's draft through a running station.")
final class ReleaseCommand extends DualCommand {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..1",
      description = "The draft in canonical text (not with --draft).")
  Path file;

  @Option(
      names = "--series",
      paramLabel = "SERIES",
      description = "e.g. HAKTO (direct mode; through a station it is your end's series).")
  String series;

  @Option(names = "--draft", paramLabel = "ID", description = "A stored draft to release.")
  Long draft;

  @Option(
      names = "--confirm",
      description = "Release even though G5 warns (cables unread, or delivered since saved).")
  boolean confirm;

  @Mixin ExchangeOption exchange;

  @Option(names = "--json", description = "Print the released cable as JSON.")
  boolean json;

  ReleaseCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(Store store) throws IOException {
    if (file == null || series == null || draft != null) {
      context
          .console()
          .error(
              "USAGE",
              "on the station file, release takes FILE --series SERIES; --draft needs a running"
                  + " station");
      return ExitCode.BAD_INPUT;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      context.console().error("NOT_FOUND", file + ": no such file");
      return ExitCode.NOT_FOUND;
    }
    Services services = services(store);
    Cable draft;
    try {
      // the station's registry: caveats an administrator added are part of its labels
      draft = context.canonical().withCaveats(services.channels().caveats()).parse(bytes);
    } catch (CableSyntaxException e) {
      context.console().err().println(file + ":" + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    Series s;
    try {
      s = new Series(series);
    } catch (InvalidValueException e) {
      throw new StoreException(StoreException.Problem.INVALID, "series", e.getMessage());
    }
    ExchangeInfo x = exchange.resolve(store);
    StoredCable released = services.traffic().releaseFile(operator, x.name(), s, draft);
    if (json) {
      context.console().out().println(StoredCableJson.of(released));
    } else {
      context
          .console()
          .out()
          .println(
              "Released "
                  + released.designatorText()
                  + " in "
                  + released.exchange()
                  + ", DTG "
                  + released.cable().dtg().orElseThrow().text()
                  + ", SHA-256 "
                  + released.sha256());
    }
    return ExitCode.OK;
  }

  @Override
  int runClient(StationClient client) throws IOException {
    if ((file == null) == (draft == null)) {
      context.console().error("USAGE", "give a draft FILE or --draft ID, one of them");
      return ExitCode.BAD_INPUT;
    }
    long id;
    if (draft != null) {
      id = draft;
    } else {
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
      id =
          TrafficCommands.Draft.save(context, client, exchange.resolve(client), text)
              .path("id")
              .asLong();
    }
    com.fasterxml.jackson.databind.JsonNode released;
    try {
      released =
          client.post(
              "/api/drafts/" + id + "/release",
              context.json().createObjectNode().put("confirm", confirm));
    } catch (StationClient.Failure e) {
      if (e.code().equals("RELEASE_WARNING")) {
        context
            .console()
            .error(
                e.code(),
                e.getMessage()
                    + "; draft "
                    + id
                    + " is kept: backchannel release --draft "
                    + id
                    + " --confirm");
        return ExitCode.NEEDS_CONFIRMATION;
      }
      throw e;
    }
    if (json) {
      context.console().out().println(released);
    } else {
      context
          .console()
          .out()
          .println(
              "Released "
                  + released.path("designator").path("text").asText()
                  + " in "
                  + released.path("exchange").asText()
                  + ", DTG "
                  + released.path("dtg").asText()
                  + ", SHA-256 "
                  + released.path("sha256").asText()
                  + (released.path("releasedUnread").isEmpty()
                      ? ""
                      : "; released unread: "
                          + TrafficCommands.join(released.path("releasedUnread"))));
    }
    return ExitCode.OK;
  }
}
