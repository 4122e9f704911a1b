package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.TokenOptions;
import dev.herald.hub.HubOptions;
import dev.herald.options.Option;
import dev.herald.testing.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The container recipe and the Kubernetes manifests name what the code serves and declares. These machines cannot
 * build images or run a cluster, so this is what is tested of them: the manifests parse; the ports, probe paths and
 * health check are the default port and routes a real server answers; preStop and the drain fit the grace period;
 * the memory limit holds the heap {@code bin/herald} sizes; the ingress neither buffers nor times out a stream
 * between heartbeats; every variable set is one Herald reads.
 */
class DeploymentManifestsIT {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern HEALTHCHECK = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+).*GET (/\\S*) HTTP");
    /** Issue 18's drain window, until a drain-time option declares it. */
    private static final Duration DRAIN_TIME = DeclaredOptions.CATALOGUE.find("drain-time")
            .map(option -> (Duration) option.defaultValue()).orElse(Duration.ofSeconds(10));

    private static HeraldServer server;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        server = HeraldServer.start(HeraldConfig.defaults().withPort(0)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Map<String, Object> manifest(String file, String kind) throws IOException {
        for (Object document : new Yaml().loadAll(Files.readString(DEPLOY.resolve("kubernetes").resolve(file)))) {
            Map<String, Object> resource = map(document);
            if (kind.equals(resource.get("kind"))) {
                return resource;
            }
        }
        throw new AssertionError(file + " holds no " + kind);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object node, Object... path) {
        Object here = node;
        for (Object step : path) {
            here = step instanceof Integer index ? ((List<Object>) here).get(index) : map(here).get(step);
            assertThat(here).as("%s in the manifest", List.of(path)).isNotNull();
        }
        return here;
    }

    private static Map<String, Object> container() throws IOException {
        return map(at(manifest("deployment.yaml", "Deployment"), "spec", "template", "spec", "containers", 0));
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Object variable : (List<?>) at(container, "env")) {
            Object value = map(variable).get("value");
            env.put((String) at(variable, "name"), value == null ? null : value.toString());
        }
        return env;
    }

    /** The Dockerfile's instructions, continuation lines joined, comments left out. */
    private static List<String> dockerfile() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DEPLOY.resolve("docker/Dockerfile"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            current.append(line.strip());
            if (line.endsWith("\\")) {
                current.setLength(current.length() - 1);
            } else {
                instructions.add(current.toString());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static Stream<String> instructions(String keyword) throws IOException {
        return dockerfile().stream().filter(line -> line.startsWith(keyword + " ")).map(line -> line.substring(keyword.length() + 1));
    }

    @Test
    void theContainerPortIsTheDefaultPortTheImageExposesAndTheServiceTargets() throws IOException {
        int port = HeraldConfig.PORT.defaultValue();
        Map<String, Object> http = map(at(container(), "ports", 0));

        assertThat(http).containsEntry("name", "http").containsEntry("containerPort", port);
        assertThat(env(container())).containsEntry("HERALD_PORT", Integer.toString(port))
                .containsEntry("HERALD_HOST", "0.0.0.0");
        assertThat(instructions("EXPOSE")).containsExactly(Integer.toString(port));
        assertThat(at(manifest("service.yaml", "Service"), "spec", "ports", 0, "targetPort")).isEqualTo("http");
    }

    @Test
    void theProbesAndTheHealthCheckAskRoutesTheServerAnswers() throws IOException {
        Map<String, Object> container = container();
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/ready");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health");
        assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
        assertThat(at(container, "livenessProbe", "httpGet", "port")).isEqualTo("http");
        String healthCheck = instructions("HEALTHCHECK").findFirst().orElseThrow();
        Matcher check = HEALTHCHECK.matcher(healthCheck);
        assertThat(check.find()).as(healthCheck).isTrue();
        assertThat(Integer.parseInt(check.group(1))).isEqualTo(HeraldConfig.PORT.defaultValue());

        for (String path : List.of("/ready", "/health", check.group(2))) {
            assertThat(TestHttp.request("GET", base.resolve(path)).statusCode()).as("GET " + path).isEqualTo(200);
        }
    }

    @Test
    void preStopAndTheDrainFitTheGracePeriod() throws IOException {
        Map<String, Object> deployment = manifest("deployment.yaml", "Deployment");
        int grace = (Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
        List<?> preStop = (List<?>) at(container(), "lifecycle", "preStop", "exec", "command");
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long sleep = Long.parseLong((String) preStop.get(1));

        assertThat(sleep).as("preStop lets the endpoint leave the Service first").isPositive();
        // and 5 s for the JVM to stop once the streams are closed
        assertThat(Duration.ofSeconds(sleep).plus(DRAIN_TIME).plusSeconds(5)).isLessThanOrEqualTo(Duration.ofSeconds(grace));
        assertThat(instructions("STOPSIGNAL")).containsExactly("SIGTERM");
    }

    @Test
    void theMemoryLimitHoldsTheHeapBinHeraldSizes(@TempDir Path cgroup) throws Exception {
        Map<String, Object> container = container();
        String limit = (String) at(container, "resources", "limits", "memory");
        assertThat(at(container, "resources", "requests", "memory")).as("a request as large as the limit").isEqualTo(limit);
        assertThat(limit).matches("\\d+Mi");
        long bytes = Long.parseLong(limit.replace("Mi", "")) * 1024 * 1024;
        Files.writeString(cgroup.resolve("memory.max"), bytes + "\n");

        ProcessBuilder builder = new ProcessBuilder(Path.of("..", "bin", "herald").toString(), "--version");
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        builder.environment().put("HERALD_JAR", Path.of("target", "herald.jar").toAbsolutePath().toString());
        builder.environment().put("HERALD_CGROUP_ROOT", cgroup.toString());
        builder.environment().put("HERALD_MAX_CONNECTIONS", env(container).get("HERALD_MAX_CONNECTIONS"));
        Process launcher = builder.redirectErrorStream(true).start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(launcher.exitValue()).as(output).isZero();
        assertThat(output).contains(System.getProperty("herald.version"));
    }

    @Test
    void theImageIsBuiltFromThisVersionsArchiveAndTheDeploymentRunsIt() throws IOException {
        String version = System.getProperty("herald.version");

        assertThat(instructions("ARG")).contains("HERALD_VERSION=" + version);
        assertThat(instructions("ADD")).containsExactly("herald-server/target/herald-${HERALD_VERSION}.tar.gz /opt/");
        assertThat(instructions("USER")).containsExactly("herald");
        assertThat(instructions("ENTRYPOINT")).containsExactly("[\"/opt/herald/bin/herald\"]");
        assertThat(at(container(), "image")).isEqualTo("herald:" + version);
    }

    @Test
    void theTokenKeyComesFromASecretUnderTheVariableHeraldReads() throws IOException {
        Option<String> secret = TokenOptions.JWT_SECRET;
        Object variable = ((List<?>) at(container(), "env")).stream()
                .filter(entry -> secret.env().equals(map(entry).get("name"))).findFirst().orElseThrow();

        assertThat(at(variable, "valueFrom", "secretKeyRef", "name")).isEqualTo("herald");
        assertThat(map(variable)).doesNotContainKey("value");
    }

    @Test
    void everyVariableSetIsOneHeraldOrItsLauncherReads() throws IOException {
        List<String> names = new ArrayList<>(env(container()).keySet());
        instructions("ENV").forEach(line -> Stream.of(line.split("\\s+"))
                .forEach(pair -> names.add(pair.substring(0, pair.indexOf('=')))));

        for (String name : names) {
            boolean declared = DeclaredOptions.CATALOGUE.options().stream().anyMatch(o -> o.env().equals(name));
            assertThat(declared || name.equals("HERALD_MAX_CONNECTIONS")).as(name + " is read by Herald").isTrue();
        }
    }

    @Test
    void theIngressNeitherBuffersNorCutsAStreamBetweenHeartbeats() throws IOException {
        Map<String, Object> ingress = manifest("ingress.yaml", "Ingress");
        Map<String, Object> annotations = map(at(ingress, "metadata", "annotations"));
        String prefix = "nginx.ingress.kubernetes.io/";
        long heartbeat = HubOptions.HEARTBEAT.defaultValue().toSeconds();

        assertThat(annotations).containsEntry(prefix + "proxy-buffering", "off")
                .containsEntry(prefix + "proxy-http-version", "1.1");
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            assertThat(Long.parseLong((String) annotations.get(prefix + timeout))).as(timeout).isGreaterThan(heartbeat * 2);
        }
        Object backend = at(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service");
        assertThat(at(backend, "name")).isEqualTo(at(manifest("service.yaml", "Service"), "metadata", "name"));
        assertThat(at(backend, "port", "name")).isEqualTo("http");
    }
}
