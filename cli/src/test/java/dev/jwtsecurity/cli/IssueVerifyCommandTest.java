package dev.jwtsecurity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueVerifyCommandTest {

  private static final String SECRET = "Zr8Kq3Xv0bN7mW2pL9cT5yH1sD6fJ4gA8eU3iO7kQ2x";
  private static final String OTHER = "Vt4Wn9Lm2Qx7Rb5Kc8Jp3Zd6Hs1Fg0Ya7Ue2Io9Mk4";

  @TempDir Path dir;
  private String octFile;
  private String otherFile;

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  private String oct(String name, String secret, String kid) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(
        p,
        "{\"kty\":\"oct\",\"kid\":\"" + kid + "\",\"k\":\"" + b64(secret) + "\"}",
        StandardCharsets.UTF_8);
    return p.toString();
  }

  @BeforeEach
  void keys() throws Exception {
    octFile = oct("oct.json", SECRET, "k1");
    otherFile = oct("other.json", OTHER, "k1");
  }

  private String issue(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "issue",
                "--jwk-file",
                octFile,
                "--alg",
                "HS256",
                "--sub",
                "alice",
                "--ttl-seconds",
                "600"));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isZero();
    return r.out().strip();
  }

  private Cli.Result verify(String token, String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", "--jwk-file", octFile, "--alg", "HS256"));
    args.addAll(List.of(extra));
    args.add(token);
    return Cli.run(args.toArray(String[]::new));
  }

  /** Signs header.payload with HS256 under SECRET, for hand-made attack tokens. */
  private static String sign(String headerJson, String payloadJson) throws Exception {
    String input = b64(headerJson) + "." + b64(payloadJson);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static final String CLAIMS = "{\"sub\":\"a\",\"exp\":1795790000,\"iat\":1795780000}";

  private void assertInvalid(Cli.Result r, String reason) {
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).startsWith("invalid: " + reason);
  }

  @Test
  void issueThenVerify_hs256_exitsZeroAndPrintsClaims() {
    String token =
        issue(
            "--iss",
            "https://api.example.com",
            "--aud",
            "web",
            "--claim",
            "tenant=acme",
            "--claim",
            "level=3",
            "--claim",
            "beta=true");
    Cli.Result r =
        verify(
            token,
            "--iss",
            "https://api.example.com",
            "--aud",
            "web",
            "--typ",
            "at+jwt",
            "--require",
            "jti",
            "--require",
            "tenant");
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("\"sub\": \"alice\"")
        .contains("\"tenant\": \"acme\"")
        .contains("\"level\": 3")
        .contains("\"beta\": true");
    assertThat(r.all()).doesNotContain(token).doesNotContain(SECRET).doesNotContain(b64(SECRET));
  }

  @Test
  void issue_neverPrintsTheKey() {
    Cli.Result r =
        Cli.run(
            "issue", "--jwk-file", octFile, "--alg", "HS256", "--sub", "a", "--ttl-seconds", "60");
    assertThat(r.all()).doesNotContain(SECRET).doesNotContain(b64(SECRET));
  }

  @Test
  void verify_tokenFromStdin_accepted() {
    String token = issue();
    Cli.Result r =
        Cli.run(
            token.getBytes(StandardCharsets.UTF_8),
            Map.of(),
            Cli.NOW,
            "verify",
            "--jwk-file",
            octFile,
            "--alg",
            "HS256",
            "-");
    assertThat(r.status()).isZero();
  }

  @Test
  void verify_otherKey_badSignature() {
    Cli.Result r = Cli.run("verify", "--jwk-file", otherFile, "--alg", "HS256", issue());
    assertInvalid(r, "BAD_SIGNATURE");
  }

  @Test
  void verify_algorithmOtherThanPinned_unsupportedAlgorithm() throws Exception {
    String long512 = oct("oct512.json", SECRET + OTHER, "k1");
    assertInvalid(
        Cli.run("verify", "--jwk-file", long512, "--alg", "HS512", issue()),
        "UNSUPPORTED_ALGORITHM");
    // A 43-byte key cannot even be loaded for HS512.
    assertThat(Cli.run("verify", "--jwk-file", octFile, "--alg", "HS512", issue()).status())
        .isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void verify_algNone_unsupportedAlgorithm(String alg) {
    String token = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(CLAIMS) + ".";
    Cli.Result r = verify(token);
    assertThat(r.status()).isEqualTo(1);
    String strippedSig = b64("{\"alg\":\"" + alg + "\"}") + "." + b64(CLAIMS) + ".AAAA";
    assertInvalid(verify(strippedSig), "UNSUPPORTED_ALGORITHM");
  }

  @Test
  void verify_expired_expired() {
    String token = issue();
    Cli.Result r =
        Cli.run(
            new byte[0],
            Map.of(),
            Clock.offset(Cli.NOW, Duration.ofMinutes(11)),
            "verify",
            "--jwk-file",
            octFile,
            "--alg",
            "HS256",
            token);
    assertInvalid(r, "EXPIRED");
  }

  @Test
  void verify_issuedInFuture_issuedInFuture() throws Exception {
    String t = sign("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"exp\":1795790000,\"iat\":1795789000}");
    assertInvalid(verify(t), "ISSUED_IN_FUTURE");
  }

  @Test
  void verify_notYetValid_notYetValid() throws Exception {
    String t = sign("{\"alg\":\"HS256\"}", "{\"exp\":1795790000,\"nbf\":1795789000}");
    assertInvalid(verify(t), "NOT_YET_VALID");
  }

  @Test
  void verify_flagsAskForProfile_wrongIssuerAudienceTypeMissingClaim() {
    String token = issue("--iss", "a", "--aud", "b");
    assertInvalid(verify(token, "--iss", "x"), "WRONG_ISSUER");
    assertInvalid(verify(token, "--aud", "x"), "WRONG_AUDIENCE");
    assertInvalid(verify(token, "--typ", "JWT"), "WRONG_TYPE");
    assertInvalid(verify(token, "--require", "tenant"), "MISSING_OR_INVALID_CLAIM");
  }

  @Test
  void verify_typWithApplicationPrefixOrOtherCase_sameType() {
    String token = issue();
    assertThat(verify(token, "--typ", "application/at+jwt").status()).isZero();
    assertThat(verify(token, "--typ", "AT+JWT").status()).isZero();
  }

  @Test
  void verify_tokenWithoutTypAndNoTypFlag_accepted() throws Exception {
    assertThat(verify(sign("{\"alg\":\"HS256\"}", CLAIMS)).status()).isZero();
    assertInvalid(verify(sign("{\"alg\":\"HS256\"}", CLAIMS), "--typ", "JWT"), "WRONG_TYPE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1795780000\"", "true", "null", "[1795780000]", "1e300", "-5"})
  void verify_expOfWrongTypeOrRange_missingOrInvalidClaim(String exp) throws Exception {
    assertInvalid(
        verify(sign("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"exp\":" + exp + "}")),
        "MISSING_OR_INVALID_CLAIM");
  }

  @Test
  void verify_noExp_missingOrInvalidClaim() throws Exception {
    assertInvalid(
        verify(sign("{\"alg\":\"HS256\"}", "{\"sub\":\"a\"}")), "MISSING_OR_INVALID_CLAIM");
  }

  @Test
  void verify_subNotString_missingOrInvalidClaim() throws Exception {
    assertInvalid(
        verify(sign("{\"alg\":\"HS256\"}", "{\"sub\":5,\"exp\":1795790000}")),
        "MISSING_OR_INVALID_CLAIM");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}",
        "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
        "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}",
        "{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks.json\"}",
        "{\"alg\":\"HS256\",\"x5u\":\"https://attacker.example/cert.pem\"}",
        "{\"alg\":\"HS256\",\"x5c\":[\"MIIB\"]}"
      })
  void verify_forbiddenHeader_unsupportedHeader(String header) throws Exception {
    assertInvalid(verify(sign(header, CLAIMS)), "UNSUPPORTED_HEADER");
  }

  @Test
  void verify_duplicateHeaderMember_malformed() throws Exception {
    assertInvalid(verify(sign("{\"alg\":\"HS256\",\"alg\":\"HS256\"}", CLAIMS)), "MALFORMED");
    assertInvalid(
        verify(sign("{\"alg\":\"HS256\"}", "{\"exp\":1795790000,\"exp\":1795790000}")),
        "MALFORMED");
  }

  @Test
  void verify_deeplyNestedClaims_malformed() throws Exception {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertInvalid(
        verify(sign("{\"alg\":\"HS256\"}", "{\"exp\":1795790000,\"x\":" + deep + "}")),
        "MALFORMED");
  }

  @Test
  void verify_nonUtf8Payload_malformed() throws Exception {
    String input =
        b64("{\"alg\":\"HS256\"}")
            + "."
            + b64(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String t = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    assertInvalid(verify(t), "MALFORMED");
  }

  @Test
  void verify_jweOrPaddingOrWhitespace_malformed() {
    String token = issue();
    assertInvalid(verify("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"), "MALFORMED");
    assertInvalid(verify(token + "="), "MALFORMED");
    assertInvalid(verify(token.replace(".", " .")), "MALFORMED");
    assertInvalid(verify("{\"payload\":\"x\"}"), "MALFORMED");
  }

  @Test
  void verify_nonCanonicalBase64Bits_malformed() {
    String token = issue();
    String sig = token.substring(token.lastIndexOf('.') + 1);
    // 32 bytes encode to 43 characters: the last one carries 2 unused bits; setting one keeps the
    // bytes equal.
    char last = sig.charAt(sig.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char twin = alphabet.charAt(alphabet.indexOf(last) | 1);
    String t = token.substring(0, token.length() - 1) + twin;
    assertThat(twin).isNotEqualTo(last);
    assertInvalid(verify(t), "MALFORMED");
  }

  @Test
  void verify_oversizedToken_tooLarge() {
    assertInvalid(verify("a".repeat(9000) + ".b.c"), "TOO_LARGE");
  }

  @Test
  void verify_unknownKid_unknownKey() throws Exception {
    assertInvalid(
        verify(sign("{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\"}", CLAIMS)), "UNKNOWN_KEY");
  }

  @Test
  void verify_jwsOnly_acceptsNonClaimsPayload() throws Exception {
    String t = sign("{\"alg\":\"HS256\"}", "hello, world");
    Cli.Result r = verify(t, "--jws-only");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("valid JWS").contains("hello, world");
    assertInvalid(verify(t), "MALFORMED");
  }

  @Test
  void verify_jwsOnlyWithClaimFlags_exitsTwo() {
    assertThat(verify(issue(), "--jws-only", "--iss", "x").status()).isEqualTo(2);
  }

  @Test
  void verify_usageErrors_exitTwo() {
    assertThat(Cli.run("verify", "--jwk-file", octFile, issue()).status()).isEqualTo(2);
    assertThat(Cli.run("verify", "--jwk-file", octFile, "--alg", "HS256").status()).isEqualTo(2);
    assertThat(
            Cli.run(
                    "verify",
                    "--jwk-file",
                    dir.resolve("missing").toString(),
                    "--alg",
                    "HS256",
                    "x")
                .status())
        .isEqualTo(2);
    assertThat(Cli.run("verify", "--jwk-file", octFile, "--alg", "ES256", "x.y.z").status())
        .isEqualTo(2);
    assertThat(
            Cli.run("verify", "--jwk-file", octFile, "--alg", "HS256", "--skew-seconds", "301", "x")
                .status())
        .isEqualTo(2);
  }

  @Test
  void issue_usageErrors_exitTwo() {
    assertThat(Cli.run("issue", "--jwk-file", octFile, "--alg", "HS256", "--sub", "a").status())
        .isEqualTo(2);
    assertThat(
            Cli.run(
                    "issue",
                    "--jwk-file",
                    octFile,
                    "--alg",
                    "HS256",
                    "--sub",
                    "a",
                    "--ttl-seconds",
                    "0")
                .status())
        .isEqualTo(2);
    assertThat(
            Cli.run(
                    "issue",
                    "--jwk-file",
                    octFile,
                    "--alg",
                    "HS256",
                    "--sub",
                    "a",
                    "--ttl-seconds",
                    "x")
                .status())
        .isEqualTo(2);
    assertThat(
            Cli.run(
                    "issue",
                    "--jwk-file",
                    octFile,
                    "--alg",
                    "HS256",
                    "--sub",
                    "a",
                    "--ttl-seconds",
                    "60",
                    "--claim",
                    "exp=1")
                .status())
        .isEqualTo(2);
    assertThat(
            Cli.run(
                    "issue",
                    "--jwk-file",
                    octFile,
                    "--alg",
                    "ES256",
                    "--sub",
                    "a",
                    "--ttl-seconds",
                    "60")
                .status())
        .isEqualTo(2);
    assertThat(
            Cli.run(
                    "issue",
                    "--jwk-file",
                    octFile,
                    "--alg",
                    "none",
                    "--sub",
                    "a",
                    "--ttl-seconds",
                    "60")
                .status())
        .isEqualTo(2);
  }

  @Test
  void issue_shortOctKey_exitsTwo() throws Exception {
    String shortFile = oct("short.json", "too-short", "s");
    assertThat(
            Cli.run(
                    "issue",
                    "--jwk-file",
                    shortFile,
                    "--alg",
                    "HS256",
                    "--sub",
                    "a",
                    "--ttl-seconds",
                    "60")
                .status())
        .isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "EdDSA", "PS256"})
  void issueThenVerify_asymmetricKeysFromKeygen_roundTrip(String alg) throws Exception {
    Path priv = dir.resolve(alg + ".json");
    Path pub = dir.resolve(alg + ".pub.json");
    Cli.Result k = Cli.run("keygen", "--algorithm", alg, "--public-out", pub.toString());
    Files.writeString(priv, k.out(), StandardCharsets.UTF_8);
    Cli.Result issued =
        Cli.run(
            "issue",
            "--jwk-file",
            priv.toString(),
            "--alg",
            alg,
            "--sub",
            "bob",
            "--ttl-seconds",
            "120");
    assertThat(issued.status()).as(issued.err()).isZero();
    String token = issued.out().strip();
    Cli.Result r =
        Cli.run("verify", "--jwk-file", pub.toString(), "--alg", alg, "--typ", "at+jwt", token);
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("\"sub\": \"bob\"");
    assertThat(r.all()).doesNotContain("\"d\"");
  }

  @Test
  void verify_hs256TokenAgainstPublicKeyFile_refused() throws Exception {
    Path pub = dir.resolve("es.pub.json");
    Cli.run("keygen", "--algorithm", "ES256", "--public-out", pub.toString());
    // Algorithm confusion: a key file holding a public key can never verify an HMAC token.
    assertThat(Cli.run("verify", "--jwk-file", pub.toString(), "--alg", "HS256", issue()).status())
        .isEqualTo(2);
    Cli.Result r = Cli.run("verify", "--jwk-file", pub.toString(), "--alg", "ES256", issue());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).startsWith("invalid: ");
  }

  @Test
  void verify_anySingleCharacterChanged_refused() {
    String token = issue();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
    qt().withExamples(300)
        .forAll(
            integers().between(0, token.length() - 1), integers().between(0, alphabet.length() - 1))
        .checkAssert(
            (pos, c) -> {
              char replacement = alphabet.charAt(c);
              if (replacement == token.charAt(pos)) {
                return;
              }
              String tampered = token.substring(0, pos) + replacement + token.substring(pos + 1);
              assertThat(verify(tampered).status()).isEqualTo(1);
            });
  }
}
