package dev.backchannel.cable.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ASCII only.",
        "Kissinger’s “text” — café",
        "Ελληνικά and Кириллица",
        "ideographs 東京 and a clef 𝄞 and an emoji 🙂",
        "\uD834 lone high surrogate",
        "lone low surrogate \uDD1E",
        "\uDD1E\uD834 reversed pair"
      })
  void lengthIsTheNumberOfBytesTheJdkEncodes(String text) {
    assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }
}
