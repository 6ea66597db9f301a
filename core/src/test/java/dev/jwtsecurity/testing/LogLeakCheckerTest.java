package dev.jwtsecurity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogLeakCheckerTest {

  // Test data for the checker only: these strings are never logged.
  private static final String PASSWORD = "Tr0ub4dor&3-horse";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl";

  @Test
  void check_registeredSecretInALine_isFoundAndMaskedInTheReport() {
    Secrets secrets = new Secrets();
    secrets.add(PASSWORD);

    List<LogLeakChecker.Leak> leaks =
        LogLeakChecker.check(
            List.of("INFO a - fine", "WARN b - login pw=" + PASSWORD), secrets.values());

    assertThat(leaks)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.lineNumber()).isEqualTo(2);
              assertThat(l.kind()).isEqualTo(LogLeakChecker.Kind.REGISTERED_SECRET);
              assertThat(l.maskedLine())
                  .isEqualTo("WARN b - login pw=[SECRET]")
                  .doesNotContain(PASSWORD);
            });
  }

  @Test
  void check_base64EncodedSecret_isFound() {
    Secrets secrets = new Secrets();
    secrets.add(PASSWORD);
    String encoded = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));

    assertThat(LogLeakChecker.kindOf("header Basic " + encoded, secrets.values()))
        .isEqualTo(LogLeakChecker.Kind.REGISTERED_SECRET);
  }

  @Test
  void check_registeredKeyBytesAsHexOrBase64url_isFound() {
    Secrets secrets = new Secrets();
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    secrets.addBytes(key);

    assertThat(
            LogLeakChecker.kindOf("k=" + java.util.HexFormat.of().formatHex(key), secrets.values()))
        .isNotNull();
    assertThat(
            LogLeakChecker.kindOf(
                "k=" + Base64.getUrlEncoder().encodeToString(key), secrets.values()))
        .isNotNull();
  }

  @Test
  void check_unregisteredJwtBearerOrArgon2Hash_isFoundByShape() {
    Set<String> none = Set.of();

    assertThat(LogLeakChecker.kindOf("token " + JWT, none)).isEqualTo(LogLeakChecker.Kind.JWT);
    assertThat(LogLeakChecker.kindOf("Authorization: Bearer abcdefgh12345678", none))
        .isEqualTo(LogLeakChecker.Kind.BEARER_CREDENTIAL);
    assertThat(LogLeakChecker.kindOf("hash $argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", none))
        .isEqualTo(LogLeakChecker.Kind.PASSWORD_HASH);
    assertThat(LogLeakChecker.mask("t=" + JWT, none)).isEqualTo("t=[JWT]");
  }

  @Test
  void check_ordinarySecurityLogLines_areClean() {
    List<String> lines =
        List.of(
            "WARN dev.jwtsecurity.security - event=authn_token_invalid severity=WARN time=2026-11-27T12:00:00Z"
                + " client_ip=203.0.113.7 reason=BAD_SIGNATURE",
            "INFO x - Bearer tokens are refused with WWW-Authenticate: Bearer error=\"invalid_token\"",
            "WARN y - Bearer authentication required.",
            "ERROR dev.jwtsecurity.security - event=authn_token_reuse token_id=7f3a-family");

    assertThat(LogLeakChecker.check(lines, Set.of())).isEmpty();
  }

  @Test
  void secrets_tooShort_isRefused() {
    assertThatThrownBy(() -> new Secrets().add("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Secrets().addBytes(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void check_generatedTextAroundASecret_alwaysFindsIt() {
    Secrets secrets = new Secrets();
    secrets.add(PASSWORD);
    qt().withExamples(200)
        .forAll(
            strings().allPossible().ofLengthBetween(0, 200),
            strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(
            (before, after) -> {
              String line = before + PASSWORD + after;
              assertThat(LogLeakChecker.kindOf(line, secrets.values())).isNotNull();
              assertThat(LogLeakChecker.mask(line, secrets.values())).doesNotContain(PASSWORD);
            });
  }
}
