package dev.backchannel.cli;

import picocli.CommandLine.Mixin;

/**
 * A command that works either on the station file directly or through a running station (DESIGN
 * 5.1). The command line decides first ({@code --store}: directly; {@code --url} or {@code --as}:
 * through the station), then a current login (through its station), then the environment ({@code
 * $BACKCHANNEL_STORE}: directly; {@code $BACKCHANNEL_URL}: through the station); else directly on
 * the default station file. A login outranks {@code $BACKCHANNEL_STORE} because logging in is the
 * later and more deliberate act: a user who logged in expects to act as himself.
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
    return direct()
        ? super.call()
        : ClientCommand.runAsClient(context, clientOptions, this::runClient);
  }

  private boolean direct() {
    if (storeOption.store != null) {
      return true;
    }
    if (clientOptions.namesAStation() || LoginFile.of(context).read().current().isPresent()) {
      return false;
    }
    return context.env("BACKCHANNEL_STORE").isPresent() || context.env("BACKCHANNEL_URL").isEmpty();
  }
}
