package dev.jwtsecurity.servlet;

/** The HTTP suite on embedded Tomcat 11. */
class TomcatHttpTest extends ServletHttpSuite {
  @Override
  EmbeddedContainer.Factory factory() {
    return TomcatContainer::start;
  }
}
