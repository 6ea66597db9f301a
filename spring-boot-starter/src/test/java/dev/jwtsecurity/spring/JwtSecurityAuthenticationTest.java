package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.access.Authentication;
import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.testing.TestSecurity;
import dev.jwtsecurity.token.AccessTokenClaims;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.GrantedAuthority;

/**
 * Roles and scopes become Spring Security authorities with their prefixes, and nothing else: a
 * scope never passes for a role, whatever its name.
 */
class JwtSecurityAuthenticationTest {

  private final Map<String, AccessTokenClaims> claims = new ConcurrentHashMap<>();
  private final JwtSecurity security =
      TestSecurity.builder("alice").claims(id -> claims.get(id)).build();
  private final JwtSecurityAuthenticationProvider provider =
      new JwtSecurityAuthenticationProvider(security.authenticator(), "ROLE_", "SCOPE_");

  private Authentication authenticate(Set<String> roles, Set<String> scopes) throws Exception {
    claims.put(
        "alice",
        AccessTokenClaims.forSubject("alice")
            .roles(roles)
            .scopes(scopes.toArray(String[]::new))
            .build());
    String token = TestSecurity.login(security, "alice").accessToken().value();
    return security.authenticate(token, RequestContext.UNKNOWN);
  }

  @Test
  void of_generatedRolesAndScopes_exactlyThePrefixedAuthorities() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("authorities seed " + seed);
    Random random = new Random(seed);
    String alphabet = "abcXYZ:_.-0ROLESCOPE";
    for (int i = 0; i < 20; i++) {
      Set<String> roles = names(random, alphabet);
      Set<String> scopes = names(random, alphabet);

      JwtSecurityAuthentication auth =
          JwtSecurityAuthentication.of(authenticate(roles, scopes), "ROLE_", "SCOPE_");

      Set<String> expected = new HashSet<>();
      roles.forEach(r -> expected.add("ROLE_" + r));
      scopes.forEach(s -> expected.add("SCOPE_" + s));
      assertThat(auth.getAuthorities())
          .as("seed %d", seed)
          .extracting(GrantedAuthority::getAuthority)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(auth.getName()).isEqualTo("alice");
      assertThat(auth.getPrincipal().roles()).isEqualTo(roles);
      assertThat(auth.getCredentials()).isEqualTo("");
    }
  }

  private static Set<String> names(Random random, String alphabet) {
    Set<String> names = new HashSet<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      StringBuilder s = new StringBuilder();
      for (int k = 1 + random.nextInt(8); k > 0; k--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      names.add(s.toString());
    }
    return names;
  }

  @Test
  void of_scopeNamedLikeARole_neverBecomesARole() throws Exception {
    JwtSecurityAuthentication auth =
        JwtSecurityAuthentication.of(authenticate(Set.of(), Set.of("admin")), "ROLE_", "SCOPE_");

    assertThat(auth.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("SCOPE_admin");
  }

  @Test
  void provider_validToken_authenticatesAndInvalidOneGivesFixedMessage() {
    claims.put("alice", AccessTokenClaims.forSubject("alice").roles("user").build());
    String token = TestSecurity.login(security, "alice").accessToken().value();

    org.springframework.security.core.Authentication ok =
        provider.authenticate(new JwtBearerToken(token, RequestContext.UNKNOWN));

    assertThat(ok.isAuthenticated()).isTrue();
    assertThat(ok.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .contains("ROLE_user");
    assertThat(provider.supports(JwtBearerToken.class)).isTrue();
    assertThatThrownBy(
            () -> provider.authenticate(new JwtBearerToken(token + "x", RequestContext.UNKNOWN)))
        .isInstanceOf(BadCredentialsException.class)
        .hasMessage("invalid access token");
  }

  @Test
  void bearerToken_neverShowsTheTokenAndErasesIt() {
    JwtBearerToken bearer = new JwtBearerToken("secret.token.value", RequestContext.UNKNOWN);

    assertThat(bearer.toString()).doesNotContain("secret");
    bearer.eraseCredentials();
    assertThat(bearer.getCredentials()).isEmpty();
  }
}
