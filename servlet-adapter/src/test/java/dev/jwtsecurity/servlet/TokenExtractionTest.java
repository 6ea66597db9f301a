package dev.jwtsecurity.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.token.AccessTokenValidator;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.InvalidTokenException;
import dev.jwtsecurity.token.JwtKey;
import dev.jwtsecurity.token.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class TokenExtractionTest {

  private static final int MAX = 8192;

  private static TokenExtraction.Result header(String... values) {
    return TokenExtraction.extract(List.of(values), null, MAX);
  }

  @Test
  void extract_singleBearerHeader_returnsToken() {
    TokenExtraction.Result r = header("Bearer abc.DEF-_~+/.xyz==");
    assertThat(r.token()).isEqualTo("abc.DEF-_~+/.xyz==");
    assertThat(r.source()).isEqualTo(TokenExtraction.Source.HEADER);
  }

  @Test
  void extract_schemeInAnyCase_accepted() {
    assertThat(header("bearer a.b.c").token()).isEqualTo("a.b.c");
    assertThat(header("BeArEr a.b.c").token()).isEqualTo("a.b.c");
    assertThat(header("Bearer    a.b.c").token()).isEqualTo("a.b.c");
  }

  @Test
  void extract_malformedHeaders_refusedAsMalformed() {
    for (String v :
        List.of(
            "Bearer",
            "Bearer ",
            "Bearer  ",
            "Bearer\ta.b.c",
            "Bearera.b.c",
            "Bearer a b",
            "Bearer a.b.c ",
            "Bearer =abc",
            "Bearer a=b",
            "Bearer a\"b",
            "Bearer a,b",
            "Basic YWxpY2U6c2VjcmV0",
            "Token a.b.c",
            " Bearer a.b.c",
            "Bearer t\u00f6ken",
            "Bearer a.b.c\r\nX: y",
            "")) {
      assertThat(header(v).refusal()).as(v).isEqualTo(RefusalReason.MALFORMED_AUTHORIZATION);
      assertThat(header(v).found()).isFalse();
    }
  }

  @Test
  void extract_twoHeaders_refusedEvenIfIdentical() {
    assertThat(header("Bearer a.b.c", "Bearer a.b.c").refusal())
        .isEqualTo(RefusalReason.MULTIPLE_AUTHORIZATION_HEADERS);
  }

  @Test
  void extract_headerAndCookie_refusedNeverPreferred() {
    TokenExtraction.Result r =
        TokenExtraction.extract(List.of("Bearer a.b.c"), List.of("a.b.c"), MAX);
    assertThat(r.refusal()).isEqualTo(RefusalReason.HEADER_AND_COOKIE);
    assertThat(r.found()).isFalse();
  }

  @Test
  void extract_cookies_oneValidAcceptedOthersRefused() {
    assertThat(TokenExtraction.extract(List.of(), List.of("a.b.c"), MAX).source())
        .isEqualTo(TokenExtraction.Source.COOKIE);
    assertThat(TokenExtraction.extract(List.of(), List.of("a.b.c", "a.b.c"), MAX).refusal())
        .isEqualTo(RefusalReason.MALFORMED_TOKEN_COOKIE);
    assertThat(TokenExtraction.extract(List.of(), List.of(""), MAX).refusal())
        .isEqualTo(RefusalReason.MALFORMED_TOKEN_COOKIE);
    assertThat(TokenExtraction.extract(List.of(), List.of("\"a.b.c\""), MAX).refusal())
        .isEqualTo(RefusalReason.MALFORMED_TOKEN_COOKIE);
  }

  @Test
  void extract_nothing_returnsNone() {
    assertThat(TokenExtraction.extract(List.of(), List.of(), MAX))
        .isEqualTo(TokenExtraction.Result.NONE);
    assertThat(TokenExtraction.extract(List.of(), null, MAX))
        .isEqualTo(TokenExtraction.Result.NONE);
  }

  @Test
  void extract_overlongToken_refused() {
    assertThat(header("Bearer " + "a".repeat(MAX + 1)).refusal())
        .isEqualTo(RefusalReason.MALFORMED_AUTHORIZATION);
    assertThat(header("Bearer " + "a".repeat(MAX)).found()).isTrue();
  }

  /** Arbitrary text, biased towards the characters that matter to the parser. */
  private static Gen<String> headerValues() {
    Gen<String> anything = strings().allPossible().ofLengthBetween(0, 64);
    Gen<String> near =
        strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 40).map(s -> "Bearer" + s);
    Gen<String> mixed =
        lists()
            .of(integers().between(0, 9))
            .ofSizeBetween(0, 30)
            .map(TokenExtractionTest::fromAlphabet);
    return anything.mix(near, 30).mix(mixed, 40);
  }

  private static final String[] PIECES = {
    "Bearer", "bearer", " ", "\t", "a", ".", "=", "\r\n", "\u00e9", "\u0000"
  };

  private static String fromAlphabet(List<Integer> picks) {
    StringBuilder sb = new StringBuilder();
    for (int i : picks) {
      sb.append(PIECES[i]);
    }
    return sb.toString();
  }

  @Test
  void extract_arbitraryHeaderValues_neverThrowAndOnlyExactSyntaxYieldsToken() {
    qt().withExamples(5_000)
        .forAll(headerValues())
        .checkAssert(
            v -> {
              TokenExtraction.Result r = header(v);
              if (r.found()) {
                assertThat(v.regionMatches(true, 0, "bearer ", 0, 7)).isTrue();
                assertThat(v.substring(6).strip()).isEqualTo(r.token());
                assertThat(TokenExtraction.isB64Token(r.token(), 0)).isTrue();
                assertThat(r.token()).doesNotContain(" ", "\r", "\n", "\t", "\u0000");
              } else {
                assertThat(r.refusal()).isEqualTo(RefusalReason.MALFORMED_AUTHORIZATION);
              }
            });
  }

  @Test
  void authenticate_arbitraryHeaderValues_neverAuthenticate() {
    AccessTokenValidator validator =
        AccessTokenValidator.builder()
            .keyRing(
                KeyRing.of(
                    JwtKey.hmac(
                        "k1",
                        Algorithm.HS256,
                        "k7Qp2vX9mR4tY8wZ1cF6hJ3nB5sD0gL7aE2uI9oP4xV6"
                            .getBytes(StandardCharsets.US_ASCII))))
            .build();
    qt().withExamples(2_000)
        .forAll(headerValues())
        .checkAssert(
            v -> {
              TokenExtraction.Result r = header(v);
              if (r.found()) {
                try {
                  validator.validate(r.token());
                  throw new AssertionError("an arbitrary header authenticated");
                } catch (InvalidTokenException expected) {
                  // A token of a few characters ("a") occurs in any fixed message by chance.
                  if (r.token().length() >= 8) {
                    assertThat(expected.getMessage()).doesNotContain(r.token());
                  }
                }
              }
            });
  }
}
