package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsecurity.testing.ScriptedServer;
import dev.jwtsecurity.testing.TestKeys;
import dev.jwtsecurity.token.Algorithm;
import dev.jwtsecurity.token.JwtKey;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code verify --issuer-uri} and {@code verify --jwks-uri} against a scripted provider. */
class RemoteVerifyTest {

  static final JwtKey KEY = TestKeys.signingKey(Algorithm.RS256, "idp-1");
  static final long T = java.time.Instant.parse("2026-11-27T12:00:00Z").getEpochSecond(); // Cli.NOW

  ScriptedServer server;
  String issuer;

  @BeforeEach
  void start() throws Exception {
    server = ScriptedServer.start();
    issuer = server.url("/realms/acme");
    server.json(
        "/realms/acme/.well-known/openid-configuration",
        "application/json",
        "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + server.url("/certs") + "\"}");
    server.jwks("/certs", JwtKey.toPublicJwkSet(List.of(KEY)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  String token(String aud) throws Exception {
    String input =
        b64("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"idp-1\"}")
            + "."
            + b64(
                "{\"iss\":\""
                    + issuer
                    + "\",\"sub\":\"svc\",\"aud\":\""
                    + aud
                    + "\",\"iat\":"
                    + (T - 5)
                    + ",\"exp\":"
                    + (T + 300)
                    + ",\"roles\":[\"auditor\"],\"scope\":\"orders.read\"}");
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(TestKeys.keyPair(Algorithm.RS256).getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

  @Test
  void verify_issuerUri_discoversTheKeysAndPrintsTheClaims() throws Exception {
    Cli.Result r =
        Cli.run(
            "verify",
            "--issuer-uri",
            issuer,
            "--aud",
            "orders-api",
            "--unsafe-allow-plain-http-on-loopback",
            token("orders-api"));
    assertThat(r.status()).as(r.all()).isZero();
    assertThat(r.out()).contains("\"sub\": \"svc\"").contains("auditor").contains("orders.read");
    assertThat(server.hits("/certs")).isEqualTo(1);
  }

  @Test
  void verify_jwksUri_needsTheIssuerAndChecksTheAudience() throws Exception {
    Cli.Result noIss =
        Cli.run(
            "verify",
            "--jwks-uri",
            server.url("/certs"),
            "--unsafe-allow-plain-http-on-loopback",
            token("x"));
    assertThat(noIss.status()).isEqualTo(Main.USAGE);
    assertThat(noIss.err()).contains("--iss");
    Cli.Result wrongAud =
        Cli.run(
            "verify",
            "--jwks-uri",
            server.url("/certs"),
            "--iss",
            issuer,
            "--aud",
            "orders-api",
            "--unsafe-allow-plain-http-on-loopback",
            token("billing-api"));
    assertThat(wrongAud.status()).isEqualTo(Main.REFUSED);
    assertThat(wrongAud.out()).contains("invalid: WRONG_AUDIENCE");
    Cli.Result anyAud =
        Cli.run(
            "verify",
            "--jwks-uri",
            server.url("/certs"),
            "--iss",
            issuer,
            "--unsafe-allow-plain-http-on-loopback",
            token("billing-api"));
    assertThat(anyAud.status()).as(anyAud.all()).isZero();
    assertThat(anyAud.err()).contains("audience was not checked");
  }

  @Test
  void verify_plainHttpWithoutTheSwitch_usageError() throws Exception {
    Cli.Result r = Cli.run("verify", "--issuer-uri", issuer, token("orders-api"));
    assertThat(r.status()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("https");
    assertThat(server.totalHits()).isZero();
  }

  @Test
  void verify_providerDown_refusedAndTheFetchFailurePrinted() throws Exception {
    String token = token("orders-api");
    server.close();
    Cli.Result r =
        Cli.run("verify", "--issuer-uri", issuer, "--unsafe-allow-plain-http-on-loopback", token);
    assertThat(r.status()).isEqualTo(Main.REFUSED);
    assertThat(r.out()).contains("invalid: KEYS_UNAVAILABLE");
    assertThat(r.err()).contains("sys_key_source_fail").contains("UNREACHABLE");
  }

  @Test
  void verify_remoteWithLocalKeyOptions_usageError() throws Exception {
    Cli.Result r =
        Cli.run("verify", "--issuer-uri", issuer, "--jwks-uri", server.url("/certs"), "x");
    assertThat(r.status()).isEqualTo(Main.USAGE);
    assertThat(Cli.run("verify", "--issuer-uri", issuer, "--jws-only", "x").status())
        .isEqualTo(Main.USAGE);
    assertThat(
            Cli.run(
                    "verify",
                    "--jwk-file",
                    "f",
                    "--alg",
                    "HS256",
                    "--unsafe-allow-plain-http-on-loopback",
                    "x")
                .status())
        .isEqualTo(Main.USAGE);
  }
}
