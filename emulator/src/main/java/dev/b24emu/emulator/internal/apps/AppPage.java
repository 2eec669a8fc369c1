package dev.b24emu.emulator.internal.apps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.portal.RandomHex;
import dev.b24emu.emulator.internal.transport.Endpoints;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the portal POSTs when it opens an application's page in its frame — the installation wizard, the main page or
 * a widget (settings/oauth/simple-way.md, the app.layout form): the query carries DOMAIN, PROTOCOL, LANG and a fresh
 * APP_SID; the form carries the tokens, member_id, status and the placement with its options.
 *
 * @param url  the page's address with the query
 * @param form the form fields, every value a string
 */
public record AppPage(String url, ObjectNode form) {

    /** @param optionsJson PLACEMENT_OPTIONS as JSON text ("{}" for DEFAULT: some SDKs cannot read the field missing) */
    public static AppPage open(Portal portal, App app, String pageUrl, String placement, String optionsJson,
                               OAuthServer.Tokens tokens, Endpoints endpoints) {
        Endpoints announced = portal.endpoints(endpoints); // its Bitrix24 domain, if it has one
        String query = "DOMAIN=" + encode(announced.domain()) + "&PROTOCOL=" + (announced.https() ? 1 : 0)
                + "&LANG=" + AppInfo.LANGUAGE + "&APP_SID=" + RandomHex.of(16);
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        form.put("AUTH_ID", tokens.accessToken());
        form.put("AUTH_EXPIRES", Long.toString(tokens.expiresIn()));
        form.put("REFRESH_ID", tokens.refreshToken());
        form.put("SERVER_ENDPOINT", announced.serverEndpoint());
        form.put("APPLICATION_TOKEN", app.applicationToken());
        form.put("APPLICATION_SCOPE", app.scopeList());
        form.put("member_id", portal.memberId());
        form.put("status", app.status());
        form.put("PLACEMENT", placement);
        form.put("PLACEMENT_OPTIONS", optionsJson);
        return new AppPage(pageUrl + (pageUrl.contains("?") ? "&" : "?") + query, form);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
