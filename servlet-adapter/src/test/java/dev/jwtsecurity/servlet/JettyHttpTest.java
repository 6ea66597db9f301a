package dev.jwtsecurity.servlet;

/** The HTTP suite on embedded Jetty 12 (ee10). */
class JettyHttpTest extends ServletHttpSuite {
  @Override
  EmbeddedContainer.Factory factory() {
    return JettyContainer::start;
  }
}
