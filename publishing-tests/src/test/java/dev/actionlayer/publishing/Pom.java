package dev.actionlayer.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** One POM file of the checkout, read as written (not the effective model): what the tests compare. */
final class Pom {
  /** A {@code <dependency>} under {@code <dependencyManagement>}, its text as written. */
  record Managed(String groupId, String artifactId, String version, String scope, String type) {}

  private final Path file;
  private final Element project;

  private Pom(Path file, Element project) {
    this.file = file;
    this.project = project;
  }

  /** The checkout's root, which the build passes in (the module's parent directory). */
  static Path root() {
    String root = System.getProperty("actionlayer.root");
    return Path.of(root == null ? ".." : root).toAbsolutePath().normalize();
  }

  static Pom parent() {
    return read(root().resolve("pom.xml"));
  }

  static Pom module(String directory) {
    return read(root().resolve(directory).resolve("pom.xml"));
  }

  static Pom read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return new Pom(file, factory.newDocumentBuilder().parse(in).getDocumentElement());
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  /** The trimmed text at a slash-separated path of child elements under {@code <project>}. */
  Optional<String> text(String path) {
    Element at = project;
    for (String name : path.split("/")) {
      at = child(at, name);
      if (at == null) {
        return Optional.empty();
      }
    }
    return Optional.of(at.getTextContent().strip().replaceAll("\\s+", " "));
  }

  /** The value of an attribute of the element at {@code path} ({@code ""} for the project element). */
  Optional<String> attribute(String path, String name) {
    Element at = project;
    if (!path.isEmpty()) {
      for (String part : path.split("/")) {
        at = child(at, part);
        if (at == null) {
          return Optional.empty();
        }
      }
    }
    return at.hasAttribute(name) ? Optional.of(at.getAttribute(name)) : Optional.empty();
  }

  String artifactId() {
    return text("artifactId").orElseThrow(() -> new AssertionError(file + " has no artifactId"));
  }

  /** Whether the module says it is not deployed (tests and benchmarks). */
  boolean deploySkipped() {
    return text("properties/maven.deploy.skip").map(Boolean::parseBoolean).orElse(false);
  }

  List<String> modules() {
    return childTexts("modules", "module");
  }

  List<Managed> managedDependencies() {
    List<Managed> managed = new ArrayList<>();
    Element dependencies = child(child(project, "dependencyManagement"), "dependencies");
    for (Element dependency : children(dependencies, "dependency")) {
      managed.add(new Managed(
          textOf(dependency, "groupId"),
          textOf(dependency, "artifactId"),
          textOf(dependency, "version"),
          textOf(dependency, "scope"),
          textOf(dependency, "type")));
    }
    return managed;
  }

  /** The texts of every {@code <leaf>} under the element at {@code path}. */
  List<String> childTexts(String path, String leaf) {
    Element at = project;
    for (String name : path.split("/")) {
      at = child(at, name);
    }
    List<String> texts = new ArrayList<>();
    for (Element e : children(at, leaf)) {
      texts.add(e.getTextContent().strip());
    }
    return texts;
  }

  private static String textOf(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }
}
