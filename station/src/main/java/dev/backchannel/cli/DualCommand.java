package dev.backchannel.cli;

import picocli.CommandLine.Mixin;

/**
 * A command that works either on the station file directly or through a running station (DESIGN
 * 5.1). Direct when {@code --store} or {@code $BACKCHANNEL_STORE} names a file; through the station
 * when {@code --url}, {@code $BACKCHANNEL_URL} or a saved login names one; else directly on the
 * default station file.
 */
abstract class DualCommand extends DirectCommand {
  @Mixin ClientOptions clientOptions;

  DualCommand(CliContext context) {
    super(context);
  }

  /** The work through a running station, as the logged-in user. */
  abstract int runClient(StationClient client) throws Exception;

  @Override
  public Integer call() throws Exception {
    boolean direct =
        storeOption.store != null
            || context.env("BACKCHANNEL_STORE").isPresent()
            || (clientOptions.given(context).isEmpty() && LoginFile.of(context).read().isEmpty());
    return direct
        ? super.call()
        : ClientCommand.runAsClient(context, clientOptions, this::runClient);
  }
}
