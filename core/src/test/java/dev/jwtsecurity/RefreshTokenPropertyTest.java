package dev.jwtsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException;
import dev.jwtsecurity.refresh.InvalidRefreshTokenException.Reason;
import dev.jwtsecurity.refresh.TokenPair;
import dev.jwtsecurity.token.AccessTokenClaims;
import dev.jwtsecurity.token.InvalidTokenException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties over generated input: nothing the service did not issue is ever accepted, a refusal is
 * always the one checked exception, and refresh tokens and access tokens can never stand in for
 * each other. QuickTheories prints the seed of any failing run.
 */
class RefreshTokenPropertyTest {

  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final Set<Reason> NOT_OURS = EnumSet.of(Reason.MALFORMED, Reason.UNKNOWN);

  private final Fixture f = new Fixture();
  private final TokenPairService service = f.service().build();

  private Reason refusal(String presented) {
    try {
      TokenPair pair = service.refresh(presented, RequestContext.UNKNOWN);
      return fail("accepted a token that was never issued: " + pair.accessToken().tokenId());
    } catch (InvalidRefreshTokenException e) {
      return e.reason();
    }
  }

  /**
   * Strings of the exact shape of a refresh token (prefix, separator, canonical base64url): they
   * reach the store.
   */
  private static Gen<String> wellShaped() {
    return strings()
        .betweenCodePoints(0, 63)
        .ofLength(RefreshTokenCodec.LENGTH)
        .map(
            s -> {
              StringBuilder b = new StringBuilder();
              for (int i = 0; i < s.length(); i++) {
                b.append(BASE64URL.charAt(s.charAt(i)));
              }
              b.replace(0, 4, "rt1.");
              b.setCharAt(26, '.');
              // Canonical base64url: the unused low bits of the last character of each part are
              // zero.
              b.setCharAt(25, BASE64URL.charAt(BASE64URL.indexOf(b.charAt(25)) & 0x30));
              b.setCharAt(69, BASE64URL.charAt(BASE64URL.indexOf(b.charAt(69)) & 0x3c));
              return b.toString();
            });
  }

  @Test
  void refresh_arbitraryStrings_refusedWithMalformedOrUnknown() {
    qt().withExamples(2000)
        .forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(s -> assertThat(refusal(s)).isIn(NOT_OURS));
  }

  @Test
  void refresh_wellShapedRandomTokens_refusedWithUnknown() {
    qt().withExamples(2000)
        .forAll(wellShaped())
        .checkAssert(s -> assertThat(refusal(s)).isEqualTo(Reason.UNKNOWN));
    assertThat(f.events).noneMatch(e -> e.type() == SecurityEventType.AUTHN_TOKEN_REUSE);
  }

  @Test
  void logout_arbitraryStrings_neverThrowsNorRevokes() {
    String real =
        service.login("alice", RequestContext.UNKNOWN).refreshToken().orElseThrow().value();
    qt().withExamples(1000)
        .forAll(strings().allPossible().ofLengthBetween(0, 100))
        .checkAssert(s -> assertThat(service.logout("alice", s, RequestContext.UNKNOWN)).isFalse());
    qt().withExamples(1000)
        .forAll(wellShaped())
        .checkAssert(s -> assertThat(service.logout("alice", s, RequestContext.UNKNOWN)).isFalse());
    assertThat(f.store.findByLookupId(TokenPairServiceTest.lookupId(real)).orElseThrow().isLive())
        .isTrue();
  }

  @Test
  void refresh_realTokenWithOneCharacterChanged_refusedAndOriginalStillWorks() throws Exception {
    String real =
        service.login("alice", RequestContext.UNKNOWN).refreshToken().orElseThrow().value();

    qt().withExamples(3000)
        .forAll(integers().between(0, real.length() - 1), integers().between(0, 127))
        .checkAssert(
            (pos, c) -> {
              String mutated = real.substring(0, pos) + (char) (int) c + real.substring(pos + 1);
              if (!mutated.equals(real)) {
                assertThat(refusal(mutated)).isIn(NOT_OURS);
              }
            });
    qt().withExamples(1000)
        .forAll(integers().between(0, real.length()), strings().allPossible().ofLengthBetween(0, 3))
        .checkAssert(
            (cut, insert) -> {
              String truncated = real.substring(0, cut);
              String inserted = real.substring(0, cut) + insert + real.substring(cut);
              if (!truncated.equals(real)) {
                assertThat(refusal(truncated)).isIn(NOT_OURS);
              }
              if (!inserted.equals(real)) {
                assertThat(refusal(inserted)).isIn(NOT_OURS);
              }
            });

    // No refusal above touched the family: the genuine token still rotates.
    assertThat(service.refresh(real, RequestContext.UNKNOWN).refreshToken()).isPresent();
  }

  @Test
  void validate_issuedRefreshTokens_neverAcceptedAsAccessTokens() {
    qt().withExamples(300)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40).map(s -> "u" + s.strip()))
        .checkAssert(
            user -> {
              String rt =
                  service.login(user, RequestContext.UNKNOWN).refreshToken().orElseThrow().value();
              try {
                f.validator.validate(rt);
                fail("a refresh token validated as an access token");
              } catch (InvalidTokenException e) {
                assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.MALFORMED);
              }
            });
  }

  @Test
  void refresh_issuedAccessTokens_neverAcceptedAsRefreshTokens() {
    qt().withExamples(300)
        .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40).map(s -> "u" + s.strip()))
        .checkAssert(
            user -> {
              String at =
                  f.issuer.issue(AccessTokenClaims.forSubject(user).roles("admin").build()).value();
              assertThat(refusal(at)).isEqualTo(Reason.MALFORMED);
              assertThat(service.logout("alice", at, RequestContext.UNKNOWN)).isFalse();
            });
  }

  @Test
  void refresh_replayAfterAnyDelay_graceExactlyWhenWithinWindow() {
    qt().withExamples(150)
        .forAll(integers().between(0, 60), integers().between(0, 120_000))
        .checkAssert(
            (graceSeconds, delayMillis) -> {
              Fixture g = new Fixture();
              TokenPairService s =
                  g.service().reuseGraceWindow(Duration.ofSeconds(graceSeconds)).build();
              try {
                String first =
                    s.login("alice", RequestContext.UNKNOWN).refreshToken().orElseThrow().value();
                String second =
                    s.refresh(first, RequestContext.UNKNOWN).refreshToken().orElseThrow().value();
                g.clock.advance(Duration.ofMillis(delayMillis));
                boolean grace = graceSeconds > 0 && delayMillis <= graceSeconds * 1000L;
                try {
                  TokenPair replay = s.refresh(first, RequestContext.UNKNOWN);
                  assertThat(grace).as("replay accepted").isTrue();
                  assertThat(replay.refreshToken()).isEmpty();
                  assertThat(s.refresh(second, RequestContext.UNKNOWN).refreshToken()).isPresent();
                } catch (InvalidRefreshTokenException e) {
                  assertThat(grace).as("replay refused").isFalse();
                  assertThat(e.reason()).isEqualTo(Reason.REUSED);
                  assertThat(refusalOf(s, second)).isEqualTo(Reason.REVOKED);
                }
              } catch (InvalidRefreshTokenException e) {
                fail("unexpected refusal " + e.reason());
              }
            });
  }

  @Test
  void refresh_anyUsePattern_acceptedExactlyWithinIdleAndAbsoluteLifetimes() {
    qt().withExamples(100)
        .forAll(lists().of(integers().between(0, 60 * 60 * 30)).ofSizeBetween(1, 12))
        .checkAssert(
            gapsSeconds -> {
              Fixture g = new Fixture();
              Duration idle = Duration.ofHours(24);
              Duration absolute = Duration.ofDays(3);
              TokenPairService s = g.service().idleTimeout(idle).absoluteLifetime(absolute).build();
              String token =
                  s.login("alice", RequestContext.UNKNOWN).refreshToken().orElseThrow().value();
              long sinceLogin = 0;
              for (int gap : gapsSeconds) {
                g.clock.advance(Duration.ofSeconds(gap));
                sinceLogin += gap;
                boolean alive = gap < idle.toSeconds() && sinceLogin < absolute.toSeconds();
                try {
                  token =
                      s.refresh(token, RequestContext.UNKNOWN).refreshToken().orElseThrow().value();
                  assertThat(alive)
                      .as("accepted after gap %d, %d since login", gap, sinceLogin)
                      .isTrue();
                } catch (InvalidRefreshTokenException e) {
                  assertThat(alive)
                      .as("refused after gap %d, %d since login", gap, sinceLogin)
                      .isFalse();
                  assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
                  return;
                }
              }
            });
  }

  private static Reason refusalOf(TokenPairService s, String token) {
    try {
      s.refresh(token, RequestContext.UNKNOWN);
      return null;
    } catch (InvalidRefreshTokenException e) {
      return e.reason();
    }
  }
}
