@emulator-only
Feature: Placements, the call card and call lists, statement by statement
  What api-reference/widgets/ and api-reference/crm/call-list/ say, and the decisions where the emulator keeps a
  convenience (features/RULES.md lists each statement with its page).

  Background:
    Given an application "local.widget" with scopes "telephony, crm, user, placement"

  @D207
  Scenario: A widget is handed a token pair of its own, and renewing it leaves the application's pair good
    Given application "local.widget" binds the CALL_CARD widget to the handler server
    When I call "telephony.externalcall.register" as application "local.widget" with:
      | USER_ID      | 1            |
      | PHONE_NUMBER | +79995552099 |
      | TYPE         | 2            |
    Then the CALL_CARD widget of application "local.widget" opens
    And the delivered "AUTH_EXPIRES" is "3600"
    And the delivered tokens are not those application "local.widget" holds
    When the receiver renews with the refresh token delivered to application "local.widget"
    Then the token endpoint answers 200 ""
    When application "local.widget" renews its token
    Then the token endpoint answers 200 ""

  @P88 @P91 @T11 @D91 @D45 @P236 @P237 @P242 @P243
  Scenario: A call with no CRM object opens the widget with CRM_ENTITY_ID "0" and no CRM_BINDINGS
    Given application "local.widget" binds the CALL_CARD widget to the handler server
    When I call "telephony.externalLine.add" as application "local.widget" with:
      | NUMBER | 74950002001 |
    And I call "telephony.externalcall.register" as application "local.widget" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552001 |
      | TYPE         | 4            |
      | LINE_NUMBER  | 74950002001  |
    Then the CALL_CARD widget of application "local.widget" opens
    And the delivered "PLACEMENT_OPTIONS.CRM_ENTITY_TYPE" is ""
    And the delivered "PLACEMENT_OPTIONS.CRM_ENTITY_ID" is "0"
    And the delivery has no "PLACEMENT_OPTIONS.CRM_BINDINGS"
    And the delivery has no "PLACEMENT_OPTIONS.URI"
    And the delivered "PLACEMENT_OPTIONS.CALL_DIRECTION" is "callback"
    And the delivered "PLACEMENT_OPTIONS.CALL_STATE" is "connecting"
    And the delivered "PLACEMENT_OPTIONS.PHONE_NUMBER" is "+79995552001"
    And the delivered "PLACEMENT_OPTIONS.LINE_NUMBER" is "74950002001"
    And the delivered "PLACEMENT_OPTIONS.LINE_NAME" is "74950002001"
    And the delivered "PROTOCOL" is "0"
    And the delivered "status" is "L"
    And the delivered "AUTH_EXPIRES" is "3600"
    And the delivered "APPLICATION_SCOPE" is "crm,placement,telephony,user"
    And the delivered "APPLICATION_TOKEN" is "{local.widget.application_token}"
    And the delivered "SERVER_ENDPOINT" matches "^https?://.+/rest/$"
    And every delivery conforms to the contract

  @P103 @D90 @P238
  Scenario: A bound call opens the widget with its primary object and every binding, all strings; the tab is named after the application
    Given application "local.widget" binds the CALL_CARD widget to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 1            |
    Then the CALL_CARD widget of application "local.widget" opens
    And the delivered "PLACEMENT_OPTIONS.CRM_ENTITY_TYPE" is "CONTACT"
    And the delivered "PLACEMENT_OPTIONS.CRM_ENTITY_ID" is "1"
    And the delivered "PLACEMENT_OPTIONS.CRM_BINDINGS.0.ENTITY_TYPE" is "CONTACT"
    And the delivered "PLACEMENT_OPTIONS.CRM_BINDINGS.0.ENTITY_ID" is "1"
    And the delivered "PLACEMENT_OPTIONS.CALL_DIRECTION" is "outgoing"
    And the delivered "PLACEMENT_OPTIONS.URI" is "/crm/contact/details/1/"
    And I remember the delivered "PLACEMENT_OPTIONS.CALL_ID" as "call"
    And the widget tab in the card of "call" for user 2 is titled "local.widget"

  @P133 @P139 @P141 @P142 @P148 @D87 @D91
  Scenario: getStatus of an unbound card: CRM_ENTITY_ID 0, no CRM_ACTIVITY_ID, an empty LINE_NAME
    When I call "telephony.externalLine.add" as application "local.widget" with:
      | NUMBER | 74950002002 |
    And I call "telephony.externalcall.register" as application "local.widget" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552002 |
      | TYPE         | 2            |
      | LINE_NUMBER  | 74950002002  |
    Then I remember the result "CALL_ID" as "call"
    When the widget in the card of "call" for user 2 calls "getStatus"
    Then the result "CRM_ENTITY_TYPE" is ""
    And the result "CRM_ENTITY_ID" is the number 0
    And the result has no "CRM_ACTIVITY_ID"
    And the result "LINE_NAME" is ""
    And the result "LINE_NUMBER" is "74950002002"
    And the result "PHONE_NUMBER" is "+79995552002"
    And the result "CALL_LIST_MODE" is "false"
    And the result "CALL_DIRECTION" is "incoming"

  @D87
  Scenario: With cardActivityEmpty getStatus sends CRM_ACTIVITY_ID "" before the call has an activity
    Given the portal setting "cardActivityEmpty" is "true"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552003 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When the widget in the card of "call" for user 2 calls "getStatus"
    Then the result "CRM_ACTIVITY_ID" is ""

  @P121 @P124 @P132 @P135 @P147 @P150 @P152
  Scenario: After finish with auto-close disabled getStatus shows the idle call with its activity
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When the widget in the card of "call" for user 2 calls "disableAutoClose"
    Then the result is "[]"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID     | {call} |
      | USER_ID     | 2      |
      | STATUS_CODE | 486    |
    And the widget in the card of "call" for user 2 calls "getStatus"
    Then the result "CALL_STATE" is "idle"
    And the result "CRM_ACTIVITY_ID" is an integer
    And the result "CRM_ENTITY_ID" is the number 1
    And the result "CRM_BINDINGS.0.ENTITY_ID" is the number 1
    And the card of "call" for user 2 emitted "CallCard::CallStateChanged" for "state idle"
    When the widget in the card of "call" for user 2 calls "enableAutoClose"
    Then the result is "[]"
    And the card of "call" for user 2 is "closed"
    When the widget in the card of "call" for user 2 calls "getStatus"
    Then the result is "[{\"result\":\"error\",\"errorCode\":\"Call card is undefined\"}]"

  @P254
  Scenario: enableAutoClose during the call only lifts the block: the card closes as usual when the call ends
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552010 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When the widget in the card of "call" for user 2 calls "disableAutoClose"
    And the widget in the card of "call" for user 2 calls "enableAutoClose"
    Then the result is "[]"
    And the card of "call" for user 2 is "open"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 30     |
    Then the card of "call" for user 2 is "closed"
    And the card of "call" for user 2 emitted "CallCard::BeforeClose" for "call ended"

  @P161 @P164 @P165 @P166 @P168 @D44
  Scenario: CallStateChanged carries failedCode only on an unsuccessful end, and never twice for one state
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552004 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When user 2 does "state" in the card of "call" with "{\"state\":\"connected\"}"
    And user 2 does "state" in the card of "call" with "{\"state\":\"connected\"}"
    And I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 30     |
    Then the card of "call" for user 2 emitted "CallCard::CallStateChanged" for "state connected, state idle"
    And the card event "CallCard::CallStateChanged" 2 of "call" for user 2 has the arguments "[\"idle\",{}]"
    And the card event "CallCard::CallStateChanged" 1 of "call" for user 2 has the arguments "[\"connected\",{}]"
    And the card of "call" for user 2 emitted "CallCard::BeforeClose" for "call ended"

  @D187
  Scenario: A widget's handler is handed an event's first argument alone, as the portal's page forwards it
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552006 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When user 2 does "state" in the card of "call" with "{\"state\":\"connected\"}"
    And I call "telephony.externalcall.finish" with:
      | CALL_ID     | {call} |
      | USER_ID     | 2      |
      | STATUS_CODE | 486    |
    Then the card event "CallCard::CallStateChanged" 2 of "call" for user 2 has the arguments "[\"idle\",{\"failedCode\":\"486\"}]"
    And the card event "CallCard::CallStateChanged" 2 of "call" for user 2 hands a widget's handler "[\"idle\"]"
    And the card event "CallCard::BeforeClose" 1 of "call" for user 2 hands a widget's handler "[[]]"
    When the portal setting "cardEventFirstArgument" is "false"
    Then the card event "CallCard::CallStateChanged" 2 of "call" for user 2 hands a widget's handler "[\"idle\",{\"failedCode\":\"486\"}]"
    And the card event "CallCard::BeforeClose" 1 of "call" for user 2 hands a widget's handler "[]"

  @P163 @P167
  Scenario: A call that ends with a SIP failure code sends it as failedCode
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552005 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID     | {call} |
      | USER_ID     | 2      |
      | STATUS_CODE | 486    |
    Then the card event "CallCard::CallStateChanged" 1 of "call" for user 2 has the arguments "[\"idle\",{\"failedCode\":\"486\"}]"

  @P174
  Scenario: Refreshing an unbound card sends EntityChanged with CRM_ENTITY_ID 0
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995552006 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When user 2 does "refresh" in the card of "call"
    Then the card event "CallCard::EntityChanged" 1 of "call" for user 2 has the arguments "[{\"PHONE_NUMBER\":\"+79995552006\",\"CRM_ENTITY_TYPE\":\"\",\"CRM_ENTITY_ID\":0}]"

  @P13 @P27 @P29 @P31 @P32 @P34 @P35 @P36 @P37 @P45 @P51 @P96 @P101 @P108 @P235
  Scenario: placement.get is for administrators; CALL_CARD keeps no OPTIONS; LANG_ALL comes back with every text
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "CALL_CARD", "HANDLER": "http://127.0.0.1:9/w", "TITLE": "Customer profile",
       "OPTIONS": {"foo": "bar"}, "LANG_ALL": {"de": {"TITLE": "Kundenprofil"}}}
      """
    Then the result is "true"
    When I call "placement.get" as application "local.widget"
    Then the result "0.placement" is "CALL_CARD"
    And the result "0.options" is "[]"
    And the result "0.userId" is the number 0
    And the result "0.title" is "Customer profile"
    And the result "0.langAll.de.TITLE" is "Kundenprofil"
    And the result "0.langAll.de.DESCRIPTION" is ""
    And the result "0.langAll.de.GROUP_NAME" is ""
    Given an application "local.user2" with scopes "placement" installed by user 2
    When I call "placement.get" as application "local.user2"
    Then the call fails with 403 "ACCESS_DENIED" "Access denied!"
    When I call "placement.unbind" as application "local.user2" with:
      | PLACEMENT | CALL_CARD |
    Then the call fails with 403 "ACCESS_DENIED" "Access denied!"
    When I call "placement.list" as application "local.user2"
    Then the call succeeds
    When I call "placement.get" with:
      | x | 1 |
    Then the call fails with 403 "WRONG_AUTH_TYPE"

  @P38 @P39 @P41 @P42 @P43 @P56 @P229 @P230 @P231 @P232 @P233 @P234 @P247
  Scenario: placement.list honours SCOPE, then FULL, else the application's scopes and the global placements
    When I call "placement.list" as application "local.widget" with:
      | SCOPE | crm |
    Then the result has 78 items
    And the response has no "next"
    And the response has no "total"
    And the result "0" is "CRM_DEAL_LIST_TOOLBAR"
    And the result "1" is "CRM_LEAD_LIST_TOOLBAR"
    Given an application "local.only" with scopes "placement"
    When I call "placement.list" as application "local.only"
    Then the result items "" are "BI_ANALYTICS_MENU, IM_SMILES_SELECTOR, LEFT_MENU, REST_APP_URI, PAGE_BACKGROUND_WORKER"
    When I call "placement.list" as application "local.only" with:
      | FULL | 1 |
    Then the result has 104 items
    When I call "placement.bind" as application "local.only" with:
      | PLACEMENT | IM_CONTEXT_MENU      |
      | HANDLER   | http://127.0.0.1:9/im |
    Then the result is "true"
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | CRM_DYNAMIC_183_DETAIL_TAB |
      | HANDLER   | http://127.0.0.1:9/dyn     |
    Then the result is "true"
    When I call "placement.bind" as application "local.only" with:
      | PLACEMENT | TASK_VIEW_TAB          |
      | HANDLER   | http://127.0.0.1:9/task |
    Then the call fails with 400 "ERROR_PLACEMENT_NOT_FOUND"
    When I call "placement.list" with:
      | SCOPE | crm |
    Then the call fails with 403 "WRONG_AUTH_TYPE" "Current authorization type is denied for this method Application context required"

  @P10 @P11 @P12 @P19 @P33 @P48 @P49 @P50 @P54 @P109
  Scenario: placement.unbind counts each handler found and each removed: two handlers give 4
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | CRM_LEAD_DETAIL_TAB   |
      | HANDLER   | http://127.0.0.1:9/t1 |
      | TITLE     | One                   |
    And I call "placement.bind" as application "local.widget" with:
      | PLACEMENT   | CRM_LEAD_DETAIL_TAB   |
      | HANDLER     | http://127.0.0.1:9/t2 |
      | DESCRIPTION | Two                   |
      | GROUP_NAME  | Tabs                  |
    Then the result is "true"
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | CRM_LEAD_DETAIL_TAB |
    Then the result "count" is the number 4
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | CRM_LEAD_DETAIL_TAB |
    Then the result "count" is the number 0
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | PAGE_BACKGROUND_WORKER |
      | HANDLER   | http://127.0.0.1:9/bg  |
      | USER_ID   | 2                      |
    Then the call fails with 400 "EMPTY_ERROR_HANDLER_URL"
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/bg", "USER_ID": 2,
       "OPTIONS": {"errorHandlerUrl": "http://127.0.0.1:9/err"}}
      """
    Then the result is "true"
    When I call "placement.get" as application "local.widget"
    Then the result "0.userId" is the number 2
    And the result "0.options.errorHandlerUrl" is "http://127.0.0.1:9/err"
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | PAGE_BACKGROUND_WORKER |
      | USER_ID   | 3                      |
    Then the result "count" is the number 0

  @D188
  Scenario: placement.unbind reads PLACEMENT as the server does and matches HANDLER as written
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | CRM_LEAD_DETAIL_TAB   |
      | HANDLER   | http://127.0.0.1:9/t1 |
    When I call "placement.unbind" as application "local.widget" with JSON:
      """
      {"HANDLER": "http://127.0.0.1:9/t1"}
      """
    Then the call fails with 400 "ERROR_ARGUMENT" "The value of an argument 'PLACEMENT' must be of type string"
    When I call "placement.unbind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": 5}
      """
    Then the call fails with 400 "ERROR_ARGUMENT" "The value of an argument 'PLACEMENT' must be of type string"
    When I call "placement.unbind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": ""}
      """
    Then the call fails with 400 "ERROR_ARGUMENT" "Argument 'PLACEMENT' is null or empty"
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | NO_SUCH_PLACEMENT |
    Then the result "count" is the number 0
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | crm_lead_detail_tab |
      | HANDLER   | *                   |
    Then the result "count" is the number 0
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | crm_lead_detail_tab   |
      | HANDLER   | http://127.0.0.1:9/t1 |
    Then the result "count" is the number 2

  @D191 @emulator-only
  Scenario: A background worker is one for everyone or one per user, and each page of its users loads it
    # a personal handler counts the one for everyone (so it cannot come after it), one for everyone only its kind
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/all",
       "OPTIONS": {"errorHandlerUrl": "http://127.0.0.1:9/err"}}
      """
    Then the result is "true"
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/mine", "USER_ID": 2}
      """
    Then the call fails with 400 "ERROR_PLACEMENT_MAX_COUNT" "Placement max count: 1"
    When I call "placement.unbind" as application "local.widget" with:
      | PLACEMENT | PAGE_BACKGROUND_WORKER |
    And I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/mine", "USER_ID": 2}
      """
    Then the call fails with 400 "EMPTY_ERROR_HANDLER_URL" "Field errorHandlerUrl is empty."
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/mine", "USER_ID": 2,
       "OPTIONS": {"errorHandlerUrl": "http://127.0.0.1:9/err"}}
      """
    Then the result is "true"
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/yours", "USER_ID": 3,
       "OPTIONS": {"errorHandlerUrl": "http://127.0.0.1:9/err"}}
      """
    Then the result is "true"
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "http://127.0.0.1:9/all",
       "OPTIONS": {"errorHandlerUrl": "http://127.0.0.1:9/err"}}
      """
    Then the result is "true"
    And a portal page "/crm/deal/details/1/" of user 2 loads 2 background workers
    And a portal page "/" of user 3 loads 2 background workers
    And a portal page "/stream/" of user 1 loads 1 background worker

  @D193 @emulator-only
  Scenario: A background worker that loads slowly more than ten times a day is removed, and its error handler told
    Given application "local.widget" binds a background worker with its error handler at the handler server
    When pages report 10 slow loads of the background worker of application "local.widget"
    Then the response "count" is the number 10
    And a portal page "/" of user 1 loads 1 background worker
    When pages report 1 slow load of the background worker of application "local.widget"
    Then the response "count" is the number 11
    And the background worker's error handler of application "local.widget" is told "ERROR_PLACEMENT_LOADING_OVERTIME"
    And a portal page "/" of user 1 loads 0 background workers

  @P244 @P245
  Scenario: placement.unbind is an application's, and placements need the placement scope
    When I call "placement.unbind" with:
      | PLACEMENT | CALL_CARD |
    Then the call fails with 403 "WRONG_AUTH_TYPE"
    Given an application "local.noplace" with scopes "telephony, crm"
    When I call "placement.bind" as application "local.noplace" with:
      | PLACEMENT | CALL_CARD            |
      | HANDLER   | http://127.0.0.1:9/w |
    Then the call fails with 401 "insufficient_scope"

  @P113 @P115 @P123 @P134 @P160 @P162 @P170 @T12 @D41 @T109
  Scenario: With restCardEvents off placement.bindEvent is what the current pages say: no such REST method
    Given the portal setting "restCardEvents" is "false"
    When I call "placement.bindEvent" as application "local.widget" with:
      | PLACEMENT | CallCard::EntityChanged |
      | HANDLER   | http://127.0.0.1:9/cc   |
    Then the call fails with 404 "ERROR_METHOD_NOT_FOUND" "Method not found!"
    When I call "placement.call" as application "local.widget" with:
      | x | 1 |
    Then the call fails with 404 "ERROR_METHOD_NOT_FOUND"
    When I call "getStatus" as application "local.widget"
    Then the call fails with 404 "ERROR_METHOD_NOT_FOUND"

  @T9 @T10 @E59 @P176 @P178 @P179 @P180 @P181 @P182 @P183 @P184 @P185 @P186 @P187 @P188 @P189 @P190 @P191 @P192 @P193 @P194 @P195 @P196 @P197 @P199 @P200 @P201 @P202 @P203 @P204 @P205 @P206 @P207 @P208 @P209 @P210 @P211 @P212 @P213 @P214 @P215 @D92 @D93 @P246 @P255 @P256 @D152
  Scenario: crm.calllist.add, get, list and items.get answer the documented fields and errors
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [1, 2], "WEBFORM_ID": 5}
      """
    Then the result "" is an integer
    And I remember the result "" as "list"
    When I call "crm.calllist.get" with:
      | ID | {list} |
    Then the result "ID" is "{list}"
    And the result "ENTITY_TYPE_ID" is "3"
    And the result "ENTITY_TYPE" is "CONTACT"
    And the result "WEBFORM_ID" is "5"
    And the result "CREATED_BY_ID" is a string
    And the result "DATE_CREATE" matches "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}"
    When I call "crm.calllist.get" with:
      | ID | 99 |
    Then the call fails with 400 "LIST_ID_ERROR" "Incorrect list id"
    When I call "crm.calllist.get" with:
      | x | 1 |
    Then the call fails with 400 "ERROR_ARGUMENT" "ID is not found"
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": "1"}
      """
    Then the call fails with 400 "ENTITIES_ERROR" "Entities is not array"
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "LEAD", "ENTITIES": [1]}
      """
    Then the call fails with 400 "ENTITY_TYPE_ERROR" "Incorrect entity type"
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [999]}
      """
    Then the call fails with 400 "ENTITY_ERROR" "Incorrect entities id"
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITIES": [1]}
      """
    Then the call fails with 400 "ERROR_ARGUMENT" "ENTITY_TYPE is not found"
    When I call "crm.calllist.list" with JSON:
      """
      {"FILTER": {"ENTITY_TYPE_ID": 3}, "ORDER": {"ID": "DESC"}}
      """
    Then the result "0.ID" is "{list}"
    And the result has no "0.ENTITY_TYPE"
    And the response has no "next"
    And the response has no "total"
    When I call "crm.calllist.list" with JSON:
      """
      {"SELECT": ["ID", "CREATED_BY_ID"]}
      """
    Then "result.0" has exactly the keys "ID, CREATED_BY_ID"
    When I call "crm.calllist.list" with JSON:
      """
      {"start": -1}
      """
    Then the call succeeds
    And the response has no warning
    When I call "crm.calllist.list" with JSON:
      """
      {"SELECT": ["TITLE"]}
      """
    Then the call fails with 400 "100" "Unknown field definition `TITLE` (TITLE) for \Bitrix\Crm\CallList\Internals\CallList Entity."
    When I call "crm.calllist.items.get" with JSON:
      """
      {"LIST_ID": {list}, "FILTER": {"STATUS": "IN_WORK"}}
      """
    Then the result items "ID" are "1, 2"
    And the result "0.ENTITY_TYPE" is the number 3
    And the result "0.STATUS" is "IN_WORK"
    When I call "crm.calllist.items.get" with JSON:
      """
      {"LIST_ID": {list}, "FILTER": {"STATUS": "NOPE"}}
      """
    Then the call fails with 400 "STATUS_ERROR" "Incorrect status"
    When I call "crm.calllist.items.get" with JSON:
      """
      {"LIST_ID": {list}, "FILTER": {"STATUS": "SUCCESS"}}
      """
    Then the call fails with 403 "ACCESS_ERROR" "You do not have access to the participants of this call list"
    When I call "crm.calllist.items.get" with JSON:
      """
      {"LIST_ID": {list}, "start": 1}
      """
    Then the result items "ID" are "2"
    And the response has no warning
    And the response has no "next"
    And the response has no "total"
    When I call "crm.calllist.items.get" with JSON:
      """
      {"LIST_ID": {list}, "start": 2}
      """
    Then the call fails with 403 "ACCESS_ERROR" "You do not have access to the participants of this call list"
    When I call "crm.calllist.items.get" with:
      | LIST_ID | 0 |
    Then the call fails with 400 "LIST_ID_ERROR" "List id should be positive"
    When I call "crm.calllist.items.get" with:
      | LIST_ID | 99 |
    Then the call fails with 400 "LIST_ID_ERROR" "Call list is not found"
    When I call "crm.calllist.items.get" with:
      | x | 1 |
    Then the call fails with 400 "ERROR_ARGUMENT" "LIST_ID is not found"
    When I call "crm.calllist.statuslist" with:
      | x | 1 |
    Then the result items "STATUS_ID" are "IN_WORK, SUCCESS, WRONG_NUMBER, STOP_CALLING"
    And the result "0.ID" is the number 61
    And the result "0.SORT" is the number 10
    And the result "0.NAME" is "In Progress"

  @P258 @P259 @D153
  Scenario: crm.calllist.add and update check in the controller's order, and update keeps its kept members in place
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": []}
      """
    Then the call fails with 400 "ENTITIES_ERROR" "Incorrect entities id"
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [1, 1]}
      """
    Then the call fails with 400 "ENTITY_ERROR" "Incorrect entities id"
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [2]}
      """
    Then I remember the result "" as "list"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": {list}, "ENTITY_TYPE": "CONTACT", "ENTITIES": [1, 2]}
      """
    Then the result is "true"
    When I call "crm.calllist.items.get" with:
      | LIST_ID | {list} |
    Then the result items "ID" are "2, 1"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": 999999, "ENTITIES": [1]}
      """
    Then the call fails with 400 "ERROR_ARGUMENT" "ENTITY_TYPE is not found"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": 999999, "ENTITY_TYPE": "CONTACT", "ENTITIES": [1]}
      """
    Then the call fails with 400 "LIST_ID_ERROR" "Incorrect list id or access denied"

  @P260 @P261 @D154
  Scenario: The operator's results order the call list, filter items.get and complete the list's activity
    Given a call list "list" of contacts "1, 2"
    When user 1 marks client 1 of call list "list" as "SUCCESS"
    And I call "crm.calllist.items.get" with:
      | LIST_ID | {list} |
    Then the result items "ID" are "2, 1"
    And the result items "STATUS" are "IN_WORK, SUCCESS"
    When I call "crm.calllist.items.get" with JSON:
      """
      {"LIST_ID": {list}, "FILTER": {"STATUS": "SUCCESS"}}
      """
    Then the result items "ID" are "1"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"SUBJECT": "Call list #{list}"}}
      """
    Then the result "0.COMPLETED" is "N"
    When user 1 marks client 2 of call list "list" as "WRONG_NUMBER"
    And I call "crm.activity.list" with JSON:
      """
      {"filter": {"SUBJECT": "Call list #{list}"}}
      """
    Then the result "0.COMPLETED" is "Y"

  @P216 @P217 @P218 @P219 @P220 @P221 @P222 @P223 @P224 @P225 @P226 @P227 @P228 @P257
  Scenario: crm.calllist.update replaces the clients, clears an absent web form and refuses another entity type
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [1, 2], "WEBFORM_ID": 7}
      """
    Then I remember the result "" as "list"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": {list}, "ENTITY_TYPE": "CONTACT", "ENTITIES": [2]}
      """
    Then the result is "true"
    When I call "crm.calllist.get" with:
      | ID | {list} |
    Then the result "WEBFORM_ID" is "null"
    When I call "crm.calllist.items.get" with:
      | LIST_ID | {list} |
    Then the result items "ID" are "2"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": {list}, "ENTITY_TYPE": "COMPANY", "ENTITIES": [1]}
      """
    Then the call fails with 400 "ENTITY_TYPE_ERROR" "Discrepancy between the type of call participants and incoming type"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": {list}, "ENTITY_TYPE": "DEAL", "ENTITIES": [1]}
      """
    Then the call fails with 400 "ENTITY_TYPE_ERROR" "EntityType is incorrect"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": {list}, "ENTITY_TYPE": "CONTACT", "ENTITIES": [999]}
      """
    Then the call fails with 400 "ENTITIES_ERROR" "Incorrect entities id"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": 999, "ENTITY_TYPE": "CONTACT", "ENTITIES": [1]}
      """
    Then the call fails with 400 "LIST_ID_ERROR" "Incorrect list id or access denied"
    When I call "crm.calllist.update" with JSON:
      """
      {"LIST_ID": {list}, "ENTITY_TYPE": "CONTACT", "ENTITIES": 1}
      """
    Then the call fails with 400 "ENTITIES_ERROR" "Entities is not array"
    When I call "crm.calllist.update" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [1]}
      """
    Then the call fails with 400 "ERROR_ARGUMENT" "LIST_ID is not found"

  @P248 @P249 @D147
  Scenario: A call list is a CRM activity "Call list #ID"; deleting the activity leaves the list on a real portal
    When I call "crm.calllist.add" with JSON:
      """
      {"ENTITY_TYPE": "CONTACT", "ENTITIES": [1]}
      """
    Then I remember the result "" as "list"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"SUBJECT": "Call list #{list}"}}
      """
    Then the result has 1 item
    And the result "0.PROVIDER_ID" is "CALL_LIST"
    And the result "0.OWNER_TYPE_ID" is "12"
    And the result "0.ASSOCIATED_ENTITY_ID" is "{list}"
    And I remember the result "0.ID" as "activity"
    When I call "crm.activity.delete" with:
      | id | {activity} |
    Then the result is "true"
    When I call "crm.calllist.get" with:
      | ID | {list} |
    Then the result "ID" is "{list}"

  @P251 @D148
  Scenario: Call-list statuses are a reference guide: crm.status.add makes one, crm.calllist.statuslist lists it
    When I call "crm.status.add" with JSON:
      """
      {"fields": {"ENTITY_ID": "CALL_LIST", "STATUS_ID": "CALL_BACK", "NAME": "Call back later", "SORT": 25}}
      """
    Then I remember the result "" as "status"
    When I call "crm.calllist.statuslist"
    Then the result items "STATUS_ID" are "IN_WORK, SUCCESS, CALL_BACK, WRONG_NUMBER, STOP_CALLING"
    When I call "crm.status.update" with JSON:
      """
      {"id": {status}, "fields": {"NAME": "Call back tomorrow"}}
      """
    Then the result is "true"
    When I call "crm.status.delete" with:
      | id | {status} |
    Then the result is "true"
    When I call "crm.calllist.statuslist"
    Then the result items "STATUS_ID" are "IN_WORK, SUCCESS, WRONG_NUMBER, STOP_CALLING"

  @P252 @P253
  Scenario: The overview's example binds a deal tab, at any time of the application's work
    When I call "crm.lead.list" as application "local.widget"
    Then the call succeeds
    When I call "placement.bind" as application "local.widget" with JSON:
      """
      {"PLACEMENT": "CRM_DEAL_DETAIL_TAB", "HANDLER": "https://your-domain.com/widgets/deal-tab-handler.php", "TITLE": "Deal supplies"}
      """
    Then the result is "true"
    When I call "placement.get" as application "local.widget"
    Then the result "0.placement" is "CRM_DEAL_DETAIL_TAB"
    And the result "0.title" is "Deal supplies"
    And the result "0.handler" is "https://your-domain.com/widgets/deal-tab-handler.php"
