package dev.jwtsecurity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  private static Map<String, Object> parse(String s) throws Json.MalformedJsonException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Json.parseObject(b, 0, b.length, 8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "}",
        "[]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "{\"a\":01}",
        "{\"a\":-}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":1e}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\t\"}",
        "{\"a\":1}/*c*/",
        "{\"a\":1} {}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":{\"b\":1,\"b\":1}}",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "\ufeff{}",
        "{\"a\":[1,]}",
        "{\"a\":[[[[[[[[1]]]]]]]]}"
      })
  void parseObject_malformedOrTooDeep_throws(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(Json.MalformedJsonException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff})
  void parseObject_invalidUtf8LeadByte_throws(int lead) {
    byte[] b = {'{', '"', 'a', '"', ':', '"', (byte) lead, (byte) 0x80, '"', '}'};
    assertThatThrownBy(() -> Json.parseObject(b, 0, b.length, 8))
        .isInstanceOf(Json.MalformedJsonException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"e080af", "eda080", "f08080af", "f4908080", "c2", "e282"})
  void parseObject_overlongSurrogateOrTruncatedUtf8_throws(String hex) {
    byte[] mid = java.util.HexFormat.of().parseHex(hex);
    byte[] pre = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[pre.length + mid.length + 2];
    System.arraycopy(pre, 0, b, 0, pre.length);
    System.arraycopy(mid, 0, b, pre.length, mid.length);
    b[b.length - 2] = '"';
    b[b.length - 1] = '}';
    assertThatThrownBy(() -> Json.parseObject(b, 0, b.length, 8))
        .isInstanceOf(Json.MalformedJsonException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        " {\"a\" : [ 1 , -0 , 2.5e-3 , true , false , null , \"\\u00e9\\ud83d\\ude00\\n\" ] } "
      })
  void parseObject_wellFormed_parses(String json) throws Exception {
    assertThat(parse(json)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"s\":\"h\u00e9llo \ud83d\ude00\",\"n\":9223372036854775807,\"m\":-12,\"d\":1.5}"
      })
  void parseObject_values_haveTheDocumentedTypes(String json) throws Exception {
    Map<String, Object> m = parse(json);
    assertThat(m.get("s")).isEqualTo("h\u00e9llo \ud83d\ude00");
    assertThat(m.get("n")).isEqualTo(Long.MAX_VALUE);
    assertThat(m.get("m")).isEqualTo(-12L);
    assertThat(m.get("d")).isEqualTo(1.5);
    assertThat(parse("{\"x\":[\"a\"]}").get("x")).isEqualTo(List.of("a"));
  }
}
