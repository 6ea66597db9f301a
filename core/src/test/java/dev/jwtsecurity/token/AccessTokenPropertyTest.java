package dev.jwtsecurity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.internal.SettingRules;
import dev.jwtsecurity.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties over generated input (QuickTheories; the seed is printed on failure). */
class AccessTokenPropertyTest {

  private static final Map<Algorithm, JwtKey> KEYS = new EnumMap<>(Algorithm.class);

  static {
    for (Algorithm a : Algorithm.values()) {
      KEYS.put(a, TestKeys.signingKey(a, "k-" + a.jwsName()));
    }
  }

  private static final KeyRing RING = ring();

  private static KeyRing ring() {
    List<JwtKey> rest = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      if (a != Algorithm.HS256) {
        rest.add(KEYS.get(a));
      }
    }
    return KeyRing.of(KEYS.get(Algorithm.HS256), rest);
  }

  private static final AccessTokenValidator VALIDATOR =
      AccessTokenValidator.builder()
          .keyRing(RING)
          .issuer("https://issuer")
          .audience("api")
          .environment("prod")
          .clock(Forge.CLOCK)
          .build();

  private static AccessTokenIssuer issuerFor(Algorithm alg) {
    return AccessTokenIssuer.builder()
        .keyRing(KeyRing.of(KEYS.get(alg)))
        .issuer("https://issuer")
        .audience("api")
        .environment("prod")
        .clock(Forge.CLOCK)
        .build();
  }

  private static final Map<Algorithm, AccessTokenIssuer> ISSUERS = new EnumMap<>(Algorithm.class);

  static {
    for (Algorithm a : Algorithm.values()) {
      ISSUERS.put(a, issuerFor(a));
    }
  }

  private static Gen<String> subjects() {
    return strings()
        .betweenCodePoints(0x20, 0x10FFFF)
        .ofLengthBetween(1, 40)
        .assuming(
            s ->
                !s.isBlank()
                    && SettingRules.isWellFormed(s)
                    && s.chars().noneMatch(Character::isISOControl));
  }

  private static Gen<String> words() {
    return strings()
        .betweenCodePoints(0x21, 0x7e)
        .ofLengthBetween(1, 16)
        .map(s -> s.replace('"', 'q').replace('\\', 'b'));
  }

  private static Gen<String> anyText() {
    return strings().allPossible().ofLengthBetween(0, 60).assuming(SettingRules::isWellFormed);
  }

  private static Gen<Algorithm> algorithms() {
    return arbitrary().enumValues(Algorithm.class);
  }

  @Test
  void issueThenValidate_generatedClaimsForEveryAlgorithm_roundTrip() {
    qt().withExamples(300)
        .forAll(algorithms(), subjects(), lists().of(words()).ofSizeBetween(0, 4), anyText())
        .checkAssert(
            (alg, sub, roles, note) -> {
              AccessTokenClaims claims =
                  AccessTokenClaims.forSubject(sub)
                      .roles(roles)
                      .scopes("read", "write")
                      .claim("note", note)
                      .claim("n", (long) note.length())
                      .claim("flag", note.isEmpty())
                      .claim("tags", roles)
                      .build();
              IssuedAccessToken issued = ISSUERS.get(alg).issue(claims);
              VerifiedAccessToken v;
              try {
                v = VALIDATOR.validate(issued.value());
              } catch (InvalidTokenException e) {
                throw new AssertionError("refused " + alg + ": " + e.reason(), e);
              }
              assertThat(v.subject()).isEqualTo(sub);
              assertThat(v.roles()).isEqualTo(new LinkedHashSet<>(roles));
              assertThat(v.scopes()).containsExactlyInAnyOrder("read", "write");
              assertThat(v.claims())
                  .containsEntry("note", note)
                  .containsEntry("n", (long) note.length())
                  .containsEntry("flag", note.isEmpty())
                  .containsEntry("tags", roles);
              assertThat(v.tokenId()).isEqualTo(issued.tokenId()).hasSize(22);
              assertThat(v.audience()).containsExactly("api");
              assertThat(v.issuer()).contains("https://issuer");
              assertThat(v.expiresAt()).isEqualTo(issued.expiresAt());
            });
  }

  @Test
  void validate_anySingleCharacterChangedInAValidToken_isRejected() {
    qt().withExamples(600)
        .forAll(algorithms(), integers().between(0, 100_000), integers().between(0x20, 0x7e))
        .checkAssert(
            (alg, pos, replacement) -> {
              String token =
                  ISSUERS.get(alg).issue(AccessTokenClaims.forSubject("alice").build()).value();
              int i = pos % token.length();
              char c = (char) (int) replacement;
              if (token.charAt(i) == c) {
                c = c == 'A' ? 'B' : 'A';
              }
              String mutated = token.substring(0, i) + c + token.substring(i + 1);
              assertThatThrownBy(() -> VALIDATOR.validate(mutated))
                  .isInstanceOf(InvalidTokenException.class);
              String deleted = token.substring(0, i) + token.substring(i + 1);
              assertThatThrownBy(() -> VALIDATOR.validate(deleted))
                  .isInstanceOf(InvalidTokenException.class);
              String inserted = token.substring(0, i) + c + token.substring(i);
              assertThatThrownBy(() -> VALIDATOR.validate(inserted))
                  .isInstanceOf(InvalidTokenException.class);
            });
  }

  @Test
  void validate_everySingleCharacterPositionOfOneToken_isRejected() throws Exception {
    String token =
        ISSUERS
            .get(Algorithm.HS256)
            .issue(AccessTokenClaims.forSubject("alice").roles("a").build())
            .value();
    VALIDATOR.validate(token);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    for (int i = 0; i < token.length(); i++) {
      for (int k = 0; k < alphabet.length(); k++) {
        char c = alphabet.charAt(k);
        if (c != token.charAt(i)) {
          String mutated = token.substring(0, i) + c + token.substring(i + 1);
          assertThatThrownBy(() -> VALIDATOR.validate(mutated))
              .isInstanceOf(InvalidTokenException.class);
        }
      }
    }
  }

  @Test
  void validate_arbitraryStrings_throwOnlyInvalidTokenException() {
    qt().withExamples(3000)
        .forAll(strings().allPossible().ofLengthBetween(0, 400))
        .checkAssert(
            s ->
                assertThatThrownBy(() -> VALIDATOR.validate(s))
                    .isInstanceOf(InvalidTokenException.class));
  }

  @Test
  void validate_tokenShapedGarbage_throwsOnlyInvalidTokenException() {
    Gen<String> part =
        strings()
            .allPossible()
            .ofLengthBetween(0, 80)
            .map(s -> Forge.b64(s.getBytes(StandardCharsets.UTF_8)));
    Gen<String> rawPart = strings().betweenCodePoints(0x2b, 0x7a).ofLengthBetween(0, 60);
    qt().withExamples(3000)
        .forAll(part, part, rawPart, integers().between(0, 3))
        .checkAssert(
            (h, p, s, shape) -> {
              String t =
                  switch (shape) {
                    case 0 -> h + "." + p + "." + s;
                    case 1 -> h + "." + p;
                    case 2 -> h + "." + p + "." + s + "." + h;
                    default -> s;
                  };
              assertThatThrownBy(() -> VALIDATOR.validate(t))
                  .isInstanceOf(InvalidTokenException.class);
            });
  }

  @Test
  void validate_signedArbitraryHeaderAndPayload_throwsOnlyInvalidTokenExceptionOrAccepts() {
    JwtKey key = KEYS.get(Algorithm.HS256);
    Gen<String> jsonish = strings().allPossible().ofLengthBetween(0, 80);
    Gen<byte[]> bytes =
        lists()
            .of(integers().between(0, 255))
            .ofSizeBetween(0, 80)
            .map(
                l -> {
                  byte[] b = new byte[l.size()];
                  for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (int) l.get(i);
                  }
                  return b;
                });
    qt().withExamples(2000)
        .forAll(jsonish, bytes, integers().between(0, 2))
        .checkAssert(
            (text, raw, where) -> {
              String header = Forge.header(key);
              String token =
                  switch (where) {
                    case 0 -> Forge.sign(header, Forge.claims(",\"x\":" + text), key);
                    case 1 -> Forge.sign(header.getBytes(StandardCharsets.UTF_8), raw, key);
                    default ->
                        Forge.sign(
                            "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"k-HS256\","
                                + text
                                + "}",
                            Forge.claims(""),
                            key);
                  };
              try {
                VALIDATOR.validate(token);
              } catch (InvalidTokenException expected) {
                // fine: a refusal with a reason
              }
            });
  }
}
