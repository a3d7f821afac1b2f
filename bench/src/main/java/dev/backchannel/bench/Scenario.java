package dev.backchannel.bench;

import java.util.List;

/**
 * One scenario of the harness: it measures something (and, where DESIGN 7 asks for a ratio, the
 * baseline it is set against, in the same run) and reports figures. A scenario is bounded in count
 * and time and stops by itself; it cleans up the processes and files it made.
 */
public interface Scenario {
  /** A short stable name, used on the command line and in the results ({@code release}). */
  String name();

  /** One line saying what it measures, for the results table. */
  String description();

  /**
   * Runs the scenario.
   *
   * @param run the run's settings (smoke or full, where to put work files, the station jar)
   * @return its figures, each with every sample taken
   * @throws Exception when it could not measure: the run reports the scenario as failed, never with
   *     a figure it did not take
   */
  List<Figure> run(RunContext run) throws Exception;
}
