package dev.b24emu.emulator.internal.placements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The placement codes an application may bind, with the scope each needs (api-reference/widgets/placements.md). */
public final class PlacementCatalog {
    /** maps a placement code to the scope an application needs for it ("" for none) */
    private static final Map<String, String> CODES = new LinkedHashMap<>();

    static {
        for (String code : List.of("CALL_CARD", "TELEPHONY_ANALYTICS_MENU")) {
            CODES.put(code, "telephony");
        }
        for (String entity : List.of("LEAD", "DEAL", "CONTACT", "COMPANY")) {
            CODES.put("CRM_" + entity + "_LIST_TOOLBAR", "crm");
            CODES.put("CRM_" + entity + "_DETAIL_TOOLBAR", "crm");
            CODES.put("CRM_" + entity + "_DETAIL_TAB", "crm");
            CODES.put("CRM_" + entity + "_ACTIVITY_TIMELINE_MENU", "crm");
        }
        CODES.put("CRM_ANALYTICS_MENU", "crm");
        CODES.put("LEFT_MENU", "");
        CODES.put("REST_APP_URI", "");
        CODES.put("PAGE_BACKGROUND_WORKER", "");
    }

    /** Placements registered in a single instance (a second bind gets ERROR_PLACEMENT_MAX_COUNT). */
    public static final Set<String> SINGLE = Set.of("REST_APP_URI", "PAGE_BACKGROUND_WORKER");
    /** Placements that accept USER_ID. */
    public static final Set<String> USER_MODE = Set.of("PAGE_BACKGROUND_WORKER");
    /** Placements that refuse a bind without OPTIONS[errorHandlerUrl] (EMPTY_ERROR_HANDLER_URL). */
    public static final Set<String> NEEDS_ERROR_HANDLER = Set.of("PAGE_BACKGROUND_WORKER");

    private PlacementCatalog() {
    }

    public static boolean available(String code, Set<String> scopes) {
        String scope = CODES.get(code);
        return scope != null && (scope.isEmpty() || scopes.contains(scope));
    }

    /**
     * Whether placement.bind keeps OPTIONS for the code: "Currently used in widgets for messengers, in the widget
     * PAGE_BACKGROUND_WORKER, and in the widget CRM_XXX_DETAIL_ACTIVITY" (placement-bind.md).
     */
    public static boolean keepsOptions(String code) {
        return code.equals("PAGE_BACKGROUND_WORKER") || code.startsWith("IM_")
                || (code.startsWith("CRM_") && code.endsWith("_DETAIL_ACTIVITY"));
    }

    /** The codes that need this scope (placement.list with SCOPE). */
    public static List<String> ofScope(String scope) {
        return CODES.entrySet().stream().filter(e -> e.getValue().equals(scope)).map(Map.Entry::getKey).toList();
    }

    /** Every known code (placement.list with FULL). */
    public static List<String> all() {
        return List.copyOf(CODES.keySet());
    }

    public static List<String> availableTo(Set<String> scopes) {
        List<String> codes = new ArrayList<>();
        CODES.keySet().stream().filter(code -> available(code, scopes)).forEach(codes::add);
        return codes;
    }
}
