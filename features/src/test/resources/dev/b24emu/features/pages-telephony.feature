@emulator-only
Feature: The external-call pages, statement by statement
  What each page of api-reference/telephony/ says of its parameters, defaults, results and errors, and where the
  real server differs, what specs/DECISIONS.md decided (features/RULES.md lists each statement with its page).

  Background:
    Given an application "local.pbx" with scopes "telephony, crm, user"

  @R21 @R22 @R31 @R37 @C71 @R68
  Scenario: register is open to any user with the telephony scope; the start date defaults to now and SHOW to 1
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 3            |
      | PHONE_NUMBER | +79995551001 |
      | TYPE         | 2            |
    Then the call succeeds
    And I remember the result "CALL_ID" as "call"
    And the card of "call" for user 3 is "open"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 3            |
      | PHONE_NUMBER | +79995551001 |
      | TYPE         | 9            |
    Then the call fails with 400 "ERROR_CORE" "Unknown TYPE"

  @R46
  Scenario: An empty EXTERNAL_CALL_ID is a key of its own, as the server's isset() makes it
    When I call "telephony.externalcall.register" with:
      | USER_ID          | 2            |
      | PHONE_NUMBER     | +79995551002 |
      | TYPE             | 2            |
      | EXTERNAL_CALL_ID | zz           |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.register" with JSON:
      """
      {"USER_ID": 2, "PHONE_NUMBER": "+79995551002", "TYPE": 2, "EXTERNAL_CALL_ID": ""}
      """
    Then the result "CALL_ID" differs from the remembered "first"

  @R48 @D10
  Scenario: The 30-minute window is strict: a repeat exactly 30 minutes after the start is a new call
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551003 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "first"
    When the portal clock moves forward by "PT29M59S"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551003 |
      | TYPE         | 2            |
    Then the result "CALL_ID" equals the remembered "first"
    When the portal clock moves forward by "PT1S"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551003 |
      | TYPE         | 2            |
    Then the result "CALL_ID" differs from the remembered "first"

  @E34 @E37 @E38 @E35 @E36 @E39 @E41
  Scenario: OnVoximplantCallInit of an application's external call has exactly the telephony-application keys
    Given application "local.pbx" binds "OnVoximplantCallInit" to the handler server
    When I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551004 |
      | TYPE         | 2            |
      | LINE_NUMBER  | 3            |
    Then I remember the result "CALL_ID" as "call"
    And application "local.pbx" receives "ONVOXIMPLANTCALLINIT"
    And "data" has exactly the keys "CALL_ID, CALL_TYPE, CALLER_ID, REST_APP_ID"
    And the delivered "data.CALL_ID" is "{call}"
    And the delivered "data.CALL_TYPE" is "2"
    And the delivered "data.CALLER_ID" is "+79995551004"
    And the delivery has no "data.PHONE_NUMBER"
    And the delivery has no "data.ACCOUNT_SEARCH_ID"

  @E40
  Scenario: A webhook's call has no application: OnVoximplantCallInit carries no REST_APP_ID
    Given application "local.pbx" binds "OnVoximplantCallInit" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551005 |
      | TYPE         | 2            |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLINIT"
    And "data" has exactly the keys "CALL_ID, CALL_TYPE, CALLER_ID"

  @E33 @D85 @E45
  Scenario: A register reused within 30 minutes still sends OnVoximplantCallInit, with a CALL_ID never used again
    Given application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    And application "local.pbx" binds "OnVoximplantCallInit" to the handler server
    When I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551006 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551006 |
      | TYPE         | 2            |
    Then the result "CALL_ID" equals the remembered "call"
    And after 1 second application "local.pbx" has received 2 "ONVOXIMPLANTCALLINIT"
    And after 0 seconds application "local.pbx" has received 1 "ONVOXIMPLANTCALLSTART"

  @D85
  Scenario: With initOnReuse off a reused register sends no event at all
    Given the portal setting "initOnReuse" is "false"
    And application "local.pbx" binds "OnVoximplantCallInit" to the handler server
    When I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551007 |
      | TYPE         | 2            |
    And I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551007 |
      | TYPE         | 2            |
    Then after 1 second application "local.pbx" has received 1 "ONVOXIMPLANTCALLINIT"

  @E58
  Scenario: OnVoximplantCallEnd of a call without a CRM activity leaves CRM_ACTIVITY_ID out
    Given application "local.pbx" binds "OnVoximplantCallEnd" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551008 |
      | TYPE         | 2            |
      | SHOW         | 0            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 5      |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLEND"
    And the delivered "data.CALL_FAILED_CODE" is "200"
    And the delivered "data.PORTAL_NUMBER" is "REST_APP:"
    And the delivery has no "data.CRM_ACTIVITY_ID"

  @E24 @D88
  Scenario: OnExternalCallStart for a number no client has leaves the null CRM fields out
    Given application "local.pbx" binds "OnExternalCallStart" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER          | 74950001009 |
      | CRM_AUTO_CREATE | N           |
    And user 2 clicks to call "+79995551009" on line "74950001009"
    Then application "local.pbx" receives "ONEXTERNALCALLSTART"
    And the delivered "data.CALL_ID" is "{clicked}"
    And the delivered "data.CRM_ENTITY_TYPE" is ""
    And the delivery has no "data.CRM_ENTITY_ID"
    And the delivery has no "data.CRM_CREATED_LEAD"

  @E15 @E16 @E17 @D127
  Scenario: OnExternalCallStart cuts the extension off and writes the number in the portal's numbering plan
    Given application "local.pbx" binds "OnExternalCallStart" to the handler server
    And the portal setting "phoneCountry" is "RU"
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER          | 74950001010 |
      | CRM_AUTO_CREATE | N           |
    And user 2 clicks to call "8 (999) 555-10-10#204" on line "74950001010"
    Then application "local.pbx" receives "ONEXTERNALCALLSTART"
    And the delivered "data.PHONE_NUMBER" is "8 (999) 555-10-10"
    And the delivered "data.PHONE_NUMBER_INTERNATIONAL" is "+79995551010"
    And the delivered "data.EXTENSION" is "204"

  @F7 @F49 @D86
  Scenario: finish hides the finishing user's card only; another user's stays until he closes it
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551010 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.show" with JSON:
      """
      {"CALL_ID": "{call}", "USER_ID": [3]}
      """
    And I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    Then the card of "call" for user 2 is "closed"
    And the card of "call" for user 3 is "open"

  @D86
  Scenario: With finishHidesAllCards finish closes every user's card
    Given the portal setting "finishHidesAllCards" is "true"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551011 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.show" with JSON:
      """
      {"CALL_ID": "{call}", "USER_ID": [3]}
      """
    And I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    Then the card of "call" for user 3 is "closed"

  @F44 @F45
  Scenario: finish with an empty CALL_ID is a string: the call is not found
    When I call "telephony.externalcall.finish" with JSON:
      """
      {"CALL_ID": "", "USER_ID": 2}
      """
    Then the call fails with 400 "ERROR_CORE" "Call is not found (call should be registered prior to finishing"
    When I call "telephony.externalcall.finish" with JSON:
      """
      {"CALL_ID": 123, "USER_ID": 2}
      """
    Then the call fails with 400 "INVALID_ARGUMENT" "CALL_ID must be a string"

  @C5 @C7 @C12 @C14 @C19
  Scenario: show and hide are open to any user; without CALL_ID they answer false
    When I call "telephony.externalcall.hide" with JSON:
      """
      {}
      """
    Then the call succeeds
    And the result is "false"
    When I call "telephony.externalcall.show" with JSON:
      """
      {"USER_ID": 2}
      """
    Then the call succeeds
    And the result is "false"

  @C20 @C24 @C26 @C28 @C31 @C32 @C33 @C34 @C35 @C36 @C37 @C66 @C67 @D5
  Scenario: attachRecord checks its parameters first, in the server's words
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551012 |
      | TYPE         | 2            |
      | SHOW         | 0            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID | {call} |
    Then the call fails with 400 "ERROR_CORE" "Required parameters are not set. Request should contain or URL or FILENAME parameter"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID  | {call}   |
      | FILENAME | call.mp3 |
    Then the call fails with 400 "ERROR_CORE" "Call is not found in the statistic table. Looks like it is not finished yet."
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    And I call "telephony.externalCall.attachRecord" with:
      | CALL_ID  | {call}   |
      | FILENAME | call.ogg |
    Then the call succeeds
    And the result "uploadUrl" is a string
    And the result "fieldName" is "file"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID    | {call}                         |
      | RECORD_URL | https://pbx.example/r/talk.wav |
    Then the result "FILE_ID" is an integer
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID    | {call}                          |
      | RECORD_URL | https://pbx.example/r/again.mp3 |
    Then the result "FILE_ID" is an integer

  @C42 @C46
  Scenario: attachTranscription takes COST as a double and answers the transcript's ID
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551013 |
      | TYPE         | 2            |
      | SHOW         | 0            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    And I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "COST": 1.5, "COST_CURRENCY": "USD",
       "MESSAGES": [{"SIDE": "User", "START_TIME": 1, "STOP_TIME": 3, "MESSAGE": "Good afternoon"}]}
      """
    Then the result "TRANSCRIPT_ID" is an integer

  @L3 @L6 @L12 @L19 @L22 @D91
  Scenario: A line added without NAME has an empty name; update checks for fields before NUMBER
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER | 74950001014 |
    Then the result "ID" is an integer
    When I call "telephony.externalLine.get" as application "local.pbx"
    Then the result "0.NAME" is ""
    And the result "0.CRM_AUTO_CREATE" is "Y"
    When I call "telephony.externalLine.update" as application "local.pbx" with:
      | CRM_AUTO_CREATE | N |
    Then the call fails with 400 "ERROR_CORE" "NUMBER should not be empty"
    When I call "telephony.externalLine.update" as application "local.pbx" with:
      | NUMBER | 74950001014 |
    Then the call fails with 400 "ERROR_CORE" "There are no fields to update"
    When I call "telephony.externalLine.update" as application "local.pbx" with:
      | NUMBER | 74950009999 |
      | NAME   | Nobody      |
    Then the call fails with 400 "ERROR_CORE" "Could not find line with number 74950009999"
    When I call "telephony.externalLine.delete" as application "local.pbx" with:
      | NUMBER | 74950001014 |
    Then the result is "[]"

  @R59 @S5 @T26 @T69 @T93
  Scenario: Every success's time block carries operating and operating_reset_at, limits on or off
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79990000001 |
    Then the response time "start" is an integer
    And the response time "operating_reset_at" is an integer
    And "time" has exactly the keys "start, finish, duration, processing, date_start, date_finish, operating_reset_at, operating"

  Scenario: The server's loose reading: a negative DURATION is kept, blanks are searched, an empty CALL_ID is looked up
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995551015 |
      | TYPE         | 2            |
      | SHOW         | 0            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | -5     |
    Then the result "CALL_DURATION" is the number -5
    And the result "CALL_FAILED_CODE" is "304"
    And the result "CALL_STATUS" is the number 0
    When I call "telephony.externalCall.searchCrmEntities" with JSON:
      """
      {"PHONE_NUMBER": " "}
      """
    Then the call succeeds
    And the result has 0 items
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "", "MESSAGES": [{"SIDE": "User", "STOP_TIME": 2, "MESSAGE": " "}]}
      """
    Then the call fails with 400 "ERROR_CORE" "Call  is not found. Is it finished?"
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "MESSAGES": [{"SIDE": "User", "STOP_TIME": 2, "MESSAGE": " "}]}
      """
    Then the result "TRANSCRIPT_ID" is an integer
