package dev.jwtsecurity.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.jwtsecurity.JwtSecurity;
import dev.jwtsecurity.testing.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The starter's default filter chain (the application declares none), through MockMvc: every
 * request needs a token but the login and refresh endpoints; Spring Security sees the token's user,
 * roles and scopes; security events reach Actuator's audit repository.
 */
@SpringBootTest(
    classes = TestApp.class,
    properties = {TestApp.PROPERTIES_SECRET, "jwt-security.endpoints.enabled=true"})
@AutoConfigureMockMvc
@Import(DefaultChainMockMvcTest.Audit.class)
class DefaultChainMockMvcTest {

  /** Actuator's audit support, as an application that uses it has it. */
  @TestConfiguration
  static class Audit {
    @Bean
    InMemoryAuditEventRepository auditEvents() {
      return new InMemoryAuditEventRepository();
    }

    @Bean
    AuditListener auditListener(InMemoryAuditEventRepository events) {
      return new AuditListener(events);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired JwtSecurity security;
  @Autowired InMemoryAuditEventRepository auditEvents;

  private String token(String user) throws Exception {
    MvcResult login =
        mvc.perform(
                post("/api/auth/login")
                    .secure(true)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"username\":\""
                            + user
                            + "\",\"password\":\""
                            + TestSecurity.PASSWORD
                            + "\"}"))
            .andExpect(status().isOk())
            .andReturn();
    String body = login.getResponse().getContentAsString();
    int start = body.indexOf("\"access_token\":\"") + 16;
    return body.substring(start, body.indexOf('"', start));
  }

  @Test
  void anyPath_withoutToken_401WithGenericBody() throws Exception {
    mvc.perform(get("/public/hello").secure(true))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"api\""))
        .andExpect(
            content()
                .string("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}"));
  }

  @Test
  void preAuthorize_hasRole_adminAllowedUserRefused() throws Exception {
    mvc.perform(
            get("/api/admin/stats")
                .secure(true)
                .header("Authorization", "Bearer " + token("alice")))
        .andExpect(status().isOk())
        .andExpect(content().string("stats"));
    mvc.perform(
            get("/api/admin/stats").secure(true).header("Authorization", "Bearer " + token("bob")))
        .andExpect(status().isForbidden())
        .andExpect(
            content().string("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}"));
  }

  @Test
  void scopeAuthority_andPrincipal_comeFromTheToken() throws Exception {
    String alice = token("alice");
    mvc.perform(get("/api/todos").secure(true).header("Authorization", "Bearer " + alice))
        .andExpect(status().isOk());
    mvc.perform(get("/api/me").secure(true).header("Authorization", "Bearer " + alice))
        .andExpect(content().string("alice"))
        .andExpect(
            header().string("Strict-Transport-Security", "max-age=31536000; includeSubDomains"));
  }

  @Test
  void plainHttp_fromAnotherAddress_refusedBeforeAnyToken() throws Exception {
    mvc.perform(
            get("/api/me")
                .with(
                    r -> {
                      r.setRemoteAddr("203.0.113.9");
                      return r;
                    }))
        .andExpect(status().isForbidden());
  }

  @Test
  void securityEvents_reachActuatorsAuditRepository() throws Exception {
    token("bob");

    assertThat(auditEvents.find("bob", null, "authn_login_success"))
        .isNotEmpty()
        .allSatisfy(
            (AuditEvent e) -> {
              assertThat(e.getData()).containsEntry("severity", "INFO");
              assertThat(e.getData().toString()).doesNotContain(TestSecurity.PASSWORD);
            });
  }
}
