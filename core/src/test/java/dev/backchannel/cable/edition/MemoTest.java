package dev.backchannel.cable.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoTest {
  @Test
  void anAnswerIsComputedOnceAndThenRemembered() {
    Memo<Integer> memo = new Memo<>(10);
    List<String> asked = new ArrayList<>();

    assertThat(memo.get("abc", k -> compute(asked, k))).isEqualTo(3);
    assertThat(memo.get("abc", k -> compute(asked, k))).isEqualTo(3);

    assertThat(asked).containsExactly("abc");
  }

  @Test
  void aFullMemoStartsAgainRatherThanGrow() {
    Memo<Integer> memo = new Memo<>(2);
    List<String> asked = new ArrayList<>();
    memo.get("a", k -> compute(asked, k));
    memo.get("bb", k -> compute(asked, k));

    memo.get("ccc", k -> compute(asked, k));
    memo.get("a", k -> compute(asked, k));

    assertThat(asked).containsExactly("a", "bb", "ccc", "a");
  }

  @Test
  void anAnswerThatThrowsIsNotRemembered() {
    Memo<Integer> memo = new Memo<>(10);
    List<String> asked = new ArrayList<>();

    assertThatThrownBy(() -> memo.get("bad", k -> fail(asked, k))).hasMessage("no answer for bad");
    assertThat(memo.get("bad", k -> compute(asked, k))).isEqualTo(3);

    assertThat(asked).containsExactly("bad", "bad");
  }

  @Test
  void aMemoRemembersAtLeastOneAnswer() {
    assertThatThrownBy(() -> new Memo<Integer>(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a memo remembers at least one answer, not 0");
  }

  private static int compute(List<String> asked, String key) {
    asked.add(key);
    return key.length();
  }

  private static int fail(List<String> asked, String key) {
    asked.add(key);
    throw new IllegalStateException("no answer for " + key);
  }
}
