package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.options.Option;
import dev.herald.testing.OptionTables;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The docs' table of the command line's options says what the declarations say, and names no other option. */
class OptionTablesTest {

    private static final String HEADER = "| flag | environment | default |";

    @Test
    void everyRowIsADeclaredOptionWithItsVariableAndDefault() {
        for (List<String> row : OptionTables.rows(HEADER)) {
            String flag = OptionTables.plain(row.get(0));
            assertThat(flag).as("a row's flag").startsWith("--");
            Option<?> option = DeclaredOptions.CATALOGUE.find(flag.substring(2)).orElseThrow(() ->
                    new AssertionError("the docs name " + flag + ", which no options record declares"));
            assertThat(OptionTables.plain(row.get(1))).as("the variable of " + flag).isEqualTo(option.env()
                    + option.deprecatedEnv().map(old -> " (or " + old + ", deprecated)").orElse(""));
            assertThat(readsAsTheDefault(option, OptionTables.plain(row.get(2))))
                    .as("the docs' default of %s, %s, is the declared %s", flag, row.get(2), declaredDefault(option))
                    .isTrue();
        }
    }

    @Test
    void everyCommandLineOptionHasARow() {
        Set<String> documented = new HashSet<>();
        OptionTables.rows(HEADER).forEach(row -> documented.add(OptionTables.plain(row.get(0))));
        for (Option<?> option : DeclaredOptions.CATALOGUE.options()) {
            if (!DeclaredOptionsTest.NOT_ON_THE_COMMAND_LINE.contains(option.key())) {
                assertThat(documented).as("the docs' option table").contains("--" + option.key());
            }
        }
    }

    /** A cell as the command line would read it: {@code 60s} is the declared {@code 1m}, {@code 256KiB} is 262144. */
    private static boolean readsAsTheDefault(Option<?> option, String cell) {
        if (!option.hasDefaultValue()) {
            return option.derivedDefault().map(phrase -> phrase.equals(cell.replace("--", ""))).orElse(cell.equals("none"));
        }
        Object value = option.defaultValue();
        if (value instanceof String text && text.isEmpty()) {
            return cell.equals("none");
        }
        if (value instanceof Duration) {
            return Units.duration(cell).equals(value);
        }
        if (Option.BYTES.equals(option.unit().orElse(null))) {
            return value.equals(Units.bytes(cell));
        }
        return cell.equals(option.defaultText());
    }

    private static String declaredDefault(Option<?> option) {
        return option.hasDefaultValue() ? option.defaultText() : option.derivedDefault().orElse("none");
    }
}
