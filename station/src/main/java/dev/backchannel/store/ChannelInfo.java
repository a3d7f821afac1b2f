package dev.backchannel.store;

import java.util.List;

/** A channel and the names of its two ends. */
public record ChannelInfo(long id, String name, List<String> ends) {
  public ChannelInfo {
    ends = List.copyOf(ends);
  }
}
