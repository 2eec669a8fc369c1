@emulator-only
Feature: Events: event.bind and delivery of the telephony events
  Applications bind handlers and the portal POSTs events to them, form-encoded and only once
  (api-reference/events/index.md, api-reference/telephony/voximplant/events/).

  Background:
    Given an application "local.pbx" with scopes "telephony, crm, user"

  @E1 @D31 @D32 @E7 @C69 @C70 @T74 @E61 @E63 @E64 @E85 @E86 @E87 @E88 @E89 @E90 @E92 @E132 @E60 @E94 @E95 @E96
  Scenario: Binding rules
    When I call "event.bind" with:
      | event   | OnVoximplantCallStart   |
      | handler | http://127.0.0.1:9/h    |
    Then the call fails with 403 "WRONG_AUTH_TYPE"
    When I call "event.bind" as application "local.pbx" with:
      | event   | OnNoSuchThing        |
      | handler | http://127.0.0.1:9/h |
    Then the call fails with 400 "ERROR_EVENT_NOT_FOUND" "Event not found"
    When I call "event.bind" as application "local.pbx" with:
      | event   | OnVoximplantCallStart |
      | handler | not a url             |
    Then the call fails with 400 "ERROR_WRONG_HANDLER_URL"
    When I call "event.bind" as application "local.pbx" with:
      | event   | OnVoximplantCallStart |
      | handler | http://127.0.0.1:9/h  |
    Then the result is "true"
    When I call "event.bind" as application "local.pbx" with:
      | event   | OnVoximplantCallStart |
      | handler | http://127.0.0.1:9/h  |
    Then the call fails with 400 "ERROR_HANDLER_ALREADY_EXIST"

  @D204
  Scenario: A handler on the emulator itself is refused: its own REST methods would feed it its own events
    When application "local.pbx" binds "ONCRMCONTACTADD" to the emulator's own "/rest/1/demo-token/crm.contact.add"
    Then the call fails with 400 "ERROR_WRONG_HANDLER_URL" "Wrong handler URL"
    When application "local.pbx" binds "OnVoximplantCallStart" to the emulator's own "/_emulator/reset"
    Then the call fails with 400 "ERROR_WRONG_HANDLER_URL" "Wrong handler URL"

  @D128 @E140
  Scenario: event.bind and event.unbind check their arguments as the real server does
    When I call "event.bind" as application "local.pbx" with:
      | handler | http://127.0.0.1:9/h |
    Then the call fails with 400 "ERROR_ARGUMENT" "Argument 'EVENT' is null or empty"
    When I call "event.bind" as application "local.pbx" with:
      | event | OnVoximplantCallStart |
    Then the call fails with 400 "ERROR_ARGUMENT" "Argument 'HANDLER' is null or empty"
    When I call "event.bind" as application "local.pbx" with:
      | event      | OnVoximplantCallStart |
      | handler    | http://127.0.0.1:9/h  |
      | event_type | sometimes             |
    Then the call fails with 400 "ERROR_ARGUMENT" "Value must be one of {online|offline}"
    When I call "event.bind" as application "local.pbx" with:
      | event   | OnVoximplantCallStart |
      | handler | http://127.0.0.1:9/h  |
    Then the result is "true"
    When I call "event.unbind" as application "local.pbx" with:
      | event | OnVoximplantCallStart |
    Then the call fails with 400 "ERROR_ARGUMENT" "Argument 'HANDLER' is null or empty"
    Given the portal setting "unbindAllWithoutHandler" is "true"
    When I call "event.unbind" as application "local.pbx" with:
      | event | OnVoximplantCallStart |
    Then the result "count" is the number 1

  @E2 @D33 @D35 @D94 @E62 @E65 @E66 @E67 @E68 @E69 @E70 @E71 @E73 @E77 @E78 @E79 @E81 @E83 @E84 @E133 @E72 @E80 @E82 @O10 @O11 @E156 @E157 @E158
  Scenario: A new call delivers OnVoximplantCallInit and OnVoximplantCallStart, form-encoded
    Given application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550601 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    And application "local.pbx" receives "ONVOXIMPLANTCALLSTART"
    And the delivered "data.CALL_ID" is "{call}"
    And the delivered "data.USER_ID" is "2"
    And the delivered "auth.application_token" is "{local.pbx.application_token}"
    And the delivered "auth.expires_in" is "3600"
    And the delivery has no "auth.refresh_token"
    And every delivery conforms to the contract

  @E2
  Scenario: Finishing delivers OnVoximplantCallEnd
    Given application "local.pbx" binds "OnVoximplantCallEnd" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550602 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 42     |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLEND"
    And the delivered "data.CALL_DURATION" is "42"
    And the delivered "data.CALL_FAILED_CODE" is "200"

  @E3 @D34 @C73 @E74
  Scenario: A failed delivery is not retried
    Given the handler server answers 500
    And application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550603 |
      | TYPE         | 2            |
    Then after 2 seconds application "local.pbx" has received 1 "ONVOXIMPLANTCALLSTART"

  @D194
  Scenario: Events reach one handler in turn, in the order they happened
    Given the handler server answers 200 after 300 ms
    And application "local.pbx" binds "OnVoximplantCallInit" to the handler server
    And application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    And application "local.pbx" binds "OnVoximplantCallEnd" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550611 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLINIT, ONVOXIMPLANTCALLSTART, ONVOXIMPLANTCALLEND" in this order

  @E3 @D34
  Scenario: A portal may opt in to retries
    Given the portal setting "eventRetries" is "2"
    And the handler server answers 500
    And application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550604 |
      | TYPE         | 2            |
    Then after 3 seconds application "local.pbx" has received 3 "ONVOXIMPLANTCALLSTART"

  @E4 @D39 @R33 @R51 @E8 @C72 @E9
  Scenario: Click-to-call goes to the line's application only
    Given an application "local.other" with scopes "telephony"
    And application "local.pbx" binds "OnExternalCallStart" to the handler server
    And application "local.other" binds "OnExternalCallStart" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER | 74950000601 |
    And user 2 clicks to call "+79995550605" on line "74950000601"
    Then application "local.pbx" receives "ONEXTERNALCALLSTART"
    And the delivered "data.CALL_ID" is "{clicked}"
    And the delivered "data.LINE_NUMBER" is "74950000601"
    And after 1 second application "local.other" has received 0 "ONEXTERNALCALLSTART"

  @E5 @D36 @D37 @E75 @E91 @E97 @E98 @E99 @E100 @E101 @E102 @E103 @E105 @E106 @E107 @E108 @E109 @E110 @E111 @E113 @E114 @E115 @E116 @E117 @E118 @E119 @E120 @E121 @E123 @E125 @E126 @E127 @E128 @E129 @E130 @E104 @E122 @E124 @E145 @E152 @E153 @E154 @E155 @E168 @D150
  Scenario: Offline handlers get a queue with the latest state of each call
    When I call "event.bind" as application "local.pbx" with:
      | event      | OnVoximplantCallEnd |
      | event_type | offline             |
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550606 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    And I call "event.offline.get" as application "local.pbx" with:
      | clear | 0 |
    Then the result "events.0.EVENT_NAME" is "ONVOXIMPLANTCALLEND"
    And the result "events.0.EVENT_ADDITIONAL.user_id" is "{operator}"
    And I remember the result "process_id" as "process"
    When I call "event.offline.clear" as application "local.pbx" with:
      | process_id | {process} |
    And I call "event.offline.list" as application "local.pbx"
    Then the result has 0 items

  @E173 @E174 @E175
  Scenario: OnOfflineEvent waits its minTimeout after a notification
    When I call "event.bind" as application "local.pbx" with:
      | event      | OnVoximplantCallEnd |
      | event_type | offline             |
    And application "local.pbx" binds OnOfflineEvent to the handler server with minTimeout 60
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550611 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {first} |
      | USER_ID | 2       |
    Then application "local.pbx" receives "ONOFFLINEEVENT"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550612 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "second"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {second} |
      | USER_ID | 2        |
    Then after 1 second application "local.pbx" has received 1 "ONOFFLINEEVENT"
    When the portal clock moves forward by "PT60S"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550613 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "third"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {third} |
      | USER_ID | 2       |
    Then after 1 second application "local.pbx" has received 2 "ONOFFLINEEVENT"

  @E169 @E170
  Scenario: The queue notification cannot be queued, and an offline handler is unbound per source key
    When I call "event.bind" as application "local.pbx" with:
      | event      | OnOfflineEvent |
      | event_type | offline        |
    Then the call fails with 400 "ERROR_ARGUMENT" "Offline event cannot be registered for this event."
    When I call "event.bind" as application "local.pbx" with:
      | event          | OnVoximplantCallEnd |
      | event_type     | offline             |
      | auth_connector | crm-sync            |
    And I call "event.bind" as application "local.pbx" with:
      | event          | OnVoximplantCallEnd |
      | event_type     | offline             |
      | auth_connector | erp-sync            |
    And I call "event.unbind" as application "local.pbx" with:
      | event          | OnVoximplantCallEnd |
      | event_type     | offline             |
      | auth_connector | crm-sync            |
    Then the result "count" is the number 1
    When I call "event.unbind" as application "local.pbx" with:
      | event          | OnVoximplantCallEnd |
      | event_type     | offline             |
      | auth_connector | crm-sync            |
    Then the result "count" is the number 0
    When I call "event.unbind" as application "local.pbx" with:
      | event          | OnVoximplantCallEnd |
      | event_type     | offline             |
      | auth_connector | erp-sync            |
    Then the result "count" is the number 1

  @E6 @E26 @D156
  Scenario: OnExternalCallBackStart reaches the line's application, with no token: a site visitor asked
    Given application "local.pbx" binds "OnExternalCallBackStart" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER | 74950000607 |
    And a CRM form asks for a callback to "+79995550607" on line "74950000607"
    Then application "local.pbx" receives "ONEXTERNALCALLBACKSTART"
    And the delivered "data.PHONE_NUMBER" is "+79995550607"
    And the delivered "data.LINE_NUMBER" is "74950000607"
    And the delivered "auth" has exactly the keys "domain, client_endpoint, server_endpoint, member_id, application_token"
    And the delivery has no "auth.access_token"

  @E159 @E167 @D131
  Scenario: event.test sends ONAPPTEST with the call's parameters to the calling application only
    Given an application "local.other" with scopes "telephony"
    And application "local.pbx" binds "ONAPPTEST" to the handler server
    And application "local.other" binds "ONAPPTEST" to the handler server
    When I call "event.test" as application "local.pbx" with:
      | any | data |
    Then the result is "1"
    And application "local.pbx" receives "ONAPPTEST"
    And the delivered "data.QUERY.any" is "data"
    And the delivered "data.LANGUAGE_ID" is "en"
    And every delivery conforms to the contract
    And after 1 second application "local.other" has received 0 "ONAPPTEST"
    When I call "event.test" with:
      | any | data |
    Then the call fails with 403 "WRONG_AUTH_TYPE"

  @M55 @M56 @D137
  Scenario: The lead a call creates and the call's activity reach the CRM event handlers as their IDs
    Given application "local.pbx" binds "OnCrmLeadAdd" to the handler server
    And application "local.pbx" binds "OnCrmActivityAdd" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550691 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then I remember the result "CRM_CREATED_LEAD" as "lead"
    And I remember the result "CALL_ID" as "call"
    And application "local.pbx" receives "ONCRMLEADADD"
    And the delivered "data.FIELDS.ID" is "{lead}"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 20     |
    Then I remember the result "CRM_ACTIVITY_ID" as "activity"
    And application "local.pbx" receives "ONCRMACTIVITYADD"
    And the delivered "data.FIELDS.ID" is "{activity}"
    And every delivery conforms to the contract

  @M57 @D137
  Scenario: A contact's update and deletion reach the handlers, and an application's offline queue skips its own keyed change
    Given application "local.pbx" binds "OnCrmContactUpdate" to the handler server
    And application "local.pbx" binds "OnCrmContactDelete" to the handler server
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Ivan"}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.contact.update" with JSON:
      """
      {"id": "{contact}", "fields": {"LAST_NAME": "Petrov"}}
      """
    Then application "local.pbx" receives "ONCRMCONTACTUPDATE"
    And the delivered "data.FIELDS.ID" is "{contact}"
    When I call "crm.contact.delete" with:
      | id | {contact} |
    Then application "local.pbx" receives "ONCRMCONTACTDELETE"
    And the delivered "data.FIELDS.ID" is "{contact}"
    When I call "event.bind" as application "local.pbx" with:
      | event          | OnCrmContactAdd |
      | event_type     | offline         |
      | auth_connector | erp             |
    And I call "crm.contact.add" as application "local.pbx" with JSON:
      """
      {"fields": {"NAME": "Olga"}, "auth_connector": "erp"}
      """
    And I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Anna"}}
      """
    Then I remember the result "" as "webhooks"
    When I call "event.offline.list" as application "local.pbx" with:
      | auth_connector | erp |
    Then the result has 1 item
    And the result "0.EVENT_DATA.FIELDS.ID" is "{webhooks}"

  @E160 @D140
  Scenario: ONUSERADD announces an invited user at the first login, with the user's own fields
    Given application "local.pbx" binds "OnUserAdd" to the handler server
    When I call "user.add" with JSON:
      """
      {"EMAIL": "anna@example.com", "NAME": "Anna", "UF_DEPARTMENT": [1]}
      """
    Then I remember the result "" as "anna"
    And after 1 second application "local.pbx" has received 0 "ONUSERADD"
    When user "{anna}" logs in
    Then application "local.pbx" receives "ONUSERADD"
    And the delivered "data.ID" is "{anna}"
    And the delivered "data.NAME" is "Anna"
    And the delivered "data.EMAIL" is "anna@example.com"
    And every delivery conforms to the contract
