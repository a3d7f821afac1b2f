package dev.backchannel.cable.edition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the edition reader remembers across documents: answers that depend on their key alone, such
 * as the kind of a phrase or the parties a title names, which the record repeats thousands of
 * times. Bounded: when full it starts again. Thread-safe; an answer that throws is not remembered.
 *
 * @param <V> the answer
 */
final class Memo<V> {
  private final int limit;
  private final Map<String, V> answers = new ConcurrentHashMap<>();

  /**
   * @param limit the most answers remembered
   */
  Memo(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a memo remembers at least one answer, not " + limit);
    }
    this.limit = limit;
  }

  /** The answer for {@code key}, computed by {@code answer} if not remembered. */
  V get(String key, Function<String, V> answer) {
    V known = answers.get(key);
    if (known != null) {
      return known;
    }
    V computed = answer.apply(key);
    if (answers.size() >= limit) {
      answers.clear();
    }
    answers.put(key, computed);
    return computed;
  }
}
