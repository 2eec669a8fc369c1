package dev.b24emu.emulator.internal.transport;

import java.util.Locale;

/**
 * Field names between the database's capitals and the controllers' camelCase, as the main module's
 * Engine\Response\Converter turns them (the universal CRM methods, the tasks controller): ASSIGNED_BY_ID is
 * assignedById and back, an underscore between two digits kept.
 */
public final class NameCase {
    private NameCase() {
    }

    /** ASSIGNED_BY_ID assignedById; VALUE1_2 value1_2. */
    public static String camel(String upperSnake) {
        StringBuilder camel = new StringBuilder();
        String[] parts = upperSnake.toLowerCase(Locale.ROOT).split("_", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i > 0 && !part.isEmpty() && !camel.isEmpty() && Character.isDigit(camel.charAt(camel.length() - 1))
                    && Character.isDigit(part.charAt(0))) {
                camel.append('_').append(part); // 1_2 stays 1_2
            } else if (i > 0 && !part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            } else {
                camel.append(part);
            }
        }
        return camel.toString();
    }

    /** assignedById ASSIGNED_BY_ID: an underscore before each capital not already after one. */
    public static String upperSnake(String camel) {
        StringBuilder upper = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && camel.charAt(i - 1) != '_') {
                upper.append('_');
            }
            upper.append(Character.toUpperCase(c));
        }
        return upper.toString();
    }
}
