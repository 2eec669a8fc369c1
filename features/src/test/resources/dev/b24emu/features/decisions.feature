@emulator-only
Feature: Where the docs and the real server differ, the emulator follows specs/DECISIONS.md and can switch

  @D1 @T75
  Scenario: The empty error code of the on-premise server is selectable
    Given the portal setting "emptyErrorCode" is "true"
    When I call "telephony.externalCall.searchCrmEntities"
    Then the call fails with 400 "" "PHONE_NUMBER is empty"
    When I call "batch" with JSON:
      """
      {"cmd": {"bad": "telephony.externalCall.searchCrmEntities"}}
      """
    Then the result "result_error.bad.error" is ""
    And the result "result_error.bad.error_description" is "PHONE_NUMBER is empty"

  @D2 @R25 @R61 @L9 @L32
  Scenario: Telephony can be reserved for applications
    Given the portal setting "appContextOnly" is "true"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550701 |
      | TYPE         | 2            |
    Then the call fails with 403 "WRONG_AUTH_TYPE"

  @D4 @F31
  Scenario: CALL_START_DATE of finish can be an ISO string
    Given the portal setting "finishStartDateIso" is "true"
    When I call "telephony.externalcall.register" with:
      | USER_ID         | 2                         |
      | PHONE_NUMBER    | +79995550702              |
      | TYPE            | 2                         |
      | CALL_START_DATE | 2026-03-07T10:20:30+00:00 |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    Then the result "CALL_START_DATE" is "2026-03-07T10:20:30+00:00"

  @D24
  Scenario: CRM errors carry ERROR_CORE
    When I call "crm.lead.get" with:
      | id | 999999 |
    Then the call fails with 400 "ERROR_CORE" "Not found"

  @D26
  Scenario: A portal resets to its seed
    Given a contact "Temporary Person" with phone "+79995550703"
    When I call "crm.contact.list"
    Then the response "total" is the number 3
    When the portal is reset to its seed
    And I call "crm.contact.list"
    Then the response "total" is the number 2

  @D27 @emulator-only @R35 @T83
  Scenario: A value the docs rule out but the server accepts is answered as the server answers it, and reported
    When I call "telephony.externalcall.register" with:
      | USER_ID         | 2            |
      | PHONE_NUMBER    | +79995550704 |
      | TYPE            | 2            |
      | SHOW            | yes          |
    Then the call succeeds
    And the response warns "Parameter SHOW is invalid: integer 0 or 1 expected"
    Given the portal setting "validation" is "strict"
    When I call "telephony.externalcall.register" with:
      | USER_ID         | 2            |
      | PHONE_NUMBER    | +79995550705 |
      | TYPE            | 2            |
      | SHOW            | yes          |
    Then the call fails with 400 "ERROR_ARGUMENT" "Parameter SHOW is invalid: integer 0 or 1 expected, \"yes\" given (the real server reads it as 1); the real portal would have accepted it (strict mode)"

  @D27 @emulator-only
  Scenario: A method kept for applications refuses a webhook before strict mode reads its parameters
    Given the portal setting "validation" is "strict"
    When I call "event.bind" with:
      | event   | ONCRMLEADADD              |
      | handler | https://example.com/hook  |
      | EXTRA   | 1                         |
    Then the call fails with 403 "WRONG_AUTH_TYPE" "Current authorization type is denied for this method"

  @D197 @emulator-only
  Scenario: What the emulator does not keep is told as its own notice, and strict mode does not refuse it
    Given the portal setting "validation" is "strict"
    When I call "calendar.event.add" with JSON:
      """
      {"type": "user", "ownerId": 1, "name": "Call back", "from": "2026-12-10 10:00", "to": "2026-12-10 10:30",
       "rrule": {"FREQ": "WEEKLY", "COUNT": 10}, "crm_fields": ["C_1"]}
      """
    Then the call succeeds
    And the emulator notes "rrule, crm_fields: accepted as the server accepts them"
    And the response has no warning

  @D28 @emulator-only
  Scenario: Unknown parameters are ignored and reported, and refused in strict mode
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79990000001 |
      | EXTRA        | 1            |
    Then the call succeeds
    And the response warns "Unknown parameter EXTRA"
    Given the portal setting "validation" is "strict"
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79990000001 |
      | EXTRA        | 1            |
    Then the call fails with 400 "ERROR_ARGUMENT"

  @D48 @T32 @T64 @T65 @T66 @T67 @T68 @T70 @T71 @T72 @T78 @T91 @T92 @E131
  Scenario: The real limits are off until a portal turns them on
    Given the portal setting "limits" is "true"
    When I call "user.current"
    Then the call succeeds
    And the response time "operating_reset_at" is an integer

  @D151 @T114 @T115 @T116 @T117 @T118 @T119 @T120 @T121 @T122
  Scenario Outline: A system error any method may answer can be injected with the page's status and text
    Given the portal answers "user.current" once with the system error "<code>"
    When I call "user.current"
    Then the call fails with <status> "<code>" "<text>"
    When I call "user.current"
    Then the call succeeds

    Examples:
      | code                            | status | text                                             |
      | INTERNAL_SERVER_ERROR           | 500    | Internal server error                            |
      | ERROR_UNEXPECTED_ANSWER         | 500    | Server returned an unexpected response           |
      | INVALID_REQUEST                 | 400    | Https required                                   |
      | OVERLOAD_LIMIT                  | 503    | REST API is blocked due to overload              |
      | ACCESS_DENIED                   | 403    | REST API is available only on commercial plans   |
      | INVALID_CREDENTIALS             | 403    | Invalid request credentials                      |
      | ERROR_MANIFEST_IS_NOT_AVAILABLE | 404    | Manifest is not available                        |
      | user_access_error               | 403    | The user does not have access to the application |
      | PORTAL_DELETED                  | 403    | Portal was deleted                               |

  @D80
  Scenario: A call is in the request journal as soon as its client has the answer
    When I call "user.current"
    Then the call succeeds
    And the request journal's last call is "user.current"

  @D81
  Scenario: An event sent on demand reaches the handler as the installed application receives it
    Given an application "local.pbx" with scopes "telephony, crm"
    When the emulator sends "OnVoximplantCallEnd" to the handler of application "local.pbx" with:
      | CALL_DURATION  | 35 |
      | PORTAL_USER_ID | 2  |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLEND"
    And the delivered "auth.application_token" is "{local.pbx.application_token}"
    And the delivered "data.CALL_DURATION" is "35"
    And the delivered "data.CALL_FAILED_CODE" is "304"
    And the delivered "event_handler_id" is "0"
    And every delivery conforms to the contract

  @D81
  Scenario: An event Bitrix24 would not send is refused with the reason
    Given an application "local.pbx" with scopes "telephony"
    And an application "local.users" with scopes "user"
    When the emulator sends "OnVoximplantCallEnd" to the handler of application "local.pbx" with:
      | CALL_TYPE | 9 |
    Then the call fails with 400 "ERROR_ARGUMENT"
    When the emulator sends "OnVoximplantCallStart" to the handler of application "local.users"
    Then the call fails with 400 "ERROR_ARGUMENT"

  @D117 @emulator-only
  Scenario: Past the bound of open calls each new call drops the oldest open one, which then answers as unknown
    Given an emulator of its own that keeps at most 2 open calls per portal
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551701 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551702 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "second"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551703 |
      | TYPE         | 2            |
    And I call "telephony.externalcall.finish" with:
      | CALL_ID | {first}    |
      | USER_ID | {operator} |
    Then the call fails with 400 "ERROR_CORE" "Call is not found (call should be registered prior to finishing"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {second}   |
      | USER_ID | {operator} |
    Then the call succeeds

  @D118 @emulator-only
  Scenario: Past the bound of CRM objects made at run time each new one drops the oldest of its kind; the seed stays
    Given an emulator of its own that keeps at most 2 CRM objects of each kind made while a portal runs
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551801 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then I remember the result "CRM_CREATED_LEAD" as "first"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551802 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then I remember the result "CRM_CREATED_LEAD" as "second"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551803 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    And I call "crm.lead.get" with:
      | id | {first} |
    Then the call fails with 400 "ERROR_CORE" "Not found"
    When I call "crm.lead.get" with:
      | id | {second} |
    Then the call succeeds
    When I call "crm.lead.list"
    Then the result has 3 items

  @D119 @emulator-only
  Scenario: Past the bound of portals made at run time each new one deletes the one used least recently; the default portal stays
    Given an emulator of its own that keeps at most 2 portals made while it runs
    When I create the portal "first" through the control API
    And I create the portal "second" through the control API
    And I switch to the portal "first"
    And I call "user.current"
    Then the call succeeds
    When I create the portal "third" through the control API
    Then the control API has no portal "second"
    When I switch to the portal "second"
    And I call "user.current"
    Then the call fails with 401 "NO_AUTH_FOUND"
    When I switch to the portal "first"
    And I call "user.current"
    Then the call succeeds
    When I switch to the portal "third"
    And I call "user.current"
    Then the call succeeds
    When I switch to the portal "default"
    And I call "user.current"
    Then the call succeeds

  @D120 @emulator-only
  Scenario: Past the bound of configuration objects an add is refused, and removing one makes room
    Given an emulator of its own that keeps at most 2 configuration objects of each kind per portal
    When I call "telephony.externalLine.add" with:
      | NUMBER | 5550101 |
    Then the call succeeds
    When I call "telephony.externalLine.add" with:
      | NUMBER | 5550102 |
    Then the call succeeds
    When I call "telephony.externalLine.add" with:
      | NUMBER | 5550103 |
    Then the call fails with 400 "ERROR_CORE" "The emulator keeps at most 2 external lines per portal (--max-config-objects, D120)"
    When I call "telephony.externalLine.get"
    Then the result has 2 items
    When I call "telephony.externalLine.delete" with:
      | NUMBER | 5550101 |
    And I call "telephony.externalLine.add" with:
      | NUMBER | 5550103 |
    Then the call succeeds

  @D122 @emulator-only
  Scenario: Past the weight of call text the oldest open call goes, and the newest stays
    Given an emulator of its own that keeps at most 1 MB of call text per portal
    And I remember "1" repeated 300000 times as "digits"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator} |
      | PHONE_NUMBER | +7{digits} |
      | TYPE         | 2          |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator} |
      | PHONE_NUMBER | +8{digits} |
      | TYPE         | 2          |
    Then I remember the result "CALL_ID" as "second"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {first}    |
      | USER_ID | {operator} |
    Then the call fails with 400 "ERROR_CORE" "Call is not found (call should be registered prior to finishing"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {second}   |
      | USER_ID | {operator} |
    Then the call succeeds

  @D123 @emulator-only
  Scenario: When the heap stays full after a full collection, the portals made at run time used least recently go
    Given an emulator process of its own with a 64 MB heap that deletes portals past 60 percent of it in use after a full collection
    When I create 60 portals through the control API, each with a lead of 1000 KB of comments
    Then the emulator's log has a warning saying "deleted the"
    When I switch to the portal "heap-1"
    And I call "user.current"
    Then the call fails with 401 "NO_AUTH_FOUND"
    When I switch to the portal "heap-60"
    And I call "user.current"
    Then the call succeeds
    When I switch to the portal "default"
    And I call "user.current"
    Then the call succeeds

  @D121 @emulator-only
  Scenario: Past the bound of tokens the oldest access token is forgotten, and the newest keep working
    Given an emulator of its own that keeps at most 2 tokens of each kind per portal
    And an application "renewing.app" with scopes "telephony, user"
    When application "renewing.app" renews its token
    Then the token endpoint answers 200 ""
    When I call "user.current" as application "renewing.app" with the access token it was installed with
    Then the call succeeds
    When application "renewing.app" renews its token
    Then the token endpoint answers 200 ""
    When I call "user.current" as application "renewing.app" with the access token it was installed with
    Then the call fails with 401 "invalid_token"
    When I call "user.current" as application "renewing.app"
    Then the call succeeds

  @D100 @emulator-only
  Scenario: A dismissed employee's webhook is refused, unless the portal is told otherwise
    Given user 1 is dismissed
    When I call "user.current"
    Then the call fails with 401 "authorization_error" "Unable to authorize user"
    Given the portal setting "refuseInactiveUsers" is "false"
    When I call "user.current"
    Then the call succeeds
  @D51
  Scenario: app.info answers a webhook its scopes and licence, or the docs' ACCESS_DENIED
    When I call "app.info"
    Then the call succeeds
    And the result "LICENSE" is "en_ent10000"
    And the result "SCOPE.1" is "call"
    Given the portal setting "appInfoWebhookDenied" is "true"
    When I call "app.info"
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! Application context required"

  @D52
  Scenario: A user updates their own profile but not ACTIVE, unless the portal keeps user.update for administrators
    Given an application "local.self" with scopes "user" installed by user 2
    When I call "user.update" as application "local.self" with:
      | ID        | 2          |
      | LAST_NAME | Dispatcher |
      | ACTIVE    | N          |
    Then the call succeeds
    When I call "user.get" with:
      | ID | 2 |
    Then the result "0.LAST_NAME" is "Dispatcher"
    And the result "0.ACTIVE" is "true"
    Given the portal setting "userUpdateAdminOnly" is "true"
    When I call "user.update" as application "local.self" with:
      | ID        | 2     |
      | LAST_NAME | Again |
    Then the call fails with 400 "ERROR_CORE" "access_denied"

  @D55
  Scenario: crm.activity.add derives what the server derives and reports it; strict mode refuses it
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"TYPE_ID": 2, "SUBJECT": "Derived", "COMMUNICATIONS": [{"VALUE": "+79990000001", "ENTITY_ID": 1, "ENTITY_TYPE_ID": 3}]}}
      """
    Then the call succeeds
    And the response warns "Parameter fields is invalid"
    And I remember the result "" as "activity"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "OWNER_ID" is "1"
    And the result "RESPONSIBLE_ID" is "2"
    Given the portal setting "validation" is "strict"
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"TYPE_ID": 2, "SUBJECT": "Derived", "COMMUNICATIONS": [{"VALUE": "+79990000001", "ENTITY_ID": 1, "ENTITY_TYPE_ID": 3}]}}
      """
    Then the call fails with 400 "ERROR_ARGUMENT"

  @D58
  Scenario: server.time is the portal clock of the time block; method.get looks names up in lower case
    Given the portal setting "timeZone" is "Europe/Moscow"
    When I call "server.time"
    Then the result "" matches ".*[+]03:00$"
    And the result equals the response time "date_start"
    When I call "method.get" with:
      | name | telephony.externalCall.searchCrmEntities |
    Then the result "isExisting" is "false"
    When I call "method.get" with:
      | name | telephony.externalcall.searchcrmentities |
    Then the result "isExisting" is "true"

  @D124 @emulator-only
  Scenario: Past the connection limit a new connection closes the connection idle longest
    Given an emulator of its own that keeps at most 3 connections open
    When 3 clients each call "user.current" on a keep-alive connection of their own
    And another client calls "user.current" on a new connection
    Then the new client's call succeeds
    And the connection of the client that called first has been closed
    And the other clients still get answers to "user.current" on their connections

  @D125 @emulator-only
  Scenario: Bodies past the memory kept for them wait unread, and small calls still pass
    Given an emulator process of its own with a 64 MB heap
    When 12 clients each send all but the end of a 7 MB body to "user.current"
    Then none of those clients has been answered within 3 seconds
    When I call "user.current"
    Then the call succeeds
    When those clients go
    And another client sends a whole 2 MB body to "user.current"
    Then the new client's call succeeds

  @D195 @emulator-only
  Scenario: An answer past an eighth of the heap is refused with its reason, and the emulator goes on
    Given an emulator process of its own with a 96 MB heap
    And I remember "x" repeated 1500000 times as "long"
    When I call "batch" with JSON:
      """
      {"cmd": {"a0": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a1": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a2": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a3": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}}}
      """
    Then the call succeeds
    When I call "batch" with JSON:
      """
      {"cmd": {"a0": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a1": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a2": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a3": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}}}
      """
    Then the call succeeds
    When I call "batch" with JSON:
      """
      {"cmd": {"a0": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a1": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a2": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}, "a3": {"method": "crm.lead.add", "params": {"fields": {"TITLE": "long", "COMMENTS": "{long}"}}}}}
      """
    Then the call succeeds
    When I call "crm.lead.list" with JSON:
      """
      {"select": ["ID", "COMMENTS"]}
      """
    Then the call fails with 500 "INTERNAL_SERVER_ERROR" "The answer would be larger than the emulator writes (16 MB, an eighth of its heap): ask for fewer fields, items or commands"
    When I call "crm.lead.list" with JSON:
      """
      {"select": ["ID", "TITLE"]}
      """
    Then the call succeeds

  @D126 @emulator-only
  Scenario: Past the memory kept for request heads, the connections with the largest unfinished heads are closed
    Given an emulator process of its own with a 64 MB heap
    When 1000 clients each send 60 KB of a request head that never ends
    Then at most 100 connections are open, as the emulator's health says within 10 seconds
    And the emulator's log has a warning saying "a client may be sending headers that never end"
    When I call "user.current"
    Then the call succeeds

  @D205
  Scenario: The demo webhook token answers programs and this machine's pages, not another site's
    When a page of "https://evil.example" calls "user.current" with the demo webhook token
    Then the call fails with 401 "NO_AUTH_FOUND"
    When a page of "http://localhost:3000" calls "user.current" with the demo webhook token
    Then the call succeeds

  @D206
  Scenario: A request line a portal's nginx would not read is answered, and reported; refused in strict mode
    When I call "telephony.externalCall.searchCrmEntities" with the query, its request line padded to 9000 bytes:
      """
      PHONE_NUMBER=79995550101
      """
    Then the call succeeds
    And the response warns "The request line is 9000 bytes: a portal's nginx reads 8192 at most"
    When I call "telephony.externalCall.searchCrmEntities" with the query, its request line padded to 8000 bytes:
      """
      PHONE_NUMBER=79995550101
      """
    Then the call succeeds
    And the response has no warning
    Given the portal setting "validation" is "strict"
    When I call "telephony.externalCall.searchCrmEntities" with the query, its request line padded to 9000 bytes:
      """
      PHONE_NUMBER=79995550101
      """
    Then the call fails with 414 "REQUEST_URI_TOO_LARGE"
