package dev.b24emu.emulator.internal.users;

import dev.b24emu.emulator.support.AppHarness;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** profile, user.fields, user.update and user.add, and what they change for user.get and telephony. */
class UsersApiTest extends AppHarness {
    /** An application installed by a given user of the demo portal: its calls act as that user. */
    private String tokenOf(String clientId, List<String> scopes, int userId) {
        return given().contentType(ContentType.JSON).body(Map.of("clientId", clientId, "clientSecret", "s",
                        "scopes", scopes, "userId", userId))
                .post(base() + "/_emulator/portals/" + portal.id() + "/apps").then().statusCode(201)
                .extract().path("access_token");
    }

    @Test
    void profileIsTheCallersBasicDataWithoutAnyScope() {
        call("profile", Map.of()).then().statusCode(200).body("result.ID", equalTo("1")).body("result.ADMIN", equalTo(true))
                .body("result.NAME", equalTo("Anna")).body("result.LAST_NAME", equalTo("Admin"))
                .body("result.PERSONAL_GENDER", equalTo("")).body("result.TIME_ZONE", equalTo(""))
                .body("result", not(hasKey("PERSONAL_PHOTO")));
        String ivan = tokenOf("local.telephony", List.of("telephony"), 2);
        oauth(ivan, "profile", Map.of()).then().statusCode(200).body("result.ID", equalTo("2"))
                .body("result.ADMIN", equalTo(false));
        call("user.update", Map.of("ID", 2, "PERSONAL_GENDER", "M")).then().statusCode(200);
        oauth(ivan, "profile", Map.of()).then().body("result.PERSONAL_GENDER", equalTo("M"));
        // a dismissed user's token is refused before any method runs (D100); where the portal lets it through, the
        // profile is empty: the server's empty PHP array (D53)
        call("user.update", Map.of("ID", 2, "ACTIVE", "N")).then().statusCode(200);
        oauth(ivan, "profile", Map.of()).then().statusCode(401).body("error", equalTo("authorization_error"));
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("refuseInactiveUsers", false))
                .patch(base() + "/_emulator/portals/" + portal.id() + "/settings").then().statusCode(200);
        oauth(ivan, "profile", Map.of()).then().statusCode(200).body("result", equalTo(List.of()));
    }

    @Test
    void userFieldsAreLabelledAndNarrowedByTheCallersUserScope() {
        call("user.fields", Map.of()).then().statusCode(200).body("result.ID", equalTo("ID"))
                .body("result.UF_PHONE_INNER", equalTo("Extension")).body("result.EMAIL", equalTo("E-Mail"))
                .body("result.size()", equalTo(62));
        String basic = tokenOf("local.basic", List.of("user_basic"), 1);
        oauth(basic, "user.fields", Map.of()).then().statusCode(200).body("result", hasKey("EMAIL"))
                .body("result", not(hasKey("LAST_LOGIN"))).body("result", not(hasKey("UF_FACEBOOK")));
        String brief = tokenOf("local.brief", List.of("user_brief"), 1);
        oauth(brief, "user.fields", Map.of()).then().statusCode(200).body("result", hasKey("UF_PHONE_INNER"))
                .body("result", not(hasKey("EMAIL"))).body("result", not(hasKey("WORK_PHONE")));
        // user.get and user.current show a user_brief caller no contact details either
        oauth(brief, "user.get", Map.of("ID", 3)).then().statusCode(200).body("result[0].NAME", equalTo("Maria"))
                .body("result[0].UF_PHONE_INNER", equalTo("102")).body("result[0]", not(hasKey("WORK_PHONE")))
                .body("result[0]", not(hasKey("EMAIL")));
        oauth(basic, "user.current", Map.of()).then().body("result.EMAIL", equalTo("admin@demo.bitrix24.local"));
        oauth(brief, "user.update", Map.of("ID", 1, "NAME", "x")).then().statusCode(401).body("error", equalTo("insufficient_scope"));
        // user.current is in the user scopes, as the real server registers it (user.php), not a global method
        String crmOnly = install("local.crmonly", List.of("crm"), null).getString("access_token");
        oauth(crmOnly, "user.current", Map.of()).then().statusCode(401).body("error", equalTo("insufficient_scope"));
        oauth(brief, "user.current", Map.of()).then().statusCode(200);
    }

    /** user.get's filter, order and search as the real User::userGet reads them (user-get.md, user.php). */
    @Test
    void userGetFiltersWithOperatorsOrdersAndSearchesByName() {
        java.util.function.Function<Map<String, ?>, List<String>> ids = params -> call("user.get", params).then()
                .statusCode(200).header("X-B24-Emulator-Warning", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath().getList("result.ID", String.class);
        assertEquals(List.of("1", "2", "3", "4"), ids.apply(Map.of("FILTER", Map.of("UF_DEPARTMENT", 1))));
        assertEquals(List.of("4", "3", "2", "1"), ids.apply(Map.of("SORT", "ID", "ORDER", "desc")));
        assertEquals(List.of("1", "3"), ids.apply(Map.of("FILTER", Map.of("@ID", List.of(1, 3)))));
        assertEquals(List.of("2", "3", "4"), ids.apply(Map.of("FILTER", Map.of("!ID", 1))));
        assertEquals(List.of("3"), ids.apply(Map.of("FILTER", Map.of("%LAST_NAME", "sal"))));
        assertEquals(List.of("2"), ids.apply(Map.of("FILTER", Map.of("NAME_SEARCH", "iva oper"))));
        assertEquals(List.of("3", "4"), ids.apply(Map.of("FILTER", Map.of(">=UF_PHONE_INNER", 102))));
        assertEquals(List.of("1", "2", "3"), ids.apply(Map.of("ACTIVE", true)));
        assertEquals(List.of("2"), ids.apply(Map.of("UF_PHONE_INNER", "101"))); // the request's own keys, no FILTER
        assertEquals(List.of(), ids.apply(Map.of("FILTER", Map.of("IS_ONLINE", "Y"))));
        // a key naming no user field is ignored, as the real filter drops it
        assertEquals(List.of("1", "2", "3", "4"), ids.apply(Map.of("FILTER", Map.of("SHOE_SIZE", 42))));
    }

    @Test
    void anUpdateIsVisibleAtOnceToEveryReader() {
        call("user.update", Map.of("ID", 3, "NAME", "Mariya", "WORK_POSITION", "Head of sales", "UF_USR_SKILLS", "calls",
                "UF_PHONE_INNER", "555", "UNKNOWN_FIELD", "ignored")).then().statusCode(200).body("result", equalTo(true));
        call("user.get", Map.of("ID", 3)).then().body("result[0].NAME", equalTo("Mariya"))
                .body("result[0].WORK_POSITION", equalTo("Head of sales")).body("result[0].UF_USR_SKILLS", equalTo("calls"))
                .body("result[0].UF_PHONE_INNER", equalTo("555")).body("result[0]", not(hasKey("UNKNOWN_FIELD")));
        call("user.get", Map.of("FILTER", Map.of("UF_PHONE_INNER", "555"))).then().body("total", equalTo(1));
        String maria = tokenOf("local.maria", List.of("telephony", "user"), 3);
        oauth(maria, "user.current", Map.of()).then().body("result.NAME", equalTo("Mariya"));
        oauth(maria, "profile", Map.of()).then().body("result.NAME", equalTo("Mariya"));
    }

    /** SDK suites set UF_PHONE_INNER before they register calls by USER_PHONE_INNER. */
    @Test
    void registerFindsAUserByAnInnerNumberJustSetAndRefusesADismissedOne() {
        call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "777", "PHONE_NUMBER", "+79995557701", "TYPE", 2))
                .then().statusCode(400).body("error_description", equalTo("USER_ID or USER_PHONE_INNER should be set"));
        call("user.update", Map.of("ID", 3, "UF_PHONE_INNER", "777")).then().statusCode(200);
        String callId = call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "777",
                "PHONE_NUMBER", "+79995557701", "TYPE", 2)).then().statusCode(200).extract().path("result.CALL_ID");
        call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_PHONE_INNER", "777", "DURATION", 5))
                .then().statusCode(200).body("result.PORTAL_USER_ID", equalTo(3));
        // her old number is nobody's now
        call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "102", "PHONE_NUMBER", "+79995557702", "TYPE", 2))
                .then().statusCode(400);
        call("user.update", Map.of("ID", 3, "ACTIVE", "N")).then().statusCode(200);
        call("user.get", Map.of("ID", 3)).then().body("result[0].ACTIVE", equalTo(false));
        call("telephony.externalcall.register", Map.of("USER_ID", 3, "PHONE_NUMBER", "+79995557703", "TYPE", 2))
                .then().statusCode(400).body("error", equalTo("ERROR_CORE"))
                .body("error_description", equalTo("User is not found or is not active"));
        call("user.update", Map.of("ID", 3, "ACTIVE", "Y")).then().statusCode(200);
        call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "777", "PHONE_NUMBER", "+79995557703", "TYPE", 2))
                .then().statusCode(200);
    }

    @Test
    void whoMayUpdateWhom() {
        String ivan = tokenOf("local.ivan", List.of("user"), 2);
        // a user on their own profile: allowed, but ACTIVE and UF_DEPARTMENT are dropped as the server drops them
        oauth(ivan, "user.update", Map.of("ID", 2, "LAST_NAME", "Dispatcher", "ACTIVE", "N", "UF_DEPARTMENT", List.of(7)))
                .then().statusCode(200).body("result", equalTo(true));
        call("user.get", Map.of("ID", 2)).then().body("result[0].LAST_NAME", equalTo("Dispatcher"))
                .body("result[0].ACTIVE", equalTo(true)).body("result[0].UF_DEPARTMENT", equalTo(List.of(1)));
        oauth(ivan, "user.update", Map.of("ID", 3, "NAME", "x")).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("access_denied"));
        call("user.update", Map.of("NAME", "x")).then().statusCode(400).body("error_description", equalTo("access_denied"));
        call("user.update", Map.of("ID", 999, "NAME", "x")).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description", equalTo(""));
        // the docs' rule: administrators only
        patchSettings("{\"userUpdateAdminOnly\":true}");
        oauth(ivan, "user.update", Map.of("ID", 2, "LAST_NAME", "Again")).then().statusCode(400)
                .body("error_description", equalTo("access_denied"));
        call("user.update", Map.of("ID", 2, "UF_DEPARTMENT", 7)).then().statusCode(200);
        call("user.get", Map.of("ID", 2)).then().body("result[0].UF_DEPARTMENT", equalTo(List.of(7)));
    }

    @Test
    void addInvitesAUserVisibleAtOnce() {
        int id = call("user.add", Map.of("EMAIL", " newuser1@example.com ", "NAME", "New", "UF_DEPARTMENT", List.of(1),
                "UF_PHONE_INNER", "150")).then().statusCode(200).extract().path("result");
        assertEquals(5, id);
        call("user.get", Map.of("ID", id)).then().body("result[0].EMAIL", equalTo("newuser1@example.com"))
                .body("result[0].ACTIVE", equalTo(true)).body("result[0].USER_TYPE", equalTo("employee"))
                .body("result[0].LAST_NAME", equalTo(""));
        call("telephony.externalcall.register", Map.of("USER_PHONE_INNER", "150", "PHONE_NUMBER", "+79995557704", "TYPE", 2))
                .then().statusCode(200);
        call("user.add", Map.of("EMAIL", "NewUser1@example.com", "UF_DEPARTMENT", List.of(1))).then().statusCode(400)
                .body("error", equalTo("ERROR_ARGUMENT")).body("error_description", equalTo("A user with this email already exists"))
                .body("argument", equalTo(""));
        int extranet = call("user.add", Map.of("EMAIL", "guest@example.com", "EXTRANET", "Y", "SONET_GROUP_ID", List.of(3)))
                .then().statusCode(200).extract().path("result");
        call("user.get", Map.of("ID", extranet)).then().body("result[0].USER_TYPE", equalTo("extranet"))
                .body("result[0].UF_DEPARTMENT", equalTo(List.of()));
    }

    @Test
    void addErrorsInTheServersOrder() {
        call("user.add", Map.of("NAME", "x")).then().statusCode(400).body("error", equalTo("ERROR_ARGUMENT"))
                .body("error_description", equalTo("wrong_email")).body("argument", equalTo(""));
        call("user.add", Map.of("EMAIL", "not-an-address", "UF_DEPARTMENT", List.of(1))).then().statusCode(400)
                .body("error_description", equalTo("wrong_email"));
        call("user.add", Map.of("EMAIL", "a@b.example", "WORK_PHONE", 74950000000L)).then().statusCode(400)
                .body("error_description", equalTo("invalid_type_field")).body("argument", equalTo("WORK_PHONE"));
        call("user.add", Map.of("EMAIL", "a@b.example", "EXTRANET", "Y")).then().statusCode(400)
                .body("error_description", equalTo("no_sonet_group_for_extranet"));
        call("user.add", Map.of("EMAIL", "a@b.example")).then().statusCode(400)
                .body("error_description", equalTo("no_extranet_field")).body("argument", equalTo(""));
        String ivan = tokenOf("local.ivan", List.of("user"), 2);
        oauth(ivan, "user.add", Map.of("EMAIL", "c@b.example", "UF_DEPARTMENT", List.of(1))).then().statusCode(400)
                .body("error", equalTo("ERROR_CORE")).body("error_description", equalTo("access_denied"));
        call("user.get", Map.of()).then().body("total", equalTo(4));
    }

    /** user.admin, user.access and access.name (the global methods of User, CAccess's codes and names; D129). */
    @Test
    void adminAccessCodesAndTheirNames() {
        String ivan = tokenOf("local.ivan", List.of("telephony"), 2);
        call("user.admin", Map.of()).then().statusCode(200).body("result", equalTo(true));
        oauth(ivan, "user.admin", Map.of()).then().statusCode(200).body("result", equalTo(false));
        // an administrator holds every code; another user the ones of its own (U2, G2, AU, its department D1/DR1)
        call("user.access", Map.of("ACCESS", List.of("U7"))).then().body("result", equalTo(true));
        oauth(ivan, "user.access", Map.of("ACCESS", List.of("U7", "G1"))).then().statusCode(200).body("result", equalTo(false));
        oauth(ivan, "user.access", Map.of("ACCESS", List.of("U7", "U2"))).then().body("result", equalTo(true));
        oauth(ivan, "user.access", Map.of("ACCESS", List.of("AU"))).then().body("result", equalTo(true));
        oauth(ivan, "user.access", Map.of("ACCESS", List.of("DR1"))).then().body("result", equalTo(true));
        oauth(ivan, "user.access", Map.of("ACCESS", "U2")).then().body("result", equalTo(true)); // one code, wrapped
        oauth(ivan, "user.access", Map.of()).then().statusCode(200).body("result", equalTo(false));
        call("access.name", Map.of("ACCESS", List.of("G2", "AU"))).then().statusCode(200)
                .body("result.G2.name", equalTo("All visitors")).body("result.G2.provider", equalTo(""))
                .body("result.G2.provider_id", equalTo("other")).body("result.AU.name", equalTo("All authorized users"));
        call("access.name", Map.of("ACCESS", List.of("U3", "G1", "U99", "X1"))).then().statusCode(200)
                .body("result.U3.name", equalTo("Maria Sales")).body("result.U3.provider_id", equalTo("user"))
                .body("result.G1.provider_id", equalTo("group")).body("result", not(hasKey("U99")))
                .body("result", not(hasKey("X1")));
        call("access.name", Map.of("ACCESS", List.of("U99", "U99999999999999999999999"))).then().statusCode(200)
                .body("result", equalTo(List.of()));
        call("access.name", Map.of()).then().statusCode(200).body("result", equalTo(false));
        call("access.name", Map.of("ACCESS", "G2")).then().statusCode(200).body("result", equalTo(false));
    }

    /**
     * The fields getUserData writes whether the user has them: the converted dates ("" when empty) and IS_ONLINE, so
     * a client reading user-current.md's example keys finds each one (D157); a user_brief caller still sees its set.
     */
    @Test
    void userCurrentAndGetAlwaysAnswerTheDatesAndIsOnline() {
        call("user.current", Map.of()).then().statusCode(200)
                .body("result.LAST_LOGIN", equalTo("2026-11-30T08:55:12+00:00"))
                .body("result.DATE_REGISTER", equalTo("2026-01-12T00:00:00+00:00")).body("result.IS_ONLINE", equalTo("N"))
                .body("result.PERSONAL_BIRTHDAY", equalTo("")).body("result.UF_EMPLOYMENT_DATE", equalTo(""));
        call("user.update", Map.of("ID", 2, "PERSONAL_BIRTHDAY", "1990-04-01T00:00:00+00:00")).then().statusCode(200);
        call("user.get", Map.of("ID", 2)).then().body("result[0].PERSONAL_BIRTHDAY", equalTo("1990-04-01T00:00:00+00:00"))
                .body("result[0].IS_ONLINE", equalTo("N")).body("result[0].LAST_LOGIN", equalTo("2026-11-30T09:02:40+00:00"));
        // what user.get fills in is not stored: an update reads the user back from that answer
        call("user.update", Map.of("ID", 3, "WORK_POSITION", "Closer")).then().statusCode(200);
        given().get(base() + "/_emulator/portals/" + portal.id() + "/state").then().statusCode(200)
                .body("users.users.find { it.id == 3 }.profile", not(hasKey("PERSONAL_BIRTHDAY")))
                .body("users.users.find { it.id == 3 }.profile", not(hasKey("UF_EMPLOYMENT_DATE")))
                .body("users.users.find { it.id == 3 }.profile.WORK_POSITION", equalTo("Closer"));
        // an invited user: registered today, as ConvertDate writes a day (its midnight moved on by the zone's offset),
        // and never logged in
        patchSettings("{\"timeZone\": \"Europe/Moscow\"}");
        String invited = call("user.add", Map.of("EMAIL", "new@example.com", "UF_DEPARTMENT", 1)).then().statusCode(200)
                .extract().path("result").toString();
        String today = portal.now().atZone(java.time.ZoneId.of("Europe/Moscow")).toLocalDate().toString();
        call("user.get", Map.of("ID", invited)).then().body("result[0].LAST_LOGIN", equalTo(""))
                .body("result[0].DATE_REGISTER", equalTo(today + "T03:00:00+03:00"));
        // a birthday is read as unConvertDate reads it and written back as ConvertDate writes a day
        for (String given : List.of("1990-04-01", "01.04.1990", "1990-04-01T12:00:00+00:00")) {
            call("user.update", Map.of("ID", 2, "PERSONAL_BIRTHDAY", given)).then().statusCode(200);
            // Moscow kept summer time in 1990 (+04:00): midnight moved on by today's +03:00, as date("Z") is today's
            call("user.get", Map.of("ID", 2)).then().body("result[0].PERSONAL_BIRTHDAY", equalTo("1990-04-01T03:00:00+04:00"));
        }
        call("user.update", Map.of("ID", 2, "PERSONAL_BIRTHDAY", "someday")).then().statusCode(200);
        call("user.get", Map.of("ID", 2)).then().body("result[0].PERSONAL_BIRTHDAY", equalTo(""));
        String brief = install("local.brief", List.of("user_brief"), null).getString("access_token");
        oauth(brief, "user.get", Map.of("ID", 2)).then().statusCode(200).body("result[0].IS_ONLINE", equalTo("N"))
                .body("result[0]", not(hasKey("LAST_LOGIN")));
    }

    /**
     * IS_ONLINE as CUser computes it (D157): "Y" while LAST_ACTIVITY_DATE is less than getSecondsForLimitOnline (1440
     * seconds, PHP's default session lifetime) ago; a login is activity. The IS_ONLINE filter, which CallMe uses to
     * hide a card from everyone else, finds exactly those users.
     */
    @Test
    void aUserWhoLoggedInIsOnlineForTwentyFourMinutes() {
        java.util.function.Supplier<List<String>> online = () -> call("user.get", Map.of("FILTER", Map.of("IS_ONLINE", "Y")))
                .then().statusCode(200).extract().jsonPath().getList("result.ID", String.class);
        assertEquals(List.of(), online.get());
        portal.clock().freeze(); // the 1440 seconds are exact only where no real time passes between the requests
        given().post(base() + "/_emulator/portals/" + portal.id() + "/users/3/login").then().statusCode(200)
                .body("IS_ONLINE", equalTo("Y"));
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(portal.now().atZone(java.time.ZoneOffset.UTC));
        call("user.get", Map.of("ID", 3)).then().body("result[0].IS_ONLINE", equalTo("Y"))
                .body("result[0].LAST_ACTIVITY_DATE", equalTo(at));
        assertEquals(List.of("3"), online.get());
        call("user.get", Map.of("FILTER", Map.of("IS_ONLINE", "N"))).then()
                .body("result.ID", org.hamcrest.Matchers.hasItem("2")).body("result.ID", not(org.hamcrest.Matchers.hasItem("3")));
        // what user.update writes back from user.get's answer keeps the activity, not a stored IS_ONLINE
        call("user.update", Map.of("ID", 3, "WORK_POSITION", "Closer")).then().statusCode(200);
        portal.clock().advance(java.time.Duration.ofSeconds(1439));
        assertEquals(List.of("3"), online.get());
        portal.clock().advance(java.time.Duration.ofSeconds(1));
        assertEquals(List.of(), online.get());
        call("user.get", Map.of("ID", 3)).then().body("result[0].IS_ONLINE", equalTo("N"))
                .body("result[0].LAST_ACTIVITY_DATE", equalTo(at));
        // a deactivated user cannot log in: nothing of their dates changes
        call("user.update", Map.of("ID", 2, "ACTIVE", "N")).then().statusCode(200);
        given().post(base() + "/_emulator/portals/" + portal.id() + "/users/2/login").then().statusCode(400);
        assertEquals(List.of(), online.get());
        // activity a seed gives in another form strtotime reads counts the same
        given().contentType("application/json").body("{\"ID\": 9, \"NAME\": \"Seeded\", \"LAST_ACTIVITY_DATE\": \""
                        + portal.now().minusSeconds(60) + "\"}")
                .post(base() + "/_emulator/portals/" + portal.id() + "/users").then().statusCode(201).body("IS_ONLINE", equalTo("Y"));
    }

    /** user.search (user-search.md): user.get with FIND and the word search of names and position; SELECT narrows. */
    @Test
    void userSearchFindsByTheWordsUsersFieldsBegin() {
        call("user.update", Map.of("ID", 3, "WORK_POSITION", "Head of sales")).then().statusCode(200);
        java.util.function.Function<Map<String, ?>, List<String>> ids = params -> call("user.search", params).then()
                .statusCode(200).extract().jsonPath().getList("result.ID", String.class);
        assertEquals(List.of("3"), ids.apply(Map.of("FILTER", Map.of("FIND", "sal"))));
        assertEquals(List.of("2"), ids.apply(Map.of("NAME", "iv")));
        assertEquals(List.of("3"), ids.apply(Map.of("FILTER", Map.of("WORK_POSITION", "head sal"))));
        // the search's words split where the fields' do (an SDK's test searches "B24PySDK-Developer 5")
        assertEquals(List.of("3"), ids.apply(Map.of("FILTER", Map.of("FIND", "Head-sal"))));
        assertEquals(List.of(), ids.apply(Map.of("LAST_NAME", "ales")), "a word begins with it, not contains it");
        assertEquals(List.of("3"), ids.apply(Map.of("%LAST_NAME", "ales")), "an operator filters as user.get does");
        assertEquals(List.of("1", "2", "3", "4"), ids.apply(Map.of("UF_DEPARTMENT", 1, "SORT", "ID", "ORDER", "asc")));
        // every demo user is in Demo company, none in Sales Department
        assertEquals(List.of(), ids.apply(Map.of("UF_DEPARTMENT_NAME", "Sales")));
        assertEquals(List.of("1", "2", "3", "4"), ids.apply(Map.of("UF_DEPARTMENT_NAME", "dem")));
        // user.get reads NAME exactly, and not FIND at all
        // (nothing matching: userGet answers [] without a total, as it counts first)
        call("user.get", Map.of("NAME", "iv")).then().body("result.size()", equalTo(0)).body("$", not(hasKey("total")));
        call("user.get", Map.of("FIND", "sal")).then().body("total", equalTo(4));
        call("user.get", Map.of("ID", 2, "select", List.of("ID", "NAME"))).then().statusCode(200)
                .body("result[0].NAME", equalTo("Ivan")).body("result[0].size()", equalTo(2));
        call("user.search", Map.of("FIND", "ivan", "select", List.of("UF_*"))).then().statusCode(200)
                .body("result[0].UF_PHONE_INNER", equalTo("101")).body("result[0]", not(hasKey("ID")));
    }
}
