package dev.backchannel.event;

import java.util.stream.Collectors;

/** A separate JVM for {@link EventCodecTest}: prints the encoding of one event of every kind. */
public final class EncodeEveryKind {
  private EncodeEveryKind() {}

  static String encoded() {
    return EventCodecTest.everyKind().stream()
        .map(EventCodec::encode)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  public static void main(String[] args) {
    System.out.print(encoded());
    System.out.flush();
  }
}
