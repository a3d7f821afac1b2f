package dev.backchannel.cli;

import dev.backchannel.cable.Cable;
import dev.backchannel.cable.InvalidValueException;
import dev.backchannel.cable.Series;
import dev.backchannel.cable.canonical.CableSyntaxException;
import dev.backchannel.store.ExchangeInfo;
import dev.backchannel.store.ReleaseRequest;
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
 * {@code backchannel release FILE --series S}: the operator releases a canonical draft into a
 * series of an exchange; the station assigns serial, station serial and DTG (G1) and prints the
 * designator once the cable is durable.
 */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Releases a canonical draft (no DTG, no designator) into a series (operator).")
final class ReleaseCommand extends DirectCommand {
  @Parameters(paramLabel = "FILE", description = "The draft in canonical text.")
  Path file;

  @Option(names = "--series", required = true, paramLabel = "SERIES", description = "e.g. HAKTO.")
  String series;

  @Mixin ExchangeOption exchange;

  @Option(names = "--json", description = "Print the released cable as JSON.")
  boolean json;

  ReleaseCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(Store store) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      context.console().error("NOT_FOUND", file + ": no such file");
      return ExitCode.NOT_FOUND;
    }
    Cable draft;
    try {
      // the station's registry: caveats an administrator added are part of its labels
      draft = context.canonical().withCaveats(store.caveats()).parse(bytes);
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
    StoredCable released = store.release(new ReleaseRequest(x.name(), s, draft, "operator"));
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
}
