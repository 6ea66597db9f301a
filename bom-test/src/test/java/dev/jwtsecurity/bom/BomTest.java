package dev.jwtsecurity.bom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Keeps the BOM true to the build: it manages exactly the published modules (those with a {@code
 * .published} marker), at the build's version, with the parent's Central metadata; and the test
 * project the invoker builds depends on every one of them, so a module missing from the BOM fails
 * the build there too.
 */
class BomTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void bom_publishedModules_eachManagedOnceAtTheBuildVersion() throws Exception {
    Set<String> expected = publishedArtifacts();
    assertThat(expected).contains("jwt-security-core", "jwt-security-core:test-jar");

    Element bom = pom(ROOT.resolve("bom/pom.xml"));
    List<Element> managed = children(child(child(bom, "dependencyManagement"), "dependencies"));
    Set<String> listed = new LinkedHashSet<>();
    for (Element d : managed) {
      assertThat(text(d, "groupId")).isEqualTo("dev.jwtsecurity");
      assertThat(text(d, "version")).isEqualTo("${project.version}");
      assertThat(listed.add(coordinate(d))).as("listed twice: %s", coordinate(d)).isTrue();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void bom_version_equalsTheParentVersion() throws Exception {
    assertThat(text(pom(ROOT.resolve("bom/pom.xml")), "version"))
        .isEqualTo(text(pom(ROOT.resolve("pom.xml")), "version"));
  }

  @Test
  void bom_centralMetadata_equalsTheParents() throws Exception {
    Element bom = pom(ROOT.resolve("bom/pom.xml"));
    Element parent = pom(ROOT.resolve("pom.xml"));
    for (String element :
        List.of("url", "licenses", "developers", "scm", "issueManagement", "inceptionYear")) {
      assertThat(child(bom, element)).as(element).isNotNull();
      assertThat(normalized(child(bom, element)))
          .as(element)
          .isEqualTo(normalized(child(parent, element)));
    }
    assertThat(text(bom, "name")).isNotBlank();
    assertThat(text(bom, "description")).isNotBlank();
  }

  @Test
  void consumerProject_dependsOnEveryManagedArtifactWithoutVersion() throws Exception {
    Element consumer = pom(ROOT.resolve("bom-test/src/it/bom-consumer/pom.xml"));
    Set<String> used = new LinkedHashSet<>();
    for (Element d : children(child(consumer, "dependencies"))) {
      if (text(d, "groupId").equals("dev.jwtsecurity")) {
        assertThat(child(d, "version")).as("version of %s", coordinate(d)).isNull();
        used.add(coordinate(d));
      }
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(publishedArtifacts());
  }

  @Test
  void thisModule_dependsOnEveryManagedArtifact_soTheInvokerInstallsThem() throws Exception {
    Element self = pom(ROOT.resolve("bom-test/pom.xml"));
    Set<String> used = new LinkedHashSet<>();
    for (Element d : children(child(self, "dependencies"))) {
      if (!text(d, "artifactId").equals("jwt-security-bom")) {
        used.add(coordinate(d));
      }
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(publishedArtifacts());
  }

  /** The artifactIds of the jar modules with a .published marker, plus their test-jars. */
  private static Set<String> publishedArtifacts() throws Exception {
    Set<String> out = new LinkedHashSet<>();
    for (Element m : children(child(pom(ROOT.resolve("pom.xml")), "modules"))) {
      Path dir = ROOT.resolve(m.getTextContent().trim());
      if (!Files.exists(dir.resolve(".published"))) {
        continue;
      }
      Element module = pom(dir.resolve("pom.xml"));
      Element packaging = child(module, "packaging");
      if (packaging != null && !packaging.getTextContent().trim().equals("jar")) {
        continue;
      }
      String artifactId = text(module, "artifactId");
      out.add(artifactId);
      if (Files.readString(dir.resolve("pom.xml")).contains("<goal>test-jar</goal>")) {
        out.add(artifactId + ":test-jar");
      }
    }
    return out;
  }

  private static String coordinate(Element dependency) {
    Element type = child(dependency, "type");
    String artifactId = text(dependency, "artifactId");
    return type == null || type.getTextContent().trim().equals("jar")
        ? artifactId
        : artifactId + ":" + type.getTextContent().trim();
  }

  private static Element pom(Path file)
      throws ParserConfigurationException, IOException, SAXException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(file.toFile());
    return doc.getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Element e : children(parent)) {
      if (e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent().trim();
  }

  /** The element's text content with whitespace runs collapsed, attributes included. */
  private static String normalized(Element e) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < e.getAttributes().getLength(); i++) {
      out.append(e.getAttributes().item(i)).append(' ');
    }
    return out.append(e.getTextContent().replaceAll("\\s+", " ").trim()).toString();
  }
}
