package dev.backchannel.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario needs to know of the run.
 *
 * @param smoke a few seconds of each scenario, so that CI shows the harness still works; its
 *     figures mean nothing
 * @param work a folder the scenario may write into (removed after the run)
 * @param stationJar the station's executable jar, started as a separate process as a user would
 * @param java the {@code java} launcher of the JDK the run uses
 * @param stationJvm the JVM options the launcher gives {@code serve} (read from the launcher's
 *     options file, so the harness runs the station as a user does)
 * @param commandJvm the JVM options the launcher gives one-shot commands ({@code import})
 * @param classPath the harness's own class path (its jar when run from it), for the baselines it
 *     runs in processes of their own
 * @param peers whether to run the peers (Prosody, Postfix) alternating with the station
 * @param peersDir where the peers' scripts are ({@code ../shared/peers})
 * @param postgres a PostgreSQL database whose user may create databases ({@code --postgres}), for
 *     the {@code nodes} scenario; its password from {@code BACKCHANNEL_STORE_PASSWORD}
 * @param baselineJar another build of the station to measure beside this one ({@code
 *     --baseline-jar}): the {@code audit} scenario's station without the audit log
 */
public record RunContext(
    boolean smoke,
    Path work,
    Path stationJar,
    Path java,
    List<String> stationJvm,
    List<String> commandJvm,
    String classPath,
    boolean peers,
    Path peersDir,
    Optional<String> postgres,
    Optional<Path> baselineJar) {
  public RunContext {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(stationJar, "stationJar");
    Objects.requireNonNull(java, "java");
    stationJvm = List.copyOf(stationJvm);
    commandJvm = List.copyOf(commandJvm);
    Objects.requireNonNull(classPath, "classPath");
    Objects.requireNonNull(peersDir, "peersDir");
    Objects.requireNonNull(postgres, "postgres");
    Objects.requireNonNull(baselineJar, "baselineJar");
  }

  /** The same run, with another station jar. */
  public RunContext withStationJar(Path jar) {
    return new RunContext(
        smoke,
        work,
        jar,
        java,
        stationJvm,
        commandJvm,
        classPath,
        peers,
        peersDir,
        postgres,
        baselineJar);
  }

  /** {@code full} in a full run, {@code smoke} otherwise. */
  public <T> T pick(T smokeValue, T fullValue) {
    return smoke ? smokeValue : fullValue;
  }
}
