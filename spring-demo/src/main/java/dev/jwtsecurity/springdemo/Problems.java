package dev.jwtsecurity.springdemo;

import dev.jwtsecurity.servlet.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error body of the demo: the library's generic problem for each status (the error page,
 * replacing Spring Boot's, which would echo the path and a timestamp), and the demo's own detail
 * for a refused request body.
 */
final class Problems {

  private Problems() {}

  /** 400, 409, 413, 415 with the demo's detail; nothing of the input. */
  @RestControllerAdvice
  static class BadRequests {
    @ExceptionHandler(JsonRequests.BadRequest.class)
    ResponseEntity<Map<String, Object>> badRequest(JsonRequests.BadRequest e) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("type", "about:blank");
      p.put("title", HttpStatus.valueOf(e.status).getReasonPhrase());
      p.put("status", e.status);
      p.put("detail", e.getMessage());
      return ResponseEntity.status(e.status)
          .header("Cache-Control", "no-store")
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(p);
    }
  }

  /** The error page: the generic body of the status, and nothing else. */
  @Controller
  static class ErrorPage implements ErrorController {
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
      int status =
          request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer i ? i : 404;
      if (status < 400 || status > 599) {
        status = 500;
      }
      if (!response.isCommitted()) {
        ProblemResponses.send(response, status);
      }
    }
  }
}
