package dev.b24emu.emulator.internal.placements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placement codes an application may bind, with the scope each is declared in (api-reference/widgets/placements.md):
 * CRM_XXX_... for LEAD, DEAL, CONTACT, COMPANY, INVOICE, QUOTE, ORDER, SMART_INVOICE, ACTIVITY and a custom type
 * DYNAMIC_&lt;id&gt;; TASK_*, SONET_GROUP_*, USER_PROFILE_*, IM_* and the universal ones. Messenger placements need the
 * im scope "not for registration but by the handler".
 */
public final class PlacementCatalog {
    /** maps a placement code to the scope it is declared in ("" for none), in placement.list's order */
    private static final Map<String, String> CODES = new LinkedHashMap<>();
    private static final List<String> CRM_TEMPLATES = List.of("LIST_TOOLBAR", "DETAIL_TOOLBAR", "ACTIVITY_TIMELINE_MENU",
            "DETAIL_TAB", "DETAIL_ACTIVITY", "LIST_MENU", "DOCUMENTGENERATOR_BUTTON", "ROBOT_DESIGNER_TOOLBAR");
    /** CRM_DYNAMIC_&lt;type id&gt;_&lt;template&gt;: a custom CRM type's placements */
    private static final java.util.regex.Pattern DYNAMIC = java.util.regex.Pattern.compile(
            "CRM_DYNAMIC_\\d+_(" + String.join("|", CRM_TEMPLATES) + ")");
    /** scopes a placement is declared in that registration does not need */
    private static final Set<String> NOT_FOR_REGISTRATION = Set.of("im");

    static {
        for (String template : CRM_TEMPLATES) {
            for (String entity : List.of("DEAL", "LEAD", "CONTACT", "COMPANY", "INVOICE", "QUOTE", "ORDER",
                    "SMART_INVOICE", "ACTIVITY")) {
                CODES.put("CRM_" + entity + "_" + template, "crm");
            }
        }
        for (String crm : List.of("CRM_ANALYTICS_MENU", "CRM_ANALYTICS_TOOLBAR", "CRM_BANK_DETAIL_AUTOCOMPLETE",
                "CRM_DETAIL_SEARCH", "CRM_FUNNELS_TOOLBAR", "CRM_REQUISITE_AUTOCOMPLETE")) {
            CODES.put(crm, "crm");
        }
        for (String code : List.of("CALL_CARD", "TELEPHONY_ANALYTICS_MENU")) {
            CODES.put(code, "telephony");
        }
        CODES.put("CALENDAR_GRIDVIEW", "calendar");
        CODES.put("CONTACT_CENTER", "contact_center");
        for (String im : List.of("IM_CONTEXT_MENU", "IM_NAVIGATION", "IM_SIDEBAR", "IM_TEXTAREA", "IMMOBILE_CONTEXT_MENU")) {
            CODES.put(im, "im");
        }
        for (String group : List.of("SONET_GROUP_DETAIL_TAB", "SONET_GROUP_ROBOT_DESIGNER_TOOLBAR", "SONET_GROUP_TOOLBAR")) {
            CODES.put(group, "sonet_group");
        }
        for (String task : List.of("TASK_GROUP_LIST_TOOLBAR", "TASK_LIST_CONTEXT_MENU", "TASK_ROBOT_DESIGNER_TOOLBAR",
                "TASK_USER_LIST_TOOLBAR", "TASK_VIEW_SIDEBAR", "TASK_VIEW_TAB", "TASK_VIEW_TOP_PANEL")) {
            CODES.put(task, "task");
        }
        CODES.put("USER_PROFILE_MENU", "user");
        CODES.put("USER_PROFILE_TOOLBAR", "user");
        for (String global : List.of("BI_ANALYTICS_MENU", "IM_SMILES_SELECTOR", "LEFT_MENU", "REST_APP_URI",
                "PAGE_BACKGROUND_WORKER")) {
            CODES.put(global, "");
        }
    }

    /** Placements registered in a single instance (a second bind gets ERROR_PLACEMENT_MAX_COUNT). */
    public static final Set<String> SINGLE = Set.of("REST_APP_URI", "PAGE_BACKGROUND_WORKER");
    /** Placements that accept USER_ID. */
    public static final Set<String> USER_MODE = Set.of("PAGE_BACKGROUND_WORKER");
    /** Placements that refuse a bind without OPTIONS[errorHandlerUrl] (EMPTY_ERROR_HANDLER_URL). */
    public static final Set<String> NEEDS_ERROR_HANDLER = Set.of("PAGE_BACKGROUND_WORKER");

    private PlacementCatalog() {
    }

    /** Whether an application with these scopes may bind the code (placement.bind; else ERROR_PLACEMENT_NOT_FOUND). */
    public static boolean available(String code, Set<String> scopes) {
        String scope = DYNAMIC.matcher(code).matches() ? "crm" : CODES.get(code);
        return scope != null && (scope.isEmpty() || scopes.contains(scope) || NOT_FOR_REGISTRATION.contains(scope));
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

    /** placement.list's default: the codes of the application's scopes and the global ones. */
    public static List<String> availableTo(Set<String> scopes) {
        List<String> codes = new ArrayList<>();
        CODES.forEach((code, scope) -> {
            if (scope.isEmpty() || scopes.contains(scope)) {
                codes.add(code);
            }
        });
        return codes;
    }
}
