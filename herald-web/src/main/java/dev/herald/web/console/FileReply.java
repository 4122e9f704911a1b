package dev.herald.web.console;

import dev.herald.serve.Refused;
import dev.herald.web.WebFile;
import dev.herald.web.WebFiles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to {@code GET} of one of the console's files: 200 with the file, 304 when {@code If-None-Match} names its
 * ETag, 404 (a JSON error) when it is not one of them. An adapter sends {@link #headers} and, on a 200, the file's bytes.
 *
 * @param status  200, 304 or 404
 * @param headers {@link WebFiles#HEADERS}, {@code Content-Type} and {@code ETag} (200 and 304); the JSON type on a 404
 * @param body    the file's bytes on a 200, the JSON error on a 404, null on a 304
 */
public record FileReply(int status, Map<String, String> headers, byte[] body) {

    public FileReply {
        headers = Map.copyOf(headers);
    }

    static FileReply of(WebFile file, String ifNoneMatch) {
        Map<String, String> headers = new LinkedHashMap<>(WebFiles.HEADERS);
        headers.put("Content-Type", file.contentType());
        headers.put("ETag", file.etag());
        boolean same = ifNoneMatch != null && (ifNoneMatch.equals(file.etag()) || ifNoneMatch.contains(file.etag()));
        return same ? new FileReply(304, headers, null) : new FileReply(200, headers, file.bytes());
    }

    static FileReply notFound(String path) {
        ConsoleReply error = ConsoleReply.error(404, "Nothing at " + path);
        return new FileReply(404, Map.of("Content-Type", Refused.JSON_CONTENT_TYPE), error.json());
    }
}
