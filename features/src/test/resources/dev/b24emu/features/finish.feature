Feature: telephony.externalCall.finish
  Finishes a registered call: the statistics row, STATUS_CODE defaults, the CRM call activity, and the
  responsible of what the call created (api-reference/telephony/telephony-external-call-finish.md).

  Background:
    Given a contact "Finish Client" with phone "+79995550301"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550301 |
      | TYPE         | 2            |
      | LINE_NUMBER  | 74950000301  |
    Then I remember the result "CALL_ID" as "call"

  @F1 @D4 @D21 @F8 @F10 @F12 @F14 @F15 @F18 @F20 @F22 @F23 @F24 @F25 @F26 @F27 @F28 @F29 @F30 @F32 @F33 @F34 @F35 @F36 @F37 @F40 @F41 @F42 @F43 @F46 @F48 @F38 @F39
  Scenario: The statistics row has the documented fields and wire types
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call}     |
      | USER_ID  | {operator} |
      | DURATION | 95         |
      | VOTE     | 5          |
    Then the call succeeds
    And the result "CALL_ID" is "{call}"
    And the result "INCOMING" is a string
    And the result "INCOMING" is "2"
    And the result "CALL_DURATION" is the number 95
    And the result "CALL_FAILED_CODE" is "200"
    And the result "PORTAL_NUMBER" is "74950000301"
    And the result "CALL_START_DATE" is an empty object
    And the result "CRM_ENTITY_TYPE" is "CONTACT"
    And the result "ID" is an integer

  @F2 @F13 @F16 @F17
  Scenario: Without DURATION the call counts as missed
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call}     |
      | USER_ID | {operator} |
    Then the result "CALL_FAILED_CODE" is "304"
    And the result "CALL_STATUS" is the number 0

  @F3 @D5 @F47 @F50 @C65
  Scenario: A second finish finds no call
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call}     |
      | USER_ID | {operator} |
    And I call "telephony.externalcall.finish" with:
      | CALL_ID | {call}     |
      | USER_ID | {operator} |
    Then the call fails with 400 "ERROR_CORE" "Call is not found (call should be registered prior to finishing"

  @F4 @F9 @C64
  Scenario: CALL_ID must be a string
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | 12345      |
      | USER_ID | {operator} |
    Then the call fails with 400 "INVALID_ARGUMENT" "CALL_ID must be a string"

  @F5 @D22 @R24
  Scenario: Finishing writes a call activity on the client
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call}     |
      | USER_ID  | {operator} |
      | DURATION | 30         |
    Then I remember the result "CRM_ACTIVITY_ID" as "activity"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "OWNER_ID" is "{Finish Client}"
    And the result "OWNER_TYPE_ID" is "3"
    And the result "DIRECTION" is "1"
    And the result "COMPLETED" is "Y"

  @F6 @D18 @emulator-only @F11
  Scenario: The finishing user becomes responsible for what the call created
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550302 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then I remember the result "CALL_ID" as "created"
    And I remember the result "CRM_CREATED_LEAD" as "lead"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {created} |
      | USER_ID | 3         |
    And I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "ASSIGNED_BY_ID" is "3"

  @D3 @emulator-only @F21
  Scenario: ADD_TO_CHAT is off unless asked, as on the real server
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {call}     |
      | USER_ID | {operator} |
    Then the finished call "call" was added to the chat: "no"

  @F21 @D144 @emulator-only
  Scenario: A call finished with ADD_TO_CHAT leaves the server's message in the user's chat for the number
    When I call "telephony.externalcall.finish" with:
      | CALL_ID     | {call}     |
      | USER_ID     | {operator} |
      | DURATION    | 95         |
      | ADD_TO_CHAT | 1          |
    Then I remember the result "ID" as "stat"
    And the last call chat message of user "{operator}" is "Incoming call from [CALL=+7 999 555-03-01]+7 999 555-03-01[/CALL] finished. [PCH={stat}]Call information[/PCH]" in the chat "Finish Client" from user "0"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550301 |
      | TYPE         | 1            |
    And I remember the result "CALL_ID" as "busy"
    And I call "telephony.externalcall.finish" with:
      | CALL_ID     | {busy}     |
      | USER_ID     | {operator} |
      | STATUS_CODE | 486        |
      | ADD_TO_CHAT | 1          |
    Then the last call chat message of user "{operator}" is "[CALL=+7 999 555-03-01]+7 999 555-03-01[/CALL] is presently on a different call." in the chat "Finish Client" from user "{operator}"

  @D144 @emulator-only
  Scenario: A missed call with a voice message, and a call to a colleague's own number, in their chats
    When I call "telephony.externalcall.finish" with:
      | CALL_ID     | {call}                          |
      | USER_ID     | {operator}                      |
      | RECORD_URL  | http://127.0.0.1:1/voicemail.mp3 |
      | ADD_TO_CHAT | 1                               |
    Then I remember the result "ID" as "stat"
    And the last call chat message of user "{operator}" is "Skipped incoming call from [CALL=+7 999 555-03-01]+7 999 555-03-01[/CALL]. Caller left [PCH={stat}]a voice message[/PCH]." in the chat "Finish Client" from user "0"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 1           |
      | PHONE_NUMBER | 79160000101 |
      | TYPE         | 1           |
    And I remember the result "CALL_ID" as "colleague"
    And I call "telephony.externalcall.finish" with:
      | CALL_ID     | {colleague} |
      | USER_ID     | 1           |
      | DURATION    | 30          |
      | ADD_TO_CHAT | 1           |
    Then I remember the result "ID" as "stat2"
    And the last call chat message of user "1" is "Call to [CALL=79160000101]79160000101[/CALL] finished. [PCH={stat2}]Call information[/PCH]" in the dialog with user 2

  @R69 @D144 @emulator-only
  Scenario: register's ADD_TO_CHAT is not read: only finish's decides
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550309 |
      | TYPE         | 2            |
      | ADD_TO_CHAT  | 1            |
    And I remember the result "CALL_ID" as "asked"
    And I call "telephony.externalcall.finish" with:
      | CALL_ID | {asked}    |
      | USER_ID | {operator} |
    Then the call succeeds
    And no call chat message was sent

  @F51 @D160
  Scenario: A call's activity is bound first to the client's deal in progress, which owns it
    Given a contact "Deal Client" with phone "+79995550351"
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Order in progress", "CONTACT_ID": {Deal Client}}}
      """
    Then I remember the result "" as "deal"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550351 |
      | TYPE         | 1            |
    Then I remember the result "CALL_ID" as "dealcall"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {dealcall} |
      | USER_ID  | {operator} |
      | DURATION | 65         |
      | VOTE     | 5          |
    Then I remember the result "CRM_ACTIVITY_ID" as "dealactivity"
    When I call "crm.activity.get" with:
      | id | {dealactivity} |
    Then the result "OWNER_TYPE_ID" is "2"
    And the result "OWNER_ID" is "{deal}"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"BINDINGS": [{"OWNER_TYPE_ID": 3, "OWNER_ID": {Deal Client}}]}, "select": ["ID"]}
      """
    Then the result items "ID" are "{dealactivity}"

  @F52 @D160 @emulator-only
  Scenario: A call's activity is dated by the call, and a missed incoming call is marked as missed
    When I call "telephony.externalcall.register" with:
      | USER_ID         | {operator}                |
      | PHONE_NUMBER    | +79995550301              |
      | TYPE            | 1                         |
      | CALL_START_DATE | 2026-12-01T09:05:00+00:00 |
    Then I remember the result "CALL_ID" as "dated"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {dated}    |
      | USER_ID  | {operator} |
      | DURATION | 65         |
      | VOTE     | 5          |
    Then I remember the result "CRM_ACTIVITY_ID" as "datedactivity"
    When I call "crm.activity.get" with:
      | id | {datedactivity} |
    Then the result "CREATED" is "2026-12-01T09:05:00+00:00"
    And the result "DEADLINE" is "2026-12-01T09:06:05+00:00"
    And the result "RESULT_STREAM" is "2"
    And the result "RESULT_MARK" is "2"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID     | {call}     |
      | USER_ID     | {operator} |
      | STATUS_CODE | 304        |
    Then I remember the result "CRM_ACTIVITY_ID" as "missed"
    When I call "crm.activity.get" with:
      | id | {missed} |
    Then the result "SETTINGS.MISSED_CALL" is "true"
    And the result "COMPLETED" is "N"
    And the result "RESULT_STREAM" is "4"
