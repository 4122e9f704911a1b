package dev.herald.examples.spring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The repository's POMs as the build's own tests read them: the root POM's modules, which of them are published
 * libraries, and a POM's elements. Applications (the server, the bench, the examples) and the BOM itself are not
 * libraries; every other module is, and is listed by herald-bom.
 */
final class ProjectPoms {

    static final Path ROOT = Path.of("..", "..");
    private static final Set<String> APPLICATIONS = Set.of("herald-server", "herald-bench", "herald-bom");

    private ProjectPoms() {
    }

    static Document read(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    /** The text of the first element under the root named by this path ("version", "properties/x"), or null. */
    static String text(Document pom, String path) {
        Element element = pom.getDocumentElement();
        for (String name : path.split("/")) {
            element = child(element, name);
            if (element == null) {
                return null;
            }
        }
        return element.getTextContent().strip();
    }

    static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /** The root POM's version, which every module shares. */
    static String projectVersion() {
        return text(read(ROOT.resolve("pom.xml")), "version");
    }

    /** Each library module's artifact id and its POM, in the root POM's order. */
    static Map<String, Document> libraries() {
        Map<String, Document> libraries = new LinkedHashMap<>();
        Element modules = child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "modules");
        for (Element module : children(modules, "module")) {
            String folder = module.getTextContent().strip();
            if (folder.startsWith("examples/") || APPLICATIONS.contains(folder)) {
                continue;
            }
            Document pom = read(ROOT.resolve(folder).resolve("pom.xml"));
            libraries.put(text(pom, "artifactId"), pom);
        }
        return libraries;
    }
}
