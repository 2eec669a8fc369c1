Feature: show, hide, attachRecord, attachTranscription and external lines

  Background:
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550501 |
      | TYPE         | 2            |
      | SHOW         | 0            |
    Then I remember the result "CALL_ID" as "call"

  @C1 @C6 @C8 @C9 @C10 @C11 @C13 @C15 @C16 @C17 @C18 @C74
  Scenario: show and hide answer true, and false for an unknown call
    When I call "telephony.externalcall.show" with:
      | CALL_ID | {call} |
    Then the result is "true"
    When I call "telephony.externalcall.hide" with:
      | CALL_ID | {call} |
    Then the result is "true"
    When I call "telephony.externalcall.show" with:
      | CALL_ID | externalCall.00000000000000000000000000000000.1 |
    Then the call succeeds
    And the result is "false"

  @D196 @emulator-only
  Scenario: show to an ID that is no user of the portal answers true and opens no card
    When I call "telephony.externalcall.show" with JSON:
      """
      {"CALL_ID": "{call}", "USER_ID": [3, 999]}
      """
    Then the call succeeds
    And the result is "true"
    And the card of "call" for user 3 is "open"
    And user 999 has no card of "call"

  @C2 @C3 @D38 @F19 @C25 @C41 @C21 @C22 @C23 @C29 @C30 @C76 @C27 @C38 @C39 @C40 @C68
  Scenario: A record needs a finished call and a wav or mp3 file
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID  | {call}   |
      | FILENAME | call.mp3 |
    Then the call fails with 400 "ERROR_CORE" "Call is not found in the statistic table. Looks like it is not finished yet."
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call}     |
      | USER_ID  | {operator} |
      | DURATION | 10         |
    And I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {call}   |
      | FILENAME     | call.ogg |
      | FILE_CONTENT | AAAA     |
    Then the call fails with 400 "ERROR_CORE" "Wrong file extension. Only wav and mp3 are allowed"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {call}   |
      | FILENAME     | CALL.MP3 |
      | FILE_CONTENT | AAAA     |
    Then the call fails with 400 "ERROR_CORE" "Wrong file extension. Only wav and mp3 are allowed"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {call}   |
      | FILENAME     | call.mp3 |
      | FILE_CONTENT | SUQzBAAAAAAAAA== |
    Then the call succeeds
    And the result "FILE_ID" is an integer

  @D38 @emulator-only
  Scenario: A record's URL is kept, not downloaded, and one no HTTP client can fetch is reported
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call}     |
      | USER_ID  | {operator} |
      | DURATION | 10         |
    And I call "telephony.externalCall.attachRecord" with:
      | CALL_ID    | {call}    |
      | RECORD_URL | not a url |
    Then the call succeeds
    And the response warns "RECORD_URL \"not a url\" is no http(s) URL"
    And the emulator notes "RECORD_URL: the emulator keeps the link and does not download the record (D38)"

  @C4 @C43 @C44 @C45 @C47 @C48 @C49 @C50 @C51 @C52 @C53 @C54 @C55 @C56 @C57 @C58 @C59
  Scenario: A transcription is checked message by message
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "MESSAGES": [{"SIDE": "Bot", "START_TIME": 0, "STOP_TIME": 2, "MESSAGE": "hi"}]}
      """
    Then the call fails with 400 "ERROR_CORE" "MESSAGES[0][SIDE] should be either Client or User"

  @L1 @L4 @L5 @L7 @L8 @L10 @L11 @L13 @L14 @L15 @L16 @L17 @L18 @L20 @L21 @L23 @L24 @L25 @L26 @L27 @L28 @L29 @L30 @L31 @C63
  Scenario: External lines are added, listed, changed and removed
    When I call "telephony.externalLine.add" with:
      | NUMBER          | 74950000599 |
      | NAME            | Features    |
      | CRM_AUTO_CREATE | N           |
    Then the result "ID" is an integer
    When I call "telephony.externalLine.add" with:
      | NUMBER | 74950000599 |
    Then the call fails with 400 "ERROR_CORE" "Line already exists"
    When I call "telephony.externalLine.update" with:
      | NUMBER | 74950000599 |
    Then the call fails with 400 "ERROR_CORE" "There are no fields to update"
    When I call "telephony.externalLine.update" with:
      | NUMBER | 74950000599 |
      | NAME   | Renamed     |
    Then the result "ID" is a string
    When I call "telephony.externalLine.delete" with:
      | NUMBER | 74950000599 |
    Then the result is "[]"
    When I call "telephony.externalLine.delete" with:
      | NUMBER | 74950000599 |
    Then the call fails with 400 "ERROR_CORE" "Could not find line with number 74950000599"

  @L2 @emulator-only @R39
  Scenario: Each application sees only its own lines
    Given an application "local.a" with scopes "telephony"
    And an application "local.b" with scopes "telephony"
    When I call "telephony.externalLine.add" as application "local.a" with:
      | NUMBER | 600 |
    And I call "telephony.externalLine.get" as application "local.b"
    Then the result has 0 items

  @C78 @D161 @emulator-only
  Scenario: A record attached to a finished call is a file of the call's activity
    Given a contact "Record Client" with phone "+79995550551"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550551 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "recorded"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {recorded} |
      | USER_ID  | {operator} |
      | DURATION | 30         |
    Then I remember the result "CRM_ACTIVITY_ID" as "recordedactivity"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {recorded} |
      | FILENAME     | call.mp3   |
      | FILE_CONTENT | SUQzBAAAAAAAAA==   |
    Then I remember the result "FILE_ID" as "file"
    When I call "crm.activity.get" with:
      | id | {recordedactivity} |
    Then the result "FILES.0.id" is "{file}"
    And the result "FILES.0.url" matches ".*/bitrix/tools/crm_show_file\.php\?fileId=\d+&ownerTypeId=6&ownerId=\d+&auth=$"
    And the result has no "STORAGE_ELEMENT_IDS"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"ID": {recordedactivity}}, "select": ["*", "STORAGE_ELEMENT_IDS"]}
      """
    Then the result "0.FILES.0.id" is "{file}"

  @C79 @D166 @emulator-only
  Scenario: A call's record is a file of the portal's drive, downloaded at its DOWNLOAD_URL
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call}     |
      | USER_ID  | {operator} |
      | DURATION | 30         |
    And I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {call}   |
      | FILENAME     | call.mp3 |
      | FILE_CONTENT | SUQzBAAAAAAAAA== |
    Then I remember the result "FILE_ID" as "file"
    When I call "disk.file.get" with:
      | id | {file} |
    Then the call succeeds
    And the result "ID" is "{file}"
    And the result "NAME" is "call.mp3"
    And the result "SIZE" is "10"
    And the result "TYPE" is "file"
    And the file at the result "DOWNLOAD_URL" is the base64 "SUQzBAAAAAAAAA=="
    When I call "disk.file.get" with:
      | ID | {file} |
    Then the call fails with 400 "ERROR_ARGUMENT"

  @M90 @D180 @emulator-only
  Scenario: A call's record gets one public link
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call}     |
      | USER_ID  | {operator} |
      | DURATION | 30         |
    And I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {call}   |
      | FILENAME     | call.mp3 |
      | FILE_CONTENT | SUQzBAAAAAAAAA== |
    Then I remember the result "FILE_ID" as "file"
    When I call "disk.file.getExternalLink" with:
      | id | {file} |
    Then the call succeeds
    And I remember the result "" as "link"
    When I call "disk.file.getExternalLink" with:
      | id | {file} |
    Then the result "" equals the remembered "link"

  @D201
  Scenario: register creates the lead CRM_CREATE asks for, whatever the line's CRM_AUTO_CREATE
    When I call "telephony.externalLine.add" with:
      | NUMBER          | 74950000602 |
      | CRM_AUTO_CREATE | N           |
    Then the call succeeds
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550602 |
      | TYPE         | 1            |
      | CRM_CREATE   | 1            |
      | LINE_NUMBER  | 74950000602  |
    Then the call succeeds
    And the result "CRM_CREATED_LEAD" is an integer
