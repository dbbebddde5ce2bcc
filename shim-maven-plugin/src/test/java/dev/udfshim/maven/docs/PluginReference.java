package dev.udfshim.maven.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * docs/plugin-reference.md, rendered from the plugin descriptor that maven-plugin-plugin writes
 * from the mojos' javadoc and annotations: the same text {@code mvn shim:help -Ddetail} prints.
 */
final class PluginReference {
  private PluginReference() {}

  static String render(Path descriptor) throws IOException {
    Document document;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      document = factory.newDocumentBuilder().parse(descriptor.toFile());
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("Cannot read the plugin descriptor " + descriptor, e);
    }
    Element plugin = document.getDocumentElement();
    String prefix = text(plugin, "goalPrefix");
    StringBuilder out = new StringBuilder();
    out.append("# shim-maven-plugin reference\n\n")
        .append(
            "<!-- Generated from the plugin descriptor (the text of `mvn shim:help -Ddetail`) by\n")
        .append(
            "     PluginReferenceTest, which fails when this file is out of date. Do not edit:\n")
        .append("     change the mojo's javadoc, then run\n")
        .append("     mvn -pl shim-maven-plugin -am test -Dtest=PluginReferenceTest")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dshim.docs.update=true -->\n\n")
        .append(text(plugin, "description"))
        .append("\n\n| goal | phase | what it does |\n|---|---|---|\n");
    Map<String, Element> mojos = new TreeMap<>();
    for (Element mojo : children(child(plugin, "mojos"), "mojo")) {
      mojos.put(text(mojo, "goal"), mojo);
    }
    mojos.forEach(
        (goal, mojo) ->
            out.append("| [`")
                .append(prefix)
                .append(':')
                .append(goal)
                .append("`](#")
                .append(prefix)
                .append(goal)
                .append(") | ")
                .append(phase(mojo))
                .append(" | ")
                .append(cell(firstSentence(text(mojo, "description"))))
                .append(" |\n"));
    mojos.forEach((goal, mojo) -> goal(out, prefix, goal, mojo));
    return out.toString();
  }

  private static void goal(StringBuilder out, String prefix, String goal, Element mojo) {
    out.append("\n## ").append(prefix).append(':').append(goal).append("\n\n");
    out.append(prose(text(mojo, "description"))).append("\n\n");
    List<String> facts = new ArrayList<>();
    facts.add("phase: " + phase(mojo));
    if (!text(mojo, "requiresProject").equals("true")) {
      facts.add("runs without a project");
    }
    facts.add("thread-safe: " + text(mojo, "threadSafe"));
    out.append(String.join("; ", facts)).append(".\n\n");
    Map<String, Element> configuration = new TreeMap<>();
    Element config = child(mojo, "configuration");
    if (config != null) {
      for (Element e : children(config, null)) {
        configuration.put(e.getTagName(), e);
      }
    }
    List<String> rows = new ArrayList<>();
    for (Element parameter : children(child(mojo, "parameters"), "parameter")) {
      if (!text(parameter, "editable").equals("true")) {
        continue; // Maven's own objects (the project, the session)
      }
      String name = text(parameter, "name");
      Element value = configuration.get(name);
      String property = value == null ? "" : value.getTextContent().strip();
      String defaultValue = value == null ? "" : value.getAttribute("default-value");
      rows.add(
          "| `"
              + name
              + "` | "
              + simpleType(text(parameter, "type"))
              + " | "
              + (property.startsWith("${")
                  ? "`" + property.substring(2, property.length() - 1) + "`"
                  : "")
              + " | "
              + (defaultValue.isEmpty() ? "" : "`" + defaultValue + "`")
              + (text(parameter, "required").equals("true") ? " (required)" : "")
              + " | "
              + cell(text(parameter, "description"))
              + " |");
    }
    if (rows.isEmpty()) {
      out.append("No parameters.\n");
      return;
    }
    out.append("| parameter | type | -D property | default | meaning |\n|---|---|---|---|---|\n");
    rows.forEach(row -> out.append(row).append('\n'));
  }

  private static String phase(Element mojo) {
    String phase = text(mojo, "phase");
    String forks = text(mojo, "executePhase");
    if (!phase.isEmpty()) {
      return phase;
    }
    return forks.isEmpty() ? "none" : "none (runs `" + forks + "` first)";
  }

  private static String simpleType(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  private static String cell(String text) {
    return prose(text).replace("|", "\\|");
  }

  /** Descriptor text as Markdown prose: {@code <class name>} must not read as an HTML tag. */
  private static String prose(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent().strip().replaceAll("\\s+", " ");
  }

  private static Element child(Element parent, String name) {
    List<Element> list = children(parent, name);
    return list.isEmpty() ? null : list.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> list = new ArrayList<>();
    if (parent == null) {
      return list;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element e && (name == null || e.getTagName().equals(name))) {
        list.add(e);
      }
    }
    return list;
  }
}
