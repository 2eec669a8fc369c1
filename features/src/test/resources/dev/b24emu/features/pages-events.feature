@emulator-only
Feature: The telephony events' pages, field by field
  Each event page's data keys, as form-encoded strings (api-reference/telephony/events/,
  api-reference/telephony/voximplant/events/; features/RULES.md lists each statement with its page).

  Background:
    Given an application "local.pbx" with scopes "telephony, crm, user"

  @E43 @E44 @E42
  Scenario: OnVoximplantCallStart carries CALL_ID and the user who took the call
    Given application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    When I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 3            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 1            |
    Then I remember the result "CALL_ID" as "call"
    And application "local.pbx" receives "ONVOXIMPLANTCALLSTART"
    And "data" has exactly the keys "CALL_ID, USER_ID"
    And the delivered "data.CALL_ID" is "{call}"
    And the delivered "data.USER_ID" is "3"
    And the delivered "event" is "ONVOXIMPLANTCALLSTART"
    And the delivered "event_handler_id" is "1"
    And the delivered "auth.scope" is "crm,telephony,user"

  @E47 @E48 @E49 @E50 @E51 @E52 @E53 @E54 @E55 @E56 @E57 @E46
  Scenario: OnVoximplantCallEnd carries each field of its page as a string
    Given application "local.pbx" binds "OnVoximplantCallEnd" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER | 74950003001 |
    And I call "telephony.externalcall.register" as application "local.pbx" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 2            |
      | LINE_NUMBER  | 74950003001  |
    Then I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" as application "local.pbx" with:
      | CALL_ID       | {call}    |
      | USER_ID       | 3         |
      | DURATION      | 42        |
      | COST          | 1.5       |
      | COST_CURRENCY | USD       |
      | STATUS_CODE   | 486       |
      | FAILED_REASON | Busy here |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLEND"
    And "data" has exactly the keys "CALL_ID, CALL_TYPE, PHONE_NUMBER, PORTAL_NUMBER, PORTAL_USER_ID, CALL_DURATION, CALL_START_DATE, COST, COST_CURRENCY, CALL_FAILED_CODE, CALL_FAILED_REASON, CRM_ACTIVITY_ID"
    And the delivered "data.CALL_ID" is "{call}"
    And the delivered "data.CALL_TYPE" is "2"
    And the delivered "data.PHONE_NUMBER" is "+79990000001"
    And the delivered "data.PORTAL_NUMBER" is "74950003001"
    And the delivered "data.PORTAL_USER_ID" is "3"
    And the delivered "data.CALL_DURATION" is "42"
    And the delivered "data.COST" is "1.5"
    And the delivered "data.COST_CURRENCY" is "USD"
    And the delivered "data.CALL_FAILED_CODE" is "486"
    And the delivered "data.CALL_FAILED_REASON" is "Busy here"
    And every delivery conforms to the contract

  @E10 @E11 @E12 @E13 @E14 @E15 @E16 @E17 @E18 @E19 @E20 @E21 @E22 @E23 @E25
  Scenario: OnExternalCallStart carries each field of its page, and only the line's application gets it
    Given application "local.pbx" binds "OnExternalCallStart" to the handler server
    And an application "local.other" with scopes "telephony"
    And application "local.other" binds "OnExternalCallStart" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER          | 74950003002 |
      | CRM_AUTO_CREATE | N           |
    And user 2 clicks to call "+79990000001" on line "74950003002"
    Then application "local.pbx" receives "ONEXTERNALCALLSTART"
    And "data" has exactly the keys "PHONE_NUMBER, PHONE_NUMBER_INTERNATIONAL, EXTENSION, USER_ID, CALL_LIST_ID, LINE_NUMBER, IS_MOBILE, CALL_ID, CRM_ENTITY_TYPE, CRM_ENTITY_ID"
    And the delivered "data.PHONE_NUMBER" is "+79990000001"
    And the delivered "data.PHONE_NUMBER_INTERNATIONAL" is "+79990000001"
    And the delivered "data.EXTENSION" is ""
    And the delivered "data.USER_ID" is "2"
    And the delivered "data.CALL_LIST_ID" is "0"
    And the delivered "data.LINE_NUMBER" is "74950003002"
    And the delivered "data.IS_MOBILE" is "0"
    And the delivered "data.CALL_ID" is "{clicked}"
    And the delivered "data.CRM_ENTITY_TYPE" is "CONTACT"
    And the delivered "data.CRM_ENTITY_ID" is "1"
    And after 1 second application "local.other" has received 0 "ONEXTERNALCALLSTART"

  @E27 @E28 @E29 @E30 @E31 @E32
  Scenario: OnExternalCallBackStart carries each field of its page
    Given application "local.pbx" binds "OnExternalCallBackStart" to the handler server
    When I call "telephony.externalLine.add" as application "local.pbx" with:
      | NUMBER | 74950003003 |
    And a CRM form asks for a callback to "+79990000001" on line "74950003003"
    Then application "local.pbx" receives "ONEXTERNALCALLBACKSTART"
    And "data" has exactly the keys "PHONE_NUMBER, TEXT, VOICE, CRM_ENTITY_TYPE, CRM_ENTITY_ID, LINE_NUMBER"
    And the delivered "data.PHONE_NUMBER" is "+79990000001"
    And the delivered "data.TEXT" is "Please call back"
    And the delivered "data.LINE_NUMBER" is "74950003003"
