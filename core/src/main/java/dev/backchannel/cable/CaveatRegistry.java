package dev.backchannel.cable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The closed vocabulary of caveats a station knows. Its rule makes every label line split one way
 * only: no caveat is a word-prefix of another caveat or of an eyes-only marking, and no eyes-only
 * marking is a word-prefix of a caveat.
 */
public final class CaveatRegistry {
  /** The caveats of the record this product was conceived from. */
  public static final CaveatRegistry DEFAULT =
      of(
          "CHEROKEE",
          "EXDIS",
          "LIMDIS",
          "NODIS",
          "NOFORN",
          "ORCON",
          "OUTSIDE THE SYSTEM",
          "SENSITIVE",
          "SPECAT",
          "UMBRA");

  private final SortedSet<Caveat> caveats;
  private final List<Caveat> longestFirst;

  private CaveatRegistry(SortedSet<Caveat> caveats) {
    this.caveats = caveats;
    List<Caveat> l = new ArrayList<>(caveats);
    l.sort(Comparator.comparingInt((Caveat c) -> c.name().length()).reversed());
    this.longestFirst = List.copyOf(l);
  }

  /**
   * A registry of the given caveat names.
   *
   * @throws InvalidValueException if a name is not a valid caveat or breaks the prefix rule
   */
  public static CaveatRegistry of(String... names) {
    return of(Arrays.stream(names).map(Caveat::new).toList());
  }

  /**
   * A registry of the given caveats.
   *
   * @throws InvalidValueException if two caveats break the prefix rule
   */
  public static CaveatRegistry of(Collection<Caveat> caveats) {
    SortedSet<Caveat> set = new TreeSet<>(caveats);
    for (Caveat a : set) {
      for (Caveat b : set) {
        if (!a.equals(b) && isWordPrefix(a.name(), b.name())) {
          throw new InvalidValueException(
              "caveats", "caveat " + a + " is a word-prefix of caveat " + b + ": ambiguous labels");
        }
      }
      for (EyesOnly e : EyesOnly.values()) {
        if (isWordPrefix(a.name(), e.words()) || isWordPrefix(e.words(), a.name())) {
          throw new InvalidValueException(
              "caveats", "caveat " + a + " overlaps the eyes-only marking " + e.words());
        }
      }
    }
    return new CaveatRegistry(java.util.Collections.unmodifiableSortedSet(set));
  }

  private static boolean isWordPrefix(String prefix, String whole) {
    return whole.equals(prefix) || whole.startsWith(prefix + " ");
  }

  /** The caveats, in alphabetical order. */
  public SortedSet<Caveat> caveats() {
    return caveats;
  }

  /** True if the registry holds {@code caveat}. */
  public boolean contains(Caveat caveat) {
    return caveats.contains(caveat);
  }

  /**
   * The caveat that {@code text} starts with, as a whole word or words; empty if none. By the
   * prefix rule at most one caveat can match.
   */
  public Optional<Caveat> prefixOf(String text) {
    for (Caveat c : longestFirst) {
      if (isWordPrefix(c.name(), text)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CaveatRegistry r && r.caveats.equals(caveats);
  }

  @Override
  public int hashCode() {
    return caveats.hashCode();
  }

  @Override
  public String toString() {
    return "CaveatRegistry" + caveats;
  }
}
