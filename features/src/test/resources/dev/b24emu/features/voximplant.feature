@emulator-only
Feature: Built-in telephony (voximplant.*): call history, lines, SIP, employees' phones, callbacks and infocalls
  The portal's own telephony beside external calls (api-reference/telephony/voximplant/). The demo portal rents the
  number 74951112233 ("Moscow office"), its default outgoing line; user 2 has an activated SIP phone.

  @V1 @V5 @V6 @D61
  Scenario: A finished external call is a statistics record with its recording and transcript
    When I call "telephony.externalcall.register" with:
      | USER_ID          | 2            |
      | PHONE_NUMBER     | +79990000001 |
      | TYPE             | 2            |
      | LINE_NUMBER      | 74950000000  |
      | EXTERNAL_CALL_ID | pbx-1        |
      | SHOW             | 0            |
    Then I remember the result "CALL_ID" as "call"
    When I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"CALL_ID": "{call}"}}
      """
    Then the result has 0 items
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 95     |
      | VOTE     | 5      |
    And I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {call}   |
      | FILENAME     | call.mp3 |
      | FILE_CONTENT | SUQzBAAAAAAAAA== |
    Then I remember the result "FILE_ID" as "file"
    When I call "telephony.call.attachTranscription" with JSON:
      """
      {"CALL_ID": "{call}", "MESSAGES": [{"SIDE": "User", "START_TIME": 0, "STOP_TIME": 2, "MESSAGE": "Hello"}]}
      """
    Then I remember the result "TRANSCRIPT_ID" as "transcript"
    When I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"CALL_ID": "{call}"}}
      """
    Then the response "total" is the number 1
    And the result "0.CALL_ID" is "{call}"
    And the result "0.ID" is a string
    And the result "0.PORTAL_USER_ID" is "2"
    And the result "0.PORTAL_NUMBER" is "74950000000"
    And the result "0.PHONE_NUMBER" is "+79990000001"
    And the result "0.EXTERNAL_CALL_ID" is "pbx-1"
    And the result "0.CALL_CATEGORY" is "external"
    And the result "0.CALL_LOG" is "null"
    And the result "0.CALL_DURATION" is "95"
    And the result "0.CALL_START_DATE" matches "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"
    And the result "0.CALL_VOTE" is "5"
    And the result "0.COST" is "0.0000"
    And the result "0.CALL_FAILED_CODE" is "200"
    And the result "0.CRM_ENTITY_TYPE" is "CONTACT"
    And the result "0.CRM_ENTITY_ID" is "1"
    And the result "0.REST_APP_ID" is "null"
    And the result "0.TRANSCRIPT_ID" is "{transcript}"
    And the result "0.TRANSCRIPT_PENDING" is "N"
    And the result "0.RECORD_FILE_ID" is an integer
    And the result "0.RECORD_FILE_ID" is "{file}"
    And the result "0.CALL_TYPE" is "2"

  @V2 @V3 @V4 @D61 @D27
  Scenario: The history is filtered, sorted and paged as the page documents
    When I call "telephony.externalcall.register" with JSON:
      """
      {"USER_ID": 2, "PHONE_NUMBER": "+79995550701", "TYPE": 2, "SHOW": 0}
      """
    Then I remember the result "CALL_ID" as "a"
    When I call "telephony.externalcall.finish" with JSON:
      """
      {"CALL_ID": "{a}", "USER_ID": 2, "DURATION": 10}
      """
    And I call "telephony.externalcall.register" with JSON:
      """
      {"USER_ID": 3, "PHONE_NUMBER": "+79995550702", "TYPE": 1, "SHOW": 0}
      """
    Then I remember the result "CALL_ID" as "b"
    When I call "telephony.externalcall.finish" with JSON:
      """
      {"CALL_ID": "{b}", "USER_ID": 3, "DURATION": 20}
      """
    And I call "telephony.externalcall.register" with JSON:
      """
      {"USER_ID": 2, "PHONE_NUMBER": "+79995550703", "TYPE": 2, "SHOW": 0}
      """
    Then I remember the result "CALL_ID" as "c"
    When I call "telephony.externalcall.finish" with JSON:
      """
      {"CALL_ID": "{c}", "USER_ID": 2, "DURATION": 30}
      """
    And I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {">=CALL_DURATION": 20, "%PHONE_NUMBER": "5550"}, "SORT": "CALL_DURATION", "ORDER": "DESC"}
      """
    Then the result items "CALL_DURATION" are "30, 20"
    And the response "total" is the number 2
    And the response has no "next"
    When I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"><CALL_DURATION": [10, 20], "!CALL_TYPE": 1}}
      """
    Then the result items "CALL_ID" are "{a}"
    When I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"PORTAL_USER_ID": [2, 3], "!%PHONE_NUMBER": "0702"}}
      """
    Then the result items "CALL_ID" are "{a}, {c}"
    When I call "voximplant.statistic.get" with JSON:
      """
      {"start": 50}
      """
    Then the result has 0 items
    And the response "total" is the number 3
    When I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"NO_SUCH_FIELD": 1, "CALL_TYPE": 1}}
      """
    Then the result items "CALL_ID" are "{b}"
    And the response warns "Parameter FILTER"

  @V7 @D62
  Scenario: The history needs the "Call Statistics — View" right, and OWN shows one's own calls only
    When I call "telephony.externalcall.register" with JSON:
      """
      {"USER_ID": 2, "PHONE_NUMBER": "+79995550711", "TYPE": 2, "SHOW": 0}
      """
    Then I remember the result "CALL_ID" as "theirs"
    When I call "telephony.externalcall.finish" with JSON:
      """
      {"CALL_ID": "{theirs}", "USER_ID": 2, "DURATION": 5}
      """
    Given user 1 has the telephony right "callStatisticView" "OWN"
    When I call "voximplant.statistic.get"
    Then the result has 0 items
    Given user 1 has the telephony right "callStatisticView" "NONE"
    When I call "voximplant.statistic.get"
    Then the call fails with 403 "ACCESS_DENIED" "Access denied!"

  @V8 @V9 @V10 @V11 @V12 @D63
  Scenario: Lines and the default outgoing line
    When I call "voximplant.line.get"
    Then the result "74951112233" is "Moscow office"
    When I call "voximplant.line.outgoing.get"
    Then the result is "74951112233"
    When I call "voximplant.line.outgoing.set" with:
      | LINE_ID | nowhere |
    Then the result is "1"
    When I call "voximplant.line.outgoing.get"
    Then the result is "74951112233"
    When I call "voximplant.sip.add" with:
      | TYPE   | office       |
      | SERVER | office.local |
      | LOGIN  | pbx          |
    Then I remember the result "CONFIG_ID" as "config"
    When I call "voximplant.line.get"
    Then the result "sip2" is "Office PBX (2)"
    When I call "voximplant.line.outgoing.sip.set" with:
      | CONFIG_ID | {config} |
    Then the result is "1"
    When I call "voximplant.line.outgoing.get"
    Then the result is "sip2"
    When I call "voximplant.line.outgoing.sip.set" with:
      | CONFIG_ID | 999 |
    Then the call fails with 400 "ERROR_ARGUMENT" "Specified CONFIG_ID is not found"
    When I call "voximplant.sip.delete" with:
      | CONFIG_ID | {config} |
    And I call "voximplant.line.outgoing.get"
    Then the result is "LINK_BASE_NUMBER"
    When I call "voximplant.line.outgoing.sip.set" with:
      | CONFIG_ID | 1 |
    Then the result is "1"
    When I call "voximplant.line.outgoing.get"
    Then the result is "74951112233"
    Given user 1 has the telephony right "lineModify" "NONE"
    When I call "voximplant.line.get"
    Then the call fails with 403 "ACCESS_DENIED" "Access denied!"

  @V13 @V14 @V15 @D65
  Scenario: SIP connections are created with their checks and listed for their application only
    When I call "voximplant.sip.add" with:
      | TITLE    | SIP line 1       |
      | SERVER   | sip.provider.com |
      | LOGIN    | sip_user         |
      | PASSWORD | secret           |
    Then the result "TYPE" is "cloud"
    And the result "REG_ID" is an integer
    And the result "CONFIG_ID" is a string
    And the result "PASSWORD" is "secret"
    And the result has no "INCOMING_SERVER"
    When I call "voximplant.sip.add" with:
      | LOGIN | sip_user |
    Then the call fails with 400 "CHECK_FIELDS_ERROR" "Server address not specified"
    When I call "voximplant.sip.add" with:
      | SERVER | sip.provider.com |
    Then the call fails with 400 "CHECK_FIELDS_ERROR" "Login for connecting to the server not specified"
    When I call "voximplant.sip.add" with:
      | SERVER   | sip.provider.com |
      | LOGIN    | sip_user         |
      | PASSWORD | 01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890 |
    Then the call fails with 400 "CHECK_FIELDS_ERROR" "Password for connecting to the server cannot exceed 100 characters"
    When I call "voximplant.sip.add" with:
      | TITLE  | SIP line 1 |
      | SERVER | other.com  |
      | LOGIN  | other      |
    Then the call fails with 400 "TITLE_EXISTS" "The specified connection name is already registered in the system"
    When I call "voximplant.sip.get" with JSON:
      """
      {"FILTER": {"TYPE": "cloud"}}
      """
    Then the result items "TITLE" are "SIP line 1"
    And the result has no "0.ID"
    And the result "0.REG_ID" is a string
    Given an application "local.pbx" with scopes "telephony"
    When I call "voximplant.sip.get" as application "local.pbx"
    Then the result has 0 items

  @V14 @D65
  Scenario: At most ten cloud PBXs
    When I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s1", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s2", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s3", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s4", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s5", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s6", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s7", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s8", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s9", "LOGIN": "l"}
      """
    And I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s10", "LOGIN": "l"}
      """
    Then the call succeeds
    When I call "voximplant.sip.add" with JSON:
      """
      {"SERVER": "s11", "LOGIN": "l"}
      """
    Then the call fails with 400 "MAX_CLOUD_PBX" "You cannot connect more than 10 virtual PBXs."

  @V16 @V17 @V18 @D65
  Scenario: SIP connections are changed, asked for their registration and deleted by their application
    When I call "voximplant.sip.add" with:
      | SERVER | sip.provider.com |
      | LOGIN  | sip_user         |
    Then I remember the result "CONFIG_ID" as "config"
    And I remember the result "REG_ID" as "reg"
    When I call "voximplant.sip.update" with:
      | CONFIG_ID | {config} |
      | TITLE     | Renamed  |
    Then the result is "1"
    When I call "voximplant.sip.update" with:
      | CONFIG_ID | {config}    |
      | TYPE      | office      |
      | TITLE     | Still cloud |
    Then the result is "1"
    And the response has no warning
    When I call "voximplant.sip.update" with:
      | CONFIG_ID | {config}   |
      | TYPE      | CLOUD      |
      | TITLE     | Not stored |
    Then the call fails with 400 "CHECK_FIELDS_ERROR" "Incorrect PBX type"
    When I call "voximplant.sip.update" with:
      | CONFIG_ID | {config} |
      | TYPE      | CLOUD    |
    Then the result is "1"
    When I call "voximplant.sip.get"
    Then the result "0.TYPE" is "cloud"
    And the result "0.TITLE" is "Still cloud"
    When I call "voximplant.sip.update" with:
      | CONFIG_ID | 999     |
      | TITLE     | Renamed |
    Then the call fails with 404 "ERROR_NOT_FOUND" "Specified CONFIG_ID is not found"
    When I call "voximplant.sip.update" with:
      | CONFIG_ID | {config} |
      | SERVER    | ""       |
    Then the call fails with 400 "CHECK_FIELDS_ERROR" "Server address not specified"
    When I call "voximplant.sip.status" with:
      | REG_ID | {reg} |
    Then the result "STATUS_RESULT" is "success"
    And the result "STATUS_CODE" is the number 200
    And the result "LAST_UPDATED" matches "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"
    When the SIP registrar answers for REG_ID "{reg}":
      """
      {"result": "error", "statusCode": 502, "errorMessage": "Unable to resolve hostname"}
      """
    And I call "voximplant.sip.status" with:
      | REG_ID | {reg} |
    Then the result "STATUS_RESULT" is "error"
    And the result "ERROR_MESSAGE" is "Unable to resolve hostname"
    When I call "voximplant.sip.status" with:
      | REG_ID | 1 |
    Then the call fails with 400 "REG_ID_NOT_FOUND" "Settings not found"
    When I call "voximplant.sip.delete" with:
      | CONFIG_ID | 999 |
    Then the call fails with 400 "ERROR_NOT_FOUND" "Specified CONFIG_ID is not found"
    When the SIP registrar answers for REG_ID "{reg}":
      """
      {"lost": true}
      """
    And I call "voximplant.sip.delete" with:
      | CONFIG_ID | {config} |
    Then the call fails with 400 "REG_ID_NOT_FOUND" "Settings not found"

  @V19 @D69
  Scenario: The SIP connector's status follows the portal
    When I call "voximplant.sip.connector.status"
    Then the result "FREE_MINUTES" is the number 60
    And the result "PAID" is "false"
    And the result has no "PAID_DATE_END"
    Given the built-in telephony settings are:
      """
      {"sipConnector": {"paid": true, "paidDateEnd": "2027-01-31"}}
      """
    When I call "voximplant.sip.connector.status"
    Then the result "PAID" is "true"
    And the result "PAID_DATE_END" is "2027-01-31"

  @V20 @V22 @V23 @D68 @D60
  Scenario: Employees' phones are read and activated
    When I call "voximplant.user.get" with:
      | USER_ID | [2, 3] |
    Then the result items "PHONE_ENABLED" are "Y, N"
    And the result "0.SIP_LOGIN" is "phone2"
    And the result "0.INNER_NUMBER" is "101"
    And the result "1.SIP_PASSWORD" is "null"
    When I call "voximplant.user.activatePhone" with:
      | USER_ID | 3 |
    Then the result is "1"
    When I call "voximplant.user.get" with:
      | USER_ID | 3 |
    Then the result "0.PHONE_ENABLED" is "Y"
    And the result "0.SIP_PASSWORD" matches "[0-9a-f]{12}"
    When I call "voximplant.user.deactivatePhone" with:
      | USER_ID | 3 |
    Then the result is "1"
    When I call "voximplant.user.get" with:
      | USER_ID | 3 |
    Then the result "0.PHONE_ENABLED" is "Y"
    When I call "voximplant.user.get"
    Then the call fails with 400 "ERROR_CORE" "Parameter USER_ID is not set"
    Given user 1 has the telephony right "userSettingsModify" "OWN"
    When I call "voximplant.user.activatePhone" with:
      | USER_ID | 3 |
    Then the call fails with 400 "ERROR_CORE" "You are not allowed to modify user's settings"
    When I call "voximplant.user.get" with:
      | USER_ID | 3 |
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! You have no permission to query selected users"
    Given the portal setting "emptyErrorCode" is "true"
    When I call "voximplant.user.activatePhone" with:
      | USER_ID | 3 |
    Then the call fails with 400 ""

  @V21 @D68
  Scenario: An application waits for the administrator's confirmation of voximplant.user.get
    Given an application "local.pbx" with scopes "telephony"
    And the built-in telephony settings are:
      """
      {"userGetConfirmation": "pending"}
      """
    When I call "voximplant.user.get" as application "local.pbx" with:
      | USER_ID | 1 |
    Then the call fails with 401 "METHOD_CONFIRM_WAITING" "Waiting for confirmation"
    When I call "voximplant.user.get" with:
      | USER_ID | 1 |
    Then the call succeeds
    Given the built-in telephony settings are:
      """
      {"userGetConfirmation": "denied"}
      """
    When I call "voximplant.user.get" as application "local.pbx" with:
      | USER_ID | 1 |
    Then the call fails with 403 "METHOD_CONFIRM_DENIED" "Method call denied"

  @V24 @V25 @D69
  Scenario: Links to the telephony pages and the voices
    When I call "voximplant.url.get"
    Then the result "edit_config" matches "https?://.+/telephony/edit\.php\?ID=#CONFIG_ID#"
    And the result "detail_statistics" matches "https?://.+/telephony/detail\.php"
    When I call "voximplant.tts.voices.get"
    Then the result "ruinternalfemale" is "Russian (Female) (Default)"
    And the result "usenglishfemale" is "American English (Female) (Default)"

  @V26 @V27 @V30 @V31 @V32 @V33 @D64 @D67 @E171 @E172 @D156
  Scenario: A callback rings the client, talks and ends on the portal's clock
    Given an application "local.vox" with scopes "telephony, call"
    And application "local.vox" binds "OnVoximplantCallInit" to the handler server
    And application "local.vox" binds "OnVoximplantCallStart" to the handler server
    And application "local.vox" binds "OnVoximplantCallEnd" to the handler server
    When I call "voximplant.callback.start" with:
      | FROM_LINE         | 74951112233       |
      | TO_NUMBER         | +7 999 000-00-02  |
      | TEXT_TO_PRONOUNCE | You asked us      |
    Then the result "RESULT" is "true"
    And the result "CALL_ID" matches "callback\.[0-9a-f]{32}\.[0-9]+"
    And I remember the result "CALL_ID" as "call"
    And application "local.vox" receives "ONVOXIMPLANTCALLINIT"
    And the delivered "data.CALL_ID" is "{call}"
    And the delivered "data.CALL_TYPE" is "4"
    And the delivered "data.ACCOUNT_SEARCH_ID" is "74951112233"
    And the delivered "data.PHONE_NUMBER" is "+79990000002"
    And the delivered "data.CALLER_ID" is "74951112233"
    And the delivered "auth" has exactly the keys "domain, client_endpoint, server_endpoint, member_id, application_token"
    When the portal clock moves forward by "PT5S"
    Then application "local.vox" receives "ONVOXIMPLANTCALLSTART"
    And the delivery has no "auth.access_token"
    And the delivered "data.USER_ID" is "{operator}"
    When the portal clock moves forward by "PT30S"
    And I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"CALL_ID": "{call}"}}
      """
    Then the result "0.CALL_TYPE" is "4"
    And the result "0.CALL_DURATION" is "30"
    And the result "0.CALL_FAILED_CODE" is "200"
    And the result "0.PORTAL_NUMBER" is "74951112233"
    And the result "0.PORTAL_USER_ID" is "{operator}"
    And the result "0.CRM_ENTITY_TYPE" is "CONTACT"
    And the result "0.CRM_ENTITY_ID" is "2"
    And the result "0.SESSION_ID" matches "[0-9]+"
    And application "local.vox" receives "ONVOXIMPLANTCALLEND"
    And the delivered "data.CALL_DURATION" is "30"
    And the delivered "data.PORTAL_NUMBER" is "74951112233"
    And every delivery conforms to the contract
    Given user 1 has the telephony right "outgoingCall" "NONE"
    When I call "voximplant.callback.start" with:
      | FROM_LINE         | 74951112233  |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Again        |
    Then the call fails with 403 "ACCESS_DENIED" "Access denied!"

  @V26 @D66 @D60
  Scenario: A callback needs a known line with a configuration and a number, and the scope "call"
    When I call "voximplant.callback.start" with:
      | FROM_LINE         | reg000000    |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Hello        |
    Then the call fails with 400 "ERROR_CORE" "Could not find line reg000000"
    When I call "voximplant.callback.start" with JSON:
      """
      {"FROM_LINE": "reg000000", "TO_NUMBER": "", "TEXT_TO_PRONOUNCE": ""}
      """
    Then the call fails with 400 "ERROR_CORE" "Could not find line reg000000"
    When I call "voximplant.callback.start" with:
      | FROM_LINE         | LINK_BASE_NUMBER |
      | TO_NUMBER         | +79990000002     |
      | TEXT_TO_PRONOUNCE | Hello            |
    Then the call fails with 400 "ERROR_CORE" "Could not find config for number LINK_BASE_NUMBER"
    When I call "voximplant.callback.start" with:
      | FROM_LINE         | 74951112233 |
      | TO_NUMBER         | call me     |
      | TEXT_TO_PRONOUNCE | Hello       |
    Then the call fails with 400 "ERROR_CORE" "Phone number is not correct"
    Given an application "local.telephony" with scopes "telephony"
    When I call "voximplant.callback.start" as application "local.telephony" with:
      | FROM_LINE         | 74951112233  |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Hello        |
    Then the call fails with 401 "insufficient_scope"

  @V26 @D66
  Scenario: A callback from a telephony application's line goes to that application
    Given an application "local.pbx" with scopes "telephony, call"
    And application "local.pbx" binds "OnExternalCallBackStart" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER | 74957770000 |
    And I call "voximplant.callback.start" with:
      | FROM_LINE         | 74957770000  |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Call them    |
    Then the result "RESULT" is "true"
    And the result "CALL_ID" is "null"
    And application "local.pbx" receives "ONEXTERNALCALLBACKSTART"
    And the delivered "data.PHONE_NUMBER" is "+79990000002"
    And the delivered "data.TEXT" is "Call them"
    And the delivered "data.LINE_NUMBER" is "74957770000"

  @V28 @D69 @D60
  Scenario: An infocall with text: not from the service line, from a configured line, within the monthly limit
    When I call "voximplant.infocall.startwithtext" with:
      | FROM_LINE         | LINK_BASE_NUMBER |
      | TO_NUMBER         | +79990000002     |
      | TEXT_TO_PRONOUNCE | Reminder         |
    Then the call fails with 400 "ERROR_CORE" "Making infocall using LINK_BASE_NUMBER is not allowed"
    When I call "voximplant.infocall.startwithtext" with:
      | FROM_LINE         | reg000000    |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Reminder     |
    Then the call fails with 400 "ERROR_CORE" "Could not find config for number reg000000"
    When I call "voximplant.infocall.startwithtext" with JSON:
      """
      {"FROM_LINE": "reg000000", "TO_NUMBER": "", "TEXT_TO_PRONOUNCE": "Reminder"}
      """
    Then the call fails with 400 "ERROR_CORE" "Could not find config for number reg000000"
    When I call "voximplant.infocall.startwithtext" with:
      | FROM_LINE         | 74951112233 |
      | TO_NUMBER         | no digits   |
      | TEXT_TO_PRONOUNCE | Reminder    |
    Then the call fails with 400 "ERROR_CORE" "Phone number is not correct"
    Given the built-in telephony settings are:
      """
      {"infocallMonthlyLimit": 1}
      """
    When I call "voximplant.infocall.startwithtext" with:
      | FROM_LINE         | 74951112233  |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Reminder     |
    Then the result "CALL_ID" matches "infocall\.[0-9a-f]{32}\.[0-9]+"
    When I call "voximplant.infocall.startwithtext" with:
      | FROM_LINE         | 74951112233  |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Reminder     |
    Then the call fails with 400 "ERROR_CORE" "Infocall limit for this month is exceeded"
    When the portal clock moves forward by "P31D"
    And I call "voximplant.infocall.startwithtext" with:
      | FROM_LINE         | 74951112233  |
      | TO_NUMBER         | +79990000002 |
      | TEXT_TO_PRONOUNCE | Reminder     |
    Then the call succeeds

  @V29 @V31 @V33 @D64 @D67
  Scenario: An infocall with a sound to a busy number ends without a conversation
    Given an application "local.vox" with scopes "telephony, call"
    And application "local.vox" binds "OnVoximplantCallEnd" to the handler server
    And the built-in telephony settings are:
      """
      {"callees": {"+79995550720": {"outcome": "busy", "afterSeconds": 3}}}
      """
    When I call "voximplant.infocall.startwithsound" with:
      | FROM_LINE | 74951112233                      |
      | TO_NUMBER | 79995550720                      |
      | URL       | https://example.com/notice.mp3   |
    Then I remember the result "CALL_ID" as "call"
    When the portal clock moves forward by "PT3S"
    And I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"CALL_TYPE": 5}}
      """
    Then the result items "CALL_ID" are "{call}"
    And the result "0.CALL_FAILED_CODE" is "486"
    And the result "0.CALL_DURATION" is "0"
    And application "local.vox" receives "ONVOXIMPLANTCALLEND"
    And the delivered "data.CALL_TYPE" is "5"
    And the delivered "data.CALL_FAILED_CODE" is "486"
    And after 1 second application "local.vox" has received 1 "ONVOXIMPLANTCALLEND"

  @V1 @V31 @V32 @D64 @D67
  Scenario: A client rings a SIP line, an employee answers; a missed call has no operator
    Given an application "local.vox" with scopes "telephony"
    And application "local.vox" binds "OnVoximplantCallInit" to the handler server
    When I call "voximplant.sip.add" with:
      | SERVER | sip.provider.com |
      | LOGIN  | sip_user         |
    Then I remember the result "REG_ID" as "reg"
    When a built-in call "ringing" starts with:
      """
      {"direction": "incoming", "line": "reg{reg}", "phoneNumber": "+79990000001", "userId": 3,
       "callee": {"afterSeconds": 4, "talkSeconds": 120}}
      """
    Then application "local.vox" receives "ONVOXIMPLANTCALLINIT"
    And the delivered "data.CALL_TYPE" is "2"
    And the delivered "data.ACCOUNT_SEARCH_ID" is "reg{reg}"
    And the delivered "data.PHONE_NUMBER" is "reg{reg}"
    And the delivered "data.CALLER_ID" is "+79990000001"
    When a built-in call "missed" starts with:
      """
      {"line": "74951112233", "phoneNumber": "+79995550730", "userId": 2, "callee": {"outcome": "noAnswer", "afterSeconds": 20}}
      """
    And the portal clock moves forward by "PT5M"
    And I call "voximplant.statistic.get" with JSON:
      """
      {"FILTER": {"CALL_TYPE": 2}, "SORT": "CALL_DURATION", "ORDER": "DESC"}
      """
    Then the result items "CALL_ID" are "{ringing}, {missed}"
    And the result "0.PORTAL_NUMBER" is "reg{reg}"
    And the result "0.PORTAL_USER_ID" is "3"
    And the result "0.CALL_DURATION" is "120"
    And the result "1.CALL_FAILED_CODE" is "304"
    # nobody took it: CVoxImplantHistory::Add writes 0 for a number the CRM does not know (D64)
    And the result "1.PORTAL_USER_ID" is "0"

  @D182
  Scenario: A connector's diagnostics ask for the calling user's default line
    When I call "voximplant.user.getDefaultLineId" with:
      | USER_ID | 2 |
    Then the call succeeds
    And the result "defaultLineId" is "74951112233"
    When I call "voximplant.line.outgoing.set" with:
      | LINE_ID | LINK_BASE_NUMBER |
    And I call "voximplant.user.getDefaultLineId" with:
      | USER_ID | 2 |
    Then the result "defaultLineId" is "LINK_BASE_NUMBER"
