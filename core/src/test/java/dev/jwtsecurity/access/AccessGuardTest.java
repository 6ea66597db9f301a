package dev.jwtsecurity.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.jwtsecurity.audit.RequestContext;
import dev.jwtsecurity.audit.SecurityEvent;
import dev.jwtsecurity.audit.SecurityEventType;
import dev.jwtsecurity.testing.ManualClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessGuardTest {

  private final ManualClock clock = ManualClock.at("2026-11-27T12:00:00Z");
  private final List<SecurityEvent> events = new ArrayList<>();
  private final AccessGuard guard =
      AccessGuard.builder()
          .events(events::add)
          .clock(clock)
          .grant("editor", "document:write")
          .grant("admin", "document:write", "document:delete")
          .build();
  private final RequestContext ctx = RequestContext.of("203.0.113.7", "ua", "r1");

  @Test
  void requireRole_userHasRole_passesSilently() {
    assertThatCode(
            () ->
                guard.requireRole(
                    new AuthenticatedUser("a", Set.of("admin"), Set.of()), "admin", ctx))
        .doesNotThrowAnyException();
    assertThat(events).isEmpty();
  }

  @Test
  void requireRole_missingRole_throwsGenericDeniedAndEmitsAuthzFail() {
    AccessDeniedException e =
        catchThrowableOfType(
            AccessDeniedException.class,
            () ->
                guard.requireRole(
                    new AuthenticatedUser("bob", Set.of("user"), Set.of()), "admin", ctx));

    assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.MISSING_ROLE);
    assertThat(e.getMessage())
        .isEqualTo(AccessDeniedException.MESSAGE)
        .doesNotContain("admin")
        .doesNotContain("bob");
    assertThat(events)
        .singleElement()
        .satisfies(
            ev -> {
              assertThat(ev.type()).isEqualTo(SecurityEventType.AUTHZ_FAIL);
              assertThat(ev.userId()).isEqualTo("bob");
              assertThat(ev.reason()).isEqualTo("MISSING_ROLE");
              assertThat(ev.details()).containsEntry("required_role", "admin");
              assertThat(ev.request()).isEqualTo(ctx);
            });
  }

  @Test
  void requirePermission_grantedThroughAnyRole_passes() {
    AuthenticatedUser editor = new AuthenticatedUser("e", Set.of("user", "editor"), Set.of());

    assertThatCode(() -> guard.requirePermission(editor, "document:write", ctx))
        .doesNotThrowAnyException();
    assertThat(guard.hasPermission(editor, "document:delete")).isFalse();
  }

  @Test
  void requirePermission_notGrantedOrUnknown_deniesByDefault() {
    AuthenticatedUser editor = new AuthenticatedUser("e", Set.of("editor"), Set.of());

    for (String p :
        List.of("document:delete", "unknown:thing", "DOCUMENT:WRITE", "document:write ")) {
      AccessDeniedException e =
          catchThrowableOfType(
              AccessDeniedException.class, () -> guard.requirePermission(editor, p, ctx));
      assertThat(e.reason()).isEqualTo(AccessDeniedException.Reason.MISSING_PERMISSION);
    }
    assertThat(events).hasSize(4).allMatch(ev -> ev.reason().equals("MISSING_PERMISSION"));
  }

  @Test
  void requireRole_injectionInRoleName_isCleanedInTheEvent() {
    assertThatThrownBy(
            () ->
                guard.requireRole(
                    new AuthenticatedUser("u", Set.of(), Set.of()), "admin\r\nforged", ctx))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(events.get(0).details().get("required_role")).isEqualTo("admin__forged");
  }

  @Test
  void requirePermission_generatedRoleSets_allowExactlyWhenSomeRoleGrants() {
    List<String> roles = List.of("user", "editor", "admin", "auditor");
    qt().forAll(integers().between(0, 15), integers().between(0, 2))
        .checkAssert(
            (mask, permIx) -> {
              Set<String> held = new HashSet<>();
              for (int i = 0; i < roles.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                  held.add(roles.get(i));
                }
              }
              String perm =
                  List.of("document:write", "document:delete", "user:disable").get(permIx);
              boolean expected =
                  (perm.equals("document:write")
                          && (held.contains("editor") || held.contains("admin")))
                      || (perm.equals("document:delete") && held.contains("admin"));
              assertThat(guard.hasPermission(new AuthenticatedUser("u", held, Set.of()), perm))
                  .isEqualTo(expected);
            });
  }
}
