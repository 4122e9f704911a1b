package dev.herald.options;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options declared by a set of classes: every {@code public static final} {@link Option} field of each, in the
 * order of the classes given and of the fields in each. A surface (the command line, the docs' tests) lists the
 * records whose options it offers, and picks their declarations up from here, so a declaration added to a record is
 * in every catalogue that lists the record.
 */
public final class OptionCatalogue {

    private final Map<String, Option<?>> byKey;

    private OptionCatalogue(Map<String, Option<?>> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** The options declared by {@code holders}; two declarations of one key are a mistake. */
    public static OptionCatalogue of(Class<?>... holders) {
        Map<String, Option<?>> byKey = new LinkedHashMap<>();
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() == Option.class && Modifier.isStatic(modifiers) && Modifier.isPublic(modifiers)
                        && Modifier.isFinal(modifiers)) {
                    Option<?> option;
                    try {
                        option = (Option<?>) field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                    Option<?> earlier = byKey.putIfAbsent(option.key(), option);
                    if (earlier != null && earlier != option) {
                        throw new IllegalStateException("option " + option.key() + " is declared twice; declare it once, "
                                + "next to the record that holds it, and refer to that declaration");
                    }
                }
            }
        }
        return new OptionCatalogue(byKey);
    }

    /** Every option, in declaration order. */
    public List<Option<?>> options() {
        return new ArrayList<>(byKey.values());
    }

    /** The option of {@code key}. */
    public Optional<Option<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
