package dev.backchannel.web;

import dev.backchannel.cables.Facts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * An exchange's ladder drawn as SVG: a lane per end, each cable an arrow from its release at its
 * sending end down to its first delivery at the other. Time runs down the page in order, each
 * instant on a row of its own, and a long wait (a hold, a link down) opens a visible gap labelled
 * with its length; arrows cross where the cables crossed, and those are highlighted.
 */
public record LadderView(
    int width, int height, List<Lane> lanes, List<Arrow> arrows, List<Pause> pauses) {
  static final int WIDTH = 640;
  private static final int LEFT = 150;
  private static final int RIGHT = 490;
  private static final int TOP = 70;
  private static final int ROW = 30;
  private static final int PAUSE = 44;
  private static final Duration LONG_WAIT = Duration.ofMinutes(1);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  public LadderView {
    lanes = List.copyOf(lanes);
    arrows = List.copyOf(arrows);
    pauses = List.copyOf(pauses);
  }

  /** An end's lane: its name, where it stands, and the gaps in the series it sends. */
  public record Lane(String end, int x, String gaps) {}

  /**
   * A cable's arrow, with what a reader hovering or focusing it is told.
   *
   * @param crosses the cables it crossed, comma-separated; empty when none
   * @param delivered false while it has reached no reader at the other end (drawn dashed)
   */
  public record Arrow(
      String designator,
      String href,
      String from,
      String to,
      int x1,
      int y1,
      int x2,
      int y2,
      boolean delivered,
      String crosses,
      String title) {
    public boolean crossed() {
      return !crosses.isEmpty();
    }

    /** Where the label sits: beside the arrow's start. */
    public int labelX() {
      return x1 < x2 ? x1 - 8 : x1 + 8;
    }

    public String labelAnchor() {
      return x1 < x2 ? "end" : "start";
    }
  }

  /** A long wait between two rows, drawn as a break in time with its length. */
  public record Pause(int y, String text) {}

  /** The ladder of {@code ladder}, links made by {@code href}. */
  static LadderView of(Facts.Ladder ladder, Function<Facts.Rung, String> href) {
    List<Lane> lanes = new ArrayList<>();
    Map<String, Integer> x = new TreeMap<>();
    for (int i = 0; i < ladder.ends().size(); i++) {
      int at = i == 0 ? LEFT : RIGHT;
      String end = ladder.ends().get(i);
      x.put(end, at);
      String gaps =
          ladder.facts().series().stream()
              .filter(s -> s.sendingEnd().equals(end) && !s.gaps().isEmpty())
              .map(
                  s ->
                      "missing "
                          + s.series().displayName()
                          + " "
                          + String.join(", ", s.gaps().stream().map(g -> g.text()).toList()))
              .findFirst()
              .orElse("");
      lanes.add(new Lane(end, at, gaps));
    }
    TreeSet<Instant> instants = new TreeSet<>();
    for (Facts.Rung r : ladder.rungs()) {
      instants.add(r.released());
      r.delivered().ifPresent(instants::add);
    }
    Map<Instant, Integer> y = new TreeMap<>();
    List<Pause> pauses = new ArrayList<>();
    int next = TOP;
    Instant last = null;
    for (Instant t : instants) {
      if (last != null) {
        Duration wait = Duration.between(last, t);
        if (wait.compareTo(LONG_WAIT) >= 0) {
          pauses.add(new Pause(next + PAUSE / 2 - ROW / 2, words(wait) + " later"));
          next += PAUSE;
        }
      }
      y.put(t, next);
      next += ROW;
      last = t;
    }
    int bottom = next + ROW;
    List<Arrow> arrows = new ArrayList<>();
    for (Facts.Rung r : ladder.rungs()) {
      int x1 = x.getOrDefault(r.from(), LEFT);
      int x2 = x.getOrDefault(r.to(), RIGHT);
      int y1 = y.get(r.released());
      Optional<Instant> d = r.delivered();
      int y2 = d.map(y::get).orElse(bottom - ROW / 2);
      String crosses = String.join(", ", r.crossed());
      String title =
          r.name()
              + ": released at "
              + r.from()
              + " "
              + TIME.format(r.released())
              + d.map(t -> ", reached " + r.to() + " " + TIME.format(t))
                  .orElse(", not yet at " + r.to())
              + (crosses.isEmpty() ? "" : "; crossed " + crosses);
      arrows.add(
          new Arrow(
              r.name(),
              href.apply(r),
              r.from(),
              r.to(),
              x1,
              y1,
              x2,
              y2,
              d.isPresent(),
              crosses,
              title));
    }
    return new LadderView(WIDTH, bottom + 10, lanes, arrows, pauses);
  }

  private static String words(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = minutes / 60;
    return hours < 48 ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " days";
  }
}
