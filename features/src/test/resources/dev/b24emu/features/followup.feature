Feature: Call follow-ups over REST 3.0 (call.followup.*)
  AI follow-ups of calls are read with REST 3.0 methods below /rest/api/: a JSON body, the data nested in result,
  errors as {"error": {"code", "message"}} (api-reference/telephony/follow-up/). A user sees the follow-ups of calls
  they took part in or whose linked chat they are in; an administrator sees all. The demo portal's webhook user 1 is
  an administrator; users 2 and 3 are not.

  @U1 @U3 @U14 @D70
  Scenario: REST 3.0 methods answer below /rest/api/ with the data nested in result
    When I call REST 3.0 "call.followup.field.list" with JSON:
      """
      {"select": ["name", "type", "description"]}
      """
    Then the call succeeds
    And the result "items" has 18 entries
    And the result "items.0" has the keys "name, type, description"
    And the result "items.0.name" is "callId"
    And the result "items.0.type" is "int"
    And the response has "time"
    And the response has no "total"

  @U1 @D70
  Scenario: Only a JSON body is read: a form is invalid JSON and the query string is ignored
    When I call REST 3.0 "call.followup.field.get" with the form:
      """
      name=callId
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION"
    When I call REST 3.0 "call.followup.field.get" with the query:
      """
      name=callId
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION"
    And the REST 3.0 error names the field "name" with "Mandatory field `name` is missing"

  @U2 @D70
  Scenario: A REST 3.0 method is not found on the REST 2 path, nor a REST 2 method below /rest/api/
    When I call "call.followup.field.list"
    Then the call fails with 404 "ERROR_METHOD_NOT_FOUND"
    When I call REST 3.0 "user.current" with JSON:
      """
      {}
      """
    Then the call fails with REST 3.0 error 404 "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION"

  @emulator-only @U4 @D70
  Scenario: Without the call scope an application gets INSUFFICIENTSCOPEEXCEPTION
    Given an application "local.crm" with scopes "crm"
    When I call REST 3.0 "call.followup.field.list" as application "local.crm" with JSON:
      """
      {}
      """
    Then the call fails with REST 3.0 error 403 "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION"

  @U14 @U15 @D72
  Scenario: Field descriptions: every attribute without select, and the documented errors
    When I call REST 3.0 "call.followup.field.get" with JSON:
      """
      {"name": "tracks"}
      """
    Then the call succeeds
    And the result "item" has the keys "name, type, title, description, validationRules, requiredGroups, filterable, sortable, editable, multiple, elementType"
    And the result "item.title" is "tracks"
    And the result "item.filterable" is "false"
    When I call REST 3.0 "call.followup.field.get" with JSON:
      """
      {"name": "topic"}
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_REALISATION_EXCEPTION_FIELDNOTFOUNDEXCEPTION" "Field `topic` not found"
    When I call REST 3.0 "call.followup.field.list" with JSON:
      """
      {"select": ["name", "unknownField"]}
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION" "Unknown field `unknownField` for object `DtoFieldDto`"
    When I call REST 3.0 "call.followup.field.list" with JSON:
      """
      {"select": "name"}
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION"

  @emulator-only @U5 @U7 @D72
  Scenario: get without select answers every root field, missing data null, mentions in BB form
    Given the portal has the follow-up:
      """
      {"callId": 12345, "startDate": "2026-01-15T10:00:00Z", "endDate": "2026-01-15T10:42:00Z", "initiatorId": 2,
       "participants": [{"userId": 2, "talkedSeconds": 600}, {"userId": 3, "talkedSeconds": 1200}],
       "overview": {"topic": "Sprint planning",
                    "actionItems": [{"actionItem": "[USER=2]Ivan Operator[/USER] deploys", "actionItemMentionLess": "Deploy"}]}}
      """
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": 12345}
      """
    Then the call succeeds
    And the result "item" has the keys "callId, callType, initiatorId, startDate, endDate, durationSeconds, uuid, language, version, participants, outcomes, createdAt, tracks, transcription, overview, summary, insights, evaluation"
    And the result "item.durationSeconds" is the number 2520
    And the result "item.startDate" is "2026-01-15T10:00:00+00:00"
    And the result "item.participants.0.name" is "Ivan Operator"
    And the result "item.outcomes" is '["overview"]'
    And the result "item.transcription" is "null"
    And the result "item.tracks" is '[]'
    And the result "item.overview.actionItems.0.actionItem" is "[USER=2]Ivan Operator[/USER] deploys"
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": 12345, "select": [], "mentionFormat": "none"}
      """
    Then the result "item" has the keys "callId, callType, initiatorId, startDate, endDate, durationSeconds"

  @emulator-only @U6 @U7
  Scenario: A dotted select answers only those keys of a block, always with callId, mentions as asked
    Given the portal has the follow-up:
      """
      {"callId": 7, "startDate": "2026-01-15T10:00:00Z", "participants": [{"userId": 2}],
       "overview": {"topic": "Demo", "actionItems": [{"actionItem": "[USER=2]Ivan Operator[/USER] calls back"}]}}
      """
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": 7, "select": ["overview.actionItems"], "mentionFormat": "html"}
      """
    Then the result "item" has the keys "callId, overview"
    And the result "item.overview" has the keys "actionItems"
    And the result "item.overview.actionItems.0.actionItem" is '<a href="/company/personal/user/2/">Ivan Operator</a> calls back'
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": 7, "select": ["overview"], "mentionFormat": "none"}
      """
    Then the result "item.overview.actionItems.0.actionItem" is "Ivan Operator calls back"
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": 7, "select": ["participants.name"]}
      """
    Then the call fails with REST 3.0 error 400 "invalid_select_field" "Invalid field in `select`"

  @emulator-only @U8 @D73
  Scenario: get tells a missing or mistyped callId, and an unknown call
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {}
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION" "Error during request object validation"
    And the REST 3.0 error names the field "callId" with "Mandatory field `callId` is missing"
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": "12345"}
      """
    Then the REST 3.0 error names the field "callId" with "Field `callId` must be a positive integer"
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": 999}
      """
    Then the call fails with REST 3.0 error 400 "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION" "Call not found"

  @emulator-only @U9
  Scenario: A participant and a chat member see a follow-up, anyone else is denied
    Given the portal has a user 5 named "Chat member"
    And the portal has a user 6 named "Outsider"
    And the portal has the follow-up:
      """
      {"callId": 8, "startDate": "2026-01-15T10:00:00Z", "participants": [{"userId": 3}], "chatMembers": [5]}
      """
    And an application "local.maria" with scopes "call" installed by user 3
    And an application "local.chat" with scopes "call" installed by user 5
    And an application "local.outsider" with scopes "call" installed by user 6
    When I call REST 3.0 "call.followup.get" as application "local.maria" with JSON:
      """
      {"callId": 8}
      """
    Then the call succeeds
    When I call REST 3.0 "call.followup.get" as application "local.chat" with JSON:
      """
      {"callId": 8}
      """
    Then the call succeeds
    When I call REST 3.0 "call.followup.get" as application "local.outsider" with JSON:
      """
      {"callId": 8}
      """
    Then the call fails with REST 3.0 error 403 "access_denied" "No access to Follow-up data"

  @emulator-only @U10 @U13 @D73
  Scenario: list needs a period and refuses bad order and pagination
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01T00:00:00Z"}}}
      """
    Then the call fails with REST 3.0 error 400 "invalid_date_range" "Incorrect date range: both from and to are required"
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-02-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}}}
      """
    Then the call fails with REST 3.0 error 400 "invalid_date_range"
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01", "to": "2026-02-01"}}, "order": {"startDate": "up"}}
      """
    Then the call fails with REST 3.0 error 400 "invalid_order" "Incorrect parameter `order`"
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01", "to": "2026-02-01"}}, "pagination": {"limit": 0}}
      """
    Then the call fails with REST 3.0 error 400 "invalid_pagination" "Incorrect parameter `pagination`"

  @emulator-only @U12 @D73
  Scenario: list pages newest first by cursor
    Given the portal has the follow-up:
      """
      {"callId": 101, "startDate": "2026-01-01T09:00:00Z", "participants": [{"userId": 2}]}
      """
    And the portal has the follow-up:
      """
      {"callId": 102, "startDate": "2026-01-02T09:00:00Z", "participants": [{"userId": 2}]}
      """
    And the portal has the follow-up:
      """
      {"callId": 103, "startDate": "2026-01-03T09:00:00Z", "participants": [{"userId": 2}]}
      """
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-31T00:00:00Z"}}, "pagination": {"limit": 2}}
      """
    Then the result "items" lists "callId" as "103, 102"
    And the result "hasMore" is "true"
    And the result "afterCursor.startDate" is "2026-01-02T09:00:00.000000+00:00"
    And the result "afterCursor.id" is the number 102
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-31T00:00:00Z"}},
       "pagination": {"limit": 2, "afterCursor": {"startDate": "2026-01-02T09:00:00.000000+00:00", "id": 102}}}
      """
    Then the result "items" lists "callId" as "101"
    And the result "hasMore" is "false"
    And the result "afterCursor" is "null"

  @emulator-only @U11
  Scenario: A regular user lists only their follow-ups whichever participant they name
    Given the portal has the follow-up:
      """
      {"callId": 21, "startDate": "2026-01-05T09:00:00Z", "participants": [{"userId": 2}]}
      """
    And the portal has the follow-up:
      """
      {"callId": 22, "startDate": "2026-01-06T09:00:00Z", "participants": [{"userId": 3}]}
      """
    And an application "local.ivan" with scopes "call" installed by user 2
    When I call REST 3.0 "call.followup.list" as application "local.ivan" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-31T00:00:00Z"}, "participantId": 3}}
      """
    Then the result "items" lists "callId" as "21"
    When I call REST 3.0 "call.followup.list" with JSON:
      """
      {"filter": {"startDate": {"from": "2026-01-01T00:00:00Z", "to": "2026-01-31T00:00:00Z"}, "participantId": 3}}
      """
    Then the result "items" lists "callId" as "22"

  @emulator-only @U16 @D71
  Scenario: A transcription attached to a finished call makes its follow-up
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550801 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 40     |
    Then I remember the result "ID" as "statistics"
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "MESSAGES": [{"SIDE": "User", "START_TIME": 1, "STOP_TIME": 3, "MESSAGE": "Good afternoon"},
                                         {"SIDE": "Client", "START_TIME": 4, "STOP_TIME": 7, "MESSAGE": "Hello"}]}
      """
    And I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": {statistics}, "select": ["outcomes", "durationSeconds", "transcription"]}
      """
    Then the call succeeds
    And the result "item.outcomes" is '["transcription"]'
    And the result "item.durationSeconds" is the number 40
    And the result "item.transcription.segments.0.text" is "Good afternoon"
    And the result "item.transcription.segments.0.userName" is "Ivan Operator"
    And the result "item.transcription.segments.1.userName" is "+79995550801"
    And the result "item.transcription.segments.1.end" is "00:00:07"

  @emulator-only @U17 @D155
  Scenario: A follow-up's tracks are its call's recordings, an empty list without one
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550803 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 35     |
    Then I remember the result "ID" as "statistics"
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "MESSAGES": [{"SIDE": "User", "START_TIME": 1, "STOP_TIME": 3, "MESSAGE": "Good afternoon"}]}
      """
    And I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": {statistics}, "select": ["tracks"]}
      """
    Then the result "item.tracks" is '[]'
    When I call "telephony.externalcall.attachRecord" with JSON:
      """
      {"CALL_ID": "{call}", "FILENAME": "call.mp3", "FILE_CONTENT": "SUQzBAAAAAAAI1RTU0UAAAAP"}
      """
    Then I remember the result "FILE_ID" as "file"
    When I call REST 3.0 "call.followup.get" with JSON:
      """
      {"callId": {statistics}, "select": ["tracks"]}
      """
    Then the result "item.tracks.0.type" is "record"
    And the result "item.tracks.0.fileId" is "{file}"
    And the result "item.tracks.0.callId" is "{statistics}"
    And the result "item.tracks.0.fileName" is "call.mp3"
    And the result "item.tracks.0.mimeType" is "audio/mpeg"
    And the result "item.tracks.0.fileSize" is the number 18
    And the result "item.tracks.0.duration" is the number 35
    And the result "item.tracks.0.dateCreate" matches "^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$"

  @emulator-only @M44 @M45 @D134
  Scenario: A call activity's transcript is what AI processing transcribed of its call, or null
    Given a contact "Vera Client" with phone "+79995550802"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550802 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 40     |
    Then I remember the result "CRM_ACTIVITY_ID" as "activity"
    When I call "crm.activity.call.getTranscript" with JSON:
      """
      {"activityId": {activity}}
      """
    Then the result is "null"
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "MESSAGES": [{"SIDE": "User", "START_TIME": 1, "STOP_TIME": 3, "MESSAGE": "Good afternoon"},
                                         {"SIDE": "Client", "START_TIME": 4, "STOP_TIME": 7, "MESSAGE": "Hello"}]}
      """
    And I call "crm.activity.call.getTranscript" with JSON:
      """
      {"activityId": {activity}}
      """
    Then the result "transcription" matches "^Good afternoon\nHello$"
    When I call "crm.activity.call.getTranscript" with JSON:
      """
      {"activityId": 99999}
      """
    Then the call fails with 400 "NOT_FOUND" "Element not found"
    Given the portal setting "aiCallProcessing" is "false"
    When I call "crm.activity.call.getTranscript" with JSON:
      """
      {"activityId": {activity}}
      """
    Then the call fails with 403 "ACCESS_DENIED" "Access denied."
