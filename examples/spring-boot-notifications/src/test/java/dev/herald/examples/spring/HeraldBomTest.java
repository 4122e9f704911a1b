package dev.herald.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * herald-bom, which this sample imports, lists every library module of the root POM at the project's version and
 * nothing else, and has no parent, so that importing it brings no third-party version into an application.
 */
class HeraldBomTest {

    private final Document bom = ProjectPoms.read(ProjectPoms.ROOT.resolve("herald-bom/pom.xml"));

    @Test
    void theBomListsEveryLibraryModuleAtTheProjectVersion() {
        Map<String, String> listed = new LinkedHashMap<>();
        Element management = ProjectPoms.child(bom.getDocumentElement(), "dependencyManagement");
        for (Element dependency : ProjectPoms.children(ProjectPoms.child(management, "dependencies"), "dependency")) {
            assertThat(ProjectPoms.child(dependency, "groupId").getTextContent()).isEqualTo("dev.herald");
            listed.put(ProjectPoms.child(dependency, "artifactId").getTextContent(),
                    ProjectPoms.child(dependency, "version").getTextContent());
        }
        assertThat(listed.keySet()).as("a new library module is added to herald-bom/pom.xml")
                .containsExactlyInAnyOrderElementsOf(ProjectPoms.libraries().keySet());
        assertThat(listed.values()).containsOnly("${project.version}");
    }

    @Test
    void theBomIsAtTheProjectVersionAndHasNoParent() {
        assertThat(ProjectPoms.text(bom, "version")).isEqualTo(ProjectPoms.projectVersion());
        assertThat(ProjectPoms.child(bom.getDocumentElement(), "parent")).as("the parent's pins would reach applications").isNull();
        assertThat(ProjectPoms.text(bom, "packaging")).isEqualTo("pom");
    }
}
