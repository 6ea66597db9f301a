package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void inspect_token_printsHeaderAndClaimsLabelledUnverified() {
    String token =
        b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}")
            + "."
            + b64("{\"sub\":\"alice\",\"exp\":1795780000}")
            + ".c2ln";
    Cli.Result r = Cli.run("inspect", token);
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("UNVERIFIED header")
        .contains("\"alg\": \"HS256\"")
        .contains("UNVERIFIED claims")
        .contains("\"sub\": \"alice\"")
        .contains("UNVERIFIED exp: 2026-11-27T")
        .doesNotContain("c2ln");
  }

  @Test
  void inspect_jwe_printsHeaderOnly() {
    Cli.Result r =
        Cli.run("inspect", b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".a.b.c.d");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("JWE").contains("RSA-OAEP");
  }

  @Test
  void inspect_controlCharactersInClaims_escaped() {
    String token =
        b64("{\"alg\":\"HS256\"}") + "." + b64("{\"sub\":\"\\u001b[31mred\\u0007\"}") + ".x";
    Cli.Result r = Cli.run("inspect", token);
    assertThat(r.out())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("\\u001b[31mred\\u0007");
  }

  @Test
  void inspect_garbage_exitsOne() {
    assertThat(Cli.run("inspect", "not-a-token").status()).isEqualTo(1);
  }

  @Test
  void inspect_notJsonParts_saysSo() {
    Cli.Result r = Cli.run("inspect", "a.b.c");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("not base64url-encoded JSON");
  }

  @Test
  void inspect_absurdSize_exitsTwo() {
    assertThat(Cli.run("inspect", "a".repeat(70_000)).status()).isEqualTo(2);
  }

  @Test
  void inspect_missingToken_exitsTwo() {
    assertThat(Cli.run("inspect").status()).isEqualTo(2);
  }
}
