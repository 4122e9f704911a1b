package dev.herald.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Every Herald library jar this sample runs on, as the build made it, names its module in its manifest
 * ({@code Automatic-Module-Name}): the name its module's POM declares in {@code herald.module.name}.
 */
class ModuleNamesIT {

    @Test
    void everyHeraldJarOnTheClassPathNamesItsModule() throws IOException {
        Map<String, String> declared = new TreeMap<>();
        ProjectPoms.libraries().forEach((artifactId, pom) ->
                declared.put(artifactId, ProjectPoms.text(pom, "properties/herald.module.name")));
        String suffix = "-" + ProjectPoms.projectVersion() + ".jar";

        Map<String, String> named = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = new File(entry).getName();
            if (file.startsWith("herald-") && file.endsWith(suffix)) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    assertThat(manifest).as(file).isNotNull();
                    named.put(file.substring(0, file.length() - suffix.length()),
                            manifest.getMainAttributes().getValue("Automatic-Module-Name"));
                }
            }
        }
        assertThat(named).as("the jars of the starter's dependencies")
                .containsKeys("herald-sse", "herald-core", "herald-auth", "herald-redis-shaded", "herald-micrometer",
                        "herald-spring-boot-starter", "herald-testkit");
        named.forEach((artifactId, moduleName) -> assertThat(moduleName).as(artifactId).isEqualTo(declared.get(artifactId)));
    }
}
