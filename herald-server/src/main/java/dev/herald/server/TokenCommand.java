package dev.herald.server;

import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald token --publish 'orders-*' --subscribe 'user-42' --ttl 1h}: prints one HS256 token signed with the
 * configured secret, on one line, and nothing else, for curl and for tests; {@code --admin} makes it an admin's (the
 * console's). Without a secret it fails with one line.
 */
@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = "Prints a token signed with --jwt-secret (HERALD_JWT_SECRET) that grants publishing and "
                + "subscribing on the channel patterns given (* matches any run of characters), and with --admin the console "
                + "and the admin routes.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--publish", paramLabel = "PATTERN", description = "A channel pattern the token may publish on; repeatable")
    private List<String> publish = new ArrayList<>();

    @Option(names = "--subscribe", paramLabel = "PATTERN", description = "A channel pattern the token may subscribe to; repeatable")
    private List<String> subscribe = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "SUB",
            description = "The token's subject (sub): who holds it, as presence lists its streams and an admin "
                    + "disconnects a subject's streams; none by default")
    private String subject;

    @Option(names = "--admin", description = "An admin's token: it opens the console (/console) wherever it asks for one")
    private boolean admin;


    @Option(names = "--jti", paramLabel = "ID", description = "The token's jti: an admin revokes a token by it")
    private String tokenId;

    @Option(names = "--ttl", defaultValue = "1h", converter = Units.DurationConverter.class,
            description = "How long the token is valid. Default: ${DEFAULT-VALUE}")
    private Duration ttl;

    @Mixin
    private TokenKeyOptions keys;

    @Override
    public Integer call() {
        TokenOptions options;
        try {
            OptionChecks.positive("ttl", ttl);
            options = new TokenOptions(keys.secret, null, keys.issuer, keys.audience);
        } catch (InvalidOptionException invalid) {
            return CommandLineErrors.report(spec.commandLine(), invalid);
        }
        if (publish.isEmpty() && subscribe.isEmpty() && !admin) {
            spec.commandLine().getErr().println("herald token: a token that grants nothing is of no use; give --publish "
                    + "and/or --subscribe, each a channel pattern such as 'orders-*', or --admin");
            spec.commandLine().getErr().flush();
            return spec.exitCodeOnInvalidInput();
        }
        if (options.secret() == null) {
            spec.commandLine().getErr().println("herald token: no secret to sign with; set HERALD_JWT_SECRET or --jwt-secret");
            spec.commandLine().getErr().flush();
            return spec.exitCodeOnInvalidInput();
        }
        spec.commandLine().getOut().println(new TokenMinter(options).mint(publish, subscribe, admin, ttl, Instant.now(),
                blankToNull(subject), blankToNull(tokenId)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
