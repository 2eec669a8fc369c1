@emulator-only
Feature: Batch, list paging and the time block, statement by statement
  settings/how-to-call-rest-api/batch.md, list-methods-pecularities.md and limits.md (features/RULES.md lists each
  statement with its page).

  @T41 @T42 @T45 @T46 @T47 @T48 @T49 @T50 @T51 @T53 @T79 @E76 @T94
  Scenario: batch answers each command on its own, with earlier results usable in later ones
    When I call "batch" with JSON:
      """
      {"halt": 0, "cmd": {"list": "crm.lead.list", "first": "crm.lead.get?id=$result[list][0][ID]",
                          "me": "user.current", "inner": "batch?cmd[x]=user.current"}}
      """
    Then the call succeeds
    And the result "result.first.ID" is "1"
    And the result "result.me.ID" is a string
    And the result "result_error.inner.error" is "ERROR_BATCH_METHOD_NOT_ALLOWED"
    And the result "result_error.inner.error_description" is "Method is not allowed for batch usage"
    And the result "result_total.list" is the number 1
    And the result has no "result_next.list"
    And the result has no "result_total.me"
    And the result "result_time.me.start" is an integer

  @T104
  Scenario: A batch runs at most 50 commands; those beyond end with ERROR_BATCH_LENGTH_EXCEEDED
    When I call batch with 51 commands "user.current"
    Then the call succeeds
    And the result "result.q50.ID" is a string
    And the result has no "result.q51"
    And the result "result_error.q51.error" is "ERROR_BATCH_LENGTH_EXCEEDED"
    And the result "result_error.q51.error_description" is "Max batch length exceeded"

  @T106 @D145
  Scenario: A batch reference to nothing passes what its path reached, or stays as written in a text; $total reads the totals
    When I call "batch" with JSON:
      """
      {"halt": 0, "cmd": {
        "list": "crm.lead.list?select[]=ID",
        "named": "crm.lead.add?fields[TITLE]=$total[list] leads before",
        "lost": "crm.lead.get?id=$result[nope][ID]",
        "kept": "crm.lead.add?fields[TITLE]=Copy of $result[nope][TITLE]"}}
      """
    Then the call succeeds
    # "lost" passes every earlier result, an array, which the lead's intval reads as 1 (D27)
    And the result "result.lost.ID" is "1"
    And I remember the result "result.named" as "named"
    And I remember the result "result.kept" as "kept"
    When I call "crm.lead.get" with:
      | id | {named} |
    Then the result "TITLE" is "1 leads before"
    When I call "crm.lead.get" with:
      | id | {kept} |
    Then the result "TITLE" is "Copy of $result[nope][TITLE]"

  @T107 @T108 @D146
  Scenario: A method name ending in .xml answers in the XML transport, errors and batches too
    When I request the webhook path "user.current.xml" as XML
    Then the XML answer has HTTP 200 and begins with "<response><result><ID>{operator}</ID>"
    When I request the webhook path "no.such.method.xml" as XML
    Then the XML answer has HTTP 404 and begins with "<response><error>ERROR_METHOD_NOT_FOUND</error>"
    When I request the webhook path "batch.xml?cmd[get_user]=user.current" as XML
    Then the XML answer has HTTP 200 and begins with "<response><result><result><get_user><ID>{operator}</ID>"

  @T105 @emulator-only
  Scenario: A method runs on behalf of the user the webhook or the token belongs to
    When I call "user.current"
    Then the result "ID" is "{operator}"
    Given an application "local.who" with scopes "user, crm" installed by user 3
    When I call "user.current" as application "local.who"
    Then the result "ID" is "3"
    When I call "crm.lead.add" as application "local.who" with JSON:
      """
      {"fields": {"TITLE": "Made with Maria's token"}}
      """
    And I remember the result "" as "lead"
    And I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "CREATED_BY_ID" is "3"

  @T43 @T52
  Scenario: batch with halt stops at the first error; without it every command runs
    When I call "batch" with JSON:
      """
      {"halt": 1, "cmd": {"bad": "crm.lead.get?id=999999", "after": "user.current"}}
      """
    Then the call succeeds
    And the result "result_error.bad.error" is a string
    And the result has no "result.after"
    When I call "batch" with JSON:
      """
      {"halt": 0, "cmd": ["crm.lead.get?id=999999", "user.current"]}
      """
    Then the result "result.1.ID" is a string
    And the result "result_error.0.error" is a string

  @T125 @D168
  Scenario: A batch of commands given as a list answers lists, as PHP writes an array keyed from 0
    When I call "batch" with JSON:
      """
      {"halt": 0, "cmd": ["user.current", "user.current"]}
      """
    Then the call succeeds
    And the result "result" has 2 entries
    And the result "result.0.ID" is "1"
    And the result "result_time.1.start" is an integer
    And the result "result_error" has 0 entries
    And the result "result" is a list

  @T59 @T103 @D143
  Scenario: start picks the page of 50 it falls in, and a start past every record answers the first page again
    When I call "crm.lead.list" with:
      | start | 10 |
    Then the call succeeds
    And the result has 1 item
    And the response "total" is the number 1
    And the response has no "next"
    When I call "crm.lead.list" with:
      | start | 2147483600 |
    Then the call succeeds
    And the result has 1 item
    And the response has no "next"

  @T98 @T99 @T100
  Scenario: A list read with start -1 has no total; start is read as PHP's intval; an empty array is no filter
    When I call "crm.lead.list" with JSON:
      """
      {"start": -1, "filter": [], "order": []}
      """
    Then the call succeeds
    And the result has 1 item
    And the response has no "total"
    And the response has no "next"
    When I call "crm.lead.list" with JSON:
      """
      {"start": "abc"}
      """
    Then the call succeeds
    And the result has 1 item
    And the response warns "Parameter start"

  @T95 @T96
  Scenario: batch without cmd answers only empty parts; a command outside the caller's scopes has an empty description
    When I call "batch" with JSON:
      """
      {"halt": 0}
      """
    Then the call succeeds
    And the result "result" is "[]"
    And the result "result_error" is "[]"
    Given an application "local.narrow" with scopes "telephony"
    When I call "batch" as application "local.narrow" with JSON:
      """
      {"cmd": {"leads": "crm.lead.list"}}
      """
    Then the call succeeds
    And the result "result_error.leads.error" is "insufficient_scope"
    And the result "result_error.leads.error_description" is ""

  @T110 @T111 @emulator-only
  Scenario: Operating time is counted per application or webhook, in minute baskets each dropped ten minutes after its first call
    Given the portal clock stands still at "2030-01-01T10:00:30Z"
    And the portal setting "limits" is "true"
    And the portal setting "operatingLimit" is "0.000001"
    When I call "telephony.externalLine.get" with:
      | x | 1 |
    Then the call succeeds
    And the response "time.operating_reset_at" is the number 1893492630
    When I call "telephony.externalLine.get" with:
      | x | 1 |
    Then the call fails with 429 "OPERATION_TIME_LIMIT" "Method is blocked due to operation time limit"
    Given an application "local.own" with scopes "telephony"
    When I call "telephony.externalLine.get" as application "local.own" with:
      | x | 1 |
    Then the call succeeds
    When the portal clock moves forward by "PT10M"
    And I call "telephony.externalLine.get" with:
      | x | 1 |
    Then the call succeeds

  @T97 @T101 @T102
  Scenario: The operating limit blocks a method with the page's text; batch is not counted, its commands are
    Given the portal setting "limits" is "true"
    And the portal setting "operatingLimit" is "0.000001"
    When I call "telephony.externalLine.get" with:
      | x | 1 |
    Then the call succeeds
    When I call "telephony.externalLine.get" with:
      | x | 1 |
    Then the call fails with 429 "OPERATION_TIME_LIMIT" "Method is blocked due to operation time limit"
    When I call "batch" with JSON:
      """
      {"cmd": {"me": "telephony.externalLine.get"}}
      """
    Then the call succeeds
    And the result "result_error.me.error" is "OPERATION_TIME_LIMIT"
    When I call "batch" with JSON:
      """
      {"cmd": {"me": "telephony.externalLine.get"}}
      """
    Then the call succeeds

  Scenario: An Authorization Bearer header carries an application's token
    Given an application "local.bearer" with scopes "user"
    When I call "user.current" as application "local.bearer" with a bearer token
    Then the call succeeds
    And the result "ID" is "1"

  @E134 @E136 @E146 @E147 @E148 @E149 @E150 @E151
  Scenario: events lists an application's events by scope; a webhook may not call it
    Given an application "local.tel" with scopes "telephony"
    When I call "events" as application "local.tel"
    Then the result items "" are "ONAPPUNINSTALL, ONAPPINSTALL, ONAPPUPDATE, ONAPPPAYMENT, ONAPPTEST, ONAPPMETHODCONFIRM, ONOFFLINEEVENT, ONVOXIMPLANTCALLINIT, ONVOXIMPLANTCALLSTART, ONVOXIMPLANTCALLEND, ONEXTERNALCALLSTART, ONEXTERNALCALLBACKSTART"
    When I call "events" as application "local.tel" with:
      | SCOPE | user |
    Then the result items "" are "ONUSERADD"
    When I call "events" as application "local.tel" with:
      | SCOPE | task |
    Then the result items "" are "ONTASKADD, ONTASKUPDATE, ONTASKDELETE"
    When I call "events" as application "local.tel" with:
      | FULL | 1 |
    Then the result has 35 items
    When I call "events" with:
      | x | 1 |
    Then the call fails with 403 "WRONG_AUTH_TYPE"
    When I call "event.bind" as application "local.tel" with:
      | event   | OnCrmLeadAdd         |
      | handler | http://127.0.0.1:9/h |
    Then the call fails with 400 "ERROR_EVENT_NOT_FOUND" "Event not found"

  @E135 @E137 @E138 @E139 @E141 @E142 @E143 @E144
  Scenario: A user who is not an administrator binds, sees and removes only his own handlers
    Given an application "local.admin" with scopes "telephony"
    When I call "event.bind" as application "local.admin" with:
      | event   | OnVoximplantCallStart |
      | handler | http://127.0.0.1:9/a  |
    Given an application "local.admin" with scopes "telephony" installed by user 2
    When I call "event.bind" as application "local.admin" with:
      | event   | OnVoximplantCallStart |
      | handler | http://127.0.0.1:9/u  |
    And I call "event.get" as application "local.admin"
    Then the result has 1 item
    And the result "0.handler" is "http://127.0.0.1:9/u"
    And the result "0.auth_type" is "2"
    When I call "event.unbind" as application "local.admin" with:
      | event   | OnVoximplantCallStart |
      | handler | http://127.0.0.1:9/u  |
    Then the result "count" is the number 1

  @E162 @E163 @E164 @E165 @emulator-only
  Scenario: event.get lists handlers in the order bound; auth_type 0 unbinds the user-less ones; a user who is not an administrator may not unbind offline or another user's
    Given an application "local.mix" with scopes "telephony"
    When I call "event.bind" as application "local.mix" with:
      | event   | OnVoximplantCallStart  |
      | handler | http://127.0.0.1:9/any |
    And I call "event.bind" as application "local.mix" with:
      | event     | OnVoximplantCallStart  |
      | handler   | http://127.0.0.1:9/any |
      | auth_type | 1                      |
    And I call "event.bind" as application "local.mix" with:
      | event   | OnVoximplantCallEnd  |
      | handler | http://127.0.0.1:9/e |
    And I call "event.get" as application "local.mix"
    Then the result items "event" are "ONVOXIMPLANTCALLSTART, ONVOXIMPLANTCALLSTART, ONVOXIMPLANTCALLEND"
    And the result items "auth_type" are "0, 1, 0"
    When I call "event.unbind" as application "local.mix" with:
      | event     | OnVoximplantCallStart  |
      | handler   | http://127.0.0.1:9/any |
      | auth_type | 0                      |
    Then the result "count" is the number 1
    When I call "event.get" as application "local.mix"
    Then the result items "auth_type" are "1, 0"
    Given an application "local.mix" with scopes "telephony" installed by user 2
    When I call "event.unbind" as application "local.mix" with:
      | event      | OnVoximplantCallStart |
      | event_type | offline               |
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! Offline events unbinding requires administrator access rights"
    When I call "event.unbind" as application "local.mix" with:
      | event     | OnVoximplantCallStart  |
      | handler   | http://127.0.0.1:9/any |
      | auth_type | 1                      |
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! Event unbinding with AUTH_TYPE requires administrator access rights"

  @E166
  Scenario: Offline handlers: event.get shows the connector; event.offline.error needs message_id; a given process_id comes back
    Given an application "local.off" with scopes "telephony"
    When I call "event.bind" as application "local.off" with:
      | event          | OnVoximplantCallStart |
      | event_type     | offline               |
      | auth_connector | conn1                 |
    And I call "event.get" as application "local.off"
    Then "result.0" has exactly the keys "event, connector_id, offline"
    And the result "0.connector_id" is "conn1"
    When I call "event.offline.error" as application "local.off" with:
      | process_id | p1 |
    Then the call fails with 400 "ERROR_ARGUMENT" "Value must be array of MESSAGE_ID values"
    When I call "event.offline.get" as application "local.off" with:
      | limit | 0 |
    Then the call fails with 400 "ERROR_ARGUMENT" "Value must be positive integer"
    When I call "event.offline.get" as application "local.off" with:
      | process_id | p1 |
    Then the result "process_id" is "p1"
    When I call "event.offline.error" as application "local.off" with JSON:
      """
      {"process_id": "p1", "message_id": ["m1"]}
      """
    Then the result is "true"
