package dev.jwtsecurity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser keeps small objects in a flat array and large ones in a hash map (issue 9): duplicates
 * are refused and lookups answer the same on both sides of the switch, and shared known names or
 * values change nothing but identity.
 */
class JsonObjectTest {

  private static Map<String, Object> parse(String s) throws Json.MalformedJsonException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Json.parseObject(b, 0, b.length, 8);
  }

  private static String object(int members, int duplicateOf) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < members; i++) {
      sb.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    if (duplicateOf >= 0) {
      sb.append(",\"m").append(duplicateOf).append("\":\"again\"");
    }
    return sb.append('}').toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 11, 12, 13, 15, 16, 17, 40})
  void parseObject_duplicateMemberAtAnySize_throws(int members) {
    assertThatThrownBy(() -> parse(object(members, 0)))
        .isInstanceOf(Json.MalformedJsonException.class);
    assertThatThrownBy(() -> parse(object(members, members - 1)))
        .isInstanceOf(Json.MalformedJsonException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 12, 13, 16, 17, 40})
  void parseObject_uniqueMembersAtAnySize_returnsEveryMember(int members) throws Exception {
    Map<String, Object> m = parse(object(members, -1));
    assertThat(m).hasSize(members);
    for (int i = 0; i < members; i++) {
      assertThat(m.get("m" + i)).isEqualTo((long) i);
      assertThat(m.containsKey("m" + i)).isTrue();
    }
    assertThat(m.get("m" + members)).isNull();
    assertThat(m.entrySet()).hasSize(members);
  }

  @Test
  void parseObject_escapedKnownName_isTheSameNameAndStillADuplicate() throws Exception {
    assertThat(parse("{\"s\\u0075b\":\"x\"}")).containsEntry("sub", "x");
    assertThatThrownBy(() -> parse("{\"sub\":\"x\",\"s\\u0075b\":\"y\"}"))
        .isInstanceOf(Json.MalformedJsonException.class);
    assertThatThrownBy(() -> parse("{\"s\\u0075b\":\"x\",\"sub\":\"y\"}"))
        .isInstanceOf(Json.MalformedJsonException.class);
  }

  @Test
  void parseObject_knownValues_equalOnlyWhenEqual() throws Exception {
    byte[] b =
        "{\"iss\":\"api\",\"aud\":\"apix\",\"env\":\"ap\",\"x\":\"\\u0061pi\"}"
            .getBytes(StandardCharsets.UTF_8);
    String issuer = new String("api".toCharArray());
    Map<String, Object> m = Json.parseObject(b, 0, b.length, 8, issuer, "apix", null);
    assertThat(m.get("iss")).isSameAs(issuer);
    assertThat(m.get("aud")).isEqualTo("apix");
    assertThat(m.get("env")).isEqualTo("ap");
    assertThat(m.get("x")).isEqualTo("api");
  }

  /**
   * Seeded random objects (names from a tiny alphabet, so duplicates are common) against a
   * reference map.
   */
  @Test
  void parseObject_randomObjects_agreeWithReference() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("JsonObjectTest seed: " + seed);
    Random r = new Random(seed);
    String[] pool = {
      "a", "b", "sub", "iss", "aud", "exp", "roles", "c1", "d", "kid", "s\\u0075b", "x"
    };
    for (int run = 0; run < 2000; run++) {
      int n = r.nextInt(30);
      StringBuilder sb = new StringBuilder("{");
      Map<String, Object> reference = new LinkedHashMap<>();
      boolean duplicate = false;
      for (int i = 0; i < n; i++) {
        String raw = r.nextInt(3) == 0 ? pool[r.nextInt(pool.length)] : "n" + r.nextInt(60);
        String name = raw.replace("\\u0075", "u");
        sb.append(i == 0 ? "" : ",").append('"').append(raw).append("\":").append(i);
        duplicate |= reference.put(name, (long) i) != null;
      }
      String json = sb.append('}').toString();
      if (duplicate) {
        assertThatThrownBy(() -> parse(json))
            .as("seed %d: %s", seed, json)
            .isInstanceOf(Json.MalformedJsonException.class);
      } else {
        assertThat(parse(json)).as("seed %d: %s", seed, json).isEqualTo(reference);
      }
    }
  }
}
