package dev.herald.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of one folder of this package's resources ({@code page/}, {@code console/}), read once, each with its
 * content type and ETag, and the headers every one of them is sent with: an adapter answers {@code GET} with
 * {@link #HEADERS}, the file's {@code Content-Type} and {@code ETag}, and a 304 when {@code If-None-Match} names it.
 * <p>
 * The files keep their URLs from one release to the next, so they are sent {@code no-cache}: a browser asks again
 * whenever it shows the page, gets a 304 while a file is unchanged, and the new file right after an upgrade. Only the
 * files listed are served; anything else under the folder's URL is not found.
 */
public final class WebFiles {

    /** The file a path naming the folder itself ({@code ""} or ending in {@code /}) means. */
    public static final String INDEX = "index.html";
    /** The file of a folder that lists the files it serves: see {@link #listed}. */
    public static final String LIST = "FILES";

    /**
     * What a page may load and do: its own files only, no inline script or style, no eval, no plugins, no framing; it
     * talks to its own origin only.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The headers every file is sent with, besides its {@code Content-Type} and {@code ETag}. */
    public static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "png", "image/png",
            "json", "application/json");

    private final Map<String, WebFile> files;

    private WebFiles(String folder, List<String> names) {
        Map<String, WebFile> read = new LinkedHashMap<>();
        for (String name : names) {
            byte[] bytes = resource(folder + "/" + name);
            read.put(name, new WebFile(name, contentType(name), bytes, etagOf(bytes)));
        }
        this.files = Map.copyOf(read);
    }

    /**
     * The files of {@code folder} (a folder of this package's resources) named in {@code names}.
     *
     * @throws IllegalStateException when a file is missing or has an extension without a known content type
     */
    public static WebFiles of(String folder, List<String> names) {
        return new WebFiles(folder, names);
    }

    /**
     * The files of {@code folder} that its list names: {@code <folder>/FILES}, one file name a line (blank lines and
     * lines starting with {@code #} skipped). The list is kept beside the files, so a file added to a folder is served
     * once it is listed there, and nothing else under the folder ever is.
     *
     * @throws IllegalStateException when the list or a file it names is missing, or a name has no known content type
     */
    public static WebFiles listed(String folder) {
        String list = new String(resource(folder + "/" + LIST), StandardCharsets.UTF_8);
        return of(folder, list.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
    }

    /**
     * The file a request path below the folder's URL names, e.g. {@code "app.js"}; {@code ""} or {@code "/"} is the
     * index. A leading {@code /} is ignored.
     */
    public Optional<WebFile> find(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        return Optional.ofNullable(files.get(name.isEmpty() || name.endsWith("/") ? name + INDEX : name));
    }

    /** The names of the files served, e.g. {@code index.html}. */
    public List<String> names() {
        return files.keySet().stream().sorted().toList();
    }

    private static String contentType(String name) {
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            throw new IllegalStateException("no content type is known for " + name);
        }
        return type;
    }

    private static byte[] resource(String path) {
        try (InputStream in = WebFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dev/herald/web/" + path + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/herald/web/" + path, e);
        }
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
