Feature: telephony.externalCall.register
  Registers a call, binds it to the CRM, creates a lead when asked, and returns the same CALL_ID for a repeat
  within 30 minutes (api-reference/telephony/telephony-external-call-register.md, REAL-BEHAVIOUR.md).

  @R1 @D27 @R26 @R27 @R62 @R67 @C60
  Scenario: Without a user the call is refused first
    When I call "telephony.externalcall.register" with:
      | PHONE_NUMBER | +79995550201 |
      | TYPE         | 9            |
    Then the call fails with 400 "ERROR_CORE" "USER_ID or USER_PHONE_INNER should be set"

  @R2 @R29 @R60 @R63 @C61
  Scenario: An unknown TYPE is refused
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550201 |
      | TYPE         | 9            |
    Then the call fails with 400 "ERROR_CORE" "Unknown TYPE"

  @R3 @R30 @R64
  Scenario: CALL_START_DATE must be ISO-8601
    When I call "telephony.externalcall.register" with:
      | USER_ID         | {operator}   |
      | PHONE_NUMBER    | +79995550201 |
      | TYPE            | 2            |
      | CALL_START_DATE | not a date   |
    Then the call fails with 400 "ERROR_CORE" "CALL_START_DATE should be in the ISO-8601 format"

  @R3 @D162 @emulator-only
  Scenario: A CALL_START_DATE strtotime reads is accepted as the real server accepts it, and reported
    When I call "telephony.externalcall.register" with:
      | USER_ID         | {operator}       |
      | PHONE_NUMBER    | +79995550202     |
      | TYPE            | 2                |
      | CALL_START_DATE | 10.03.2026 11:00 |
    Then the call succeeds
    And the response warns "Parameter CALL_START_DATE is invalid"

  @R4 @R28 @R65 @C62
  Scenario: A number without digits is refused
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator} |
      | PHONE_NUMBER | abc        |
      | TYPE         | 2          |
    Then the call fails with 400 "ERROR_CORE" "Unsupported phone number format"

  @R5 @emulator-only @R66
  Scenario: An inactive user cannot take calls
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 4            |
      | PHONE_NUMBER | +79995550201 |
      | TYPE         | 2            |
    Then the call fails with 400 "ERROR_CORE" "User is not found or is not active"

  @R6 @R23 @R53 @R54 @R55 @R57
  Scenario: A CALL_ID has the real form and the result its documented fields
    Given a contact "Olga Register" with phone "+79995550202"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550202 |
      | TYPE         | 2            |
    Then the call succeeds
    And the result "CALL_ID" matches "externalCall\.[0-9a-f]{32}\.[0-9]+"
    And the result "CRM_ENTITY_TYPE" is "CONTACT"
    And the result "CRM_ENTITY_ID" is "{Olga Register}"
    And the result "CRM_CREATED_LEAD" is "null"

  @R7 @R8 @R41 @R49
  Scenario: A repeat within 30 minutes returns the same CALL_ID whatever the CRM fields and start date
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550203 |
      | TYPE         | 2            |
      | LINE_NUMBER  | 74950000003  |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.register" with:
      | USER_ID         | {operator}                |
      | PHONE_NUMBER    | +79995550203              |
      | TYPE            | 2                         |
      | LINE_NUMBER     | 74950000003               |
      | CRM_ENTITY_TYPE | LEAD                      |
      | CRM_ENTITY_ID   | 1                         |
      | SHOW            | 0                         |
    Then the result "CALL_ID" equals the remembered "first"

  @R9 @D9 @R40 @R42 @R43 @R44 @R45 @R47 @R50 @C75
  Scenario: EXTERNAL_CALL_ID and LINE_NUMBER are keys when passed, and the number is compared as sent
    When I call "telephony.externalcall.register" with:
      | USER_ID          | {operator}   |
      | PHONE_NUMBER     | +79995550204 |
      | TYPE             | 2            |
      | EXTERNAL_CALL_ID | pbx-1        |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.register" with:
      | USER_ID          | {operator}   |
      | PHONE_NUMBER     | +79995550204 |
      | TYPE             | 2            |
      | EXTERNAL_CALL_ID | pbx-2        |
    Then the result "CALL_ID" differs from the remembered "first"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}  |
      | PHONE_NUMBER | 79995550204 |
      | TYPE         | 2           |
    Then the result "CALL_ID" differs from the remembered "first"

  @R10 @D10 @D25 @emulator-only
  Scenario: After 30 minutes a repeat is a new call
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550205 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "first"
    When the portal clock moves forward by "PT29M"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550205 |
      | TYPE         | 2            |
    Then the result "CALL_ID" equals the remembered "first"
    When the portal clock moves forward by "PT2M"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550205 |
      | TYPE         | 2            |
    Then the result "CALL_ID" differs from the remembered "first"

  @R11
  Scenario: A finished call is never reused
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550206 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "first"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID | {first}    |
      | USER_ID | {operator} |
    Then the call succeeds
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550206 |
      | TYPE         | 2            |
    Then the result "CALL_ID" differs from the remembered "first"

  @R12 @D11 @R36
  Scenario: The call binds to the client found by number, contacts before leads and companies
    Given a company "Bind Co" with phone "+79995550207"
    And a lead "Bind lead" with phone "+79995550207"
    And a contact "Bind Person" with phone "+7 (999) 555-02-07"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}    |
      | PHONE_NUMBER | 8 999 5550207 |
      | TYPE         | 2             |
    Then the result "CRM_ENTITY_TYPE" is "CONTACT"
    And the result "CRM_ENTITY_ID" is "{Bind Person}"

  @R13 @D18 @D19 @R32 @R34
  Scenario: CRM_CREATE makes a lead for an unknown number
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550208 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then the call succeeds
    And the result "CRM_CREATED_ENTITIES.0.ENTITY_TYPE" is "LEAD"
    And the result "CRM_ENTITY_TYPE" is "LEAD"
    And I remember the result "CRM_CREATED_LEAD" as "lead"
    When I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "TITLE" is "+7 999 555-02-08 - Incoming call"
    And the result "ASSIGNED_BY_ID" is "{operator}"

  @R14 @D20 @R56
  Scenario: Without CRM_CREATE nothing is created
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550209 |
      | TYPE         | 2            |
    Then the result "CRM_CREATED_LEAD" is "null"
    And the result "CRM_ENTITY_TYPE" is ""
    And the result "CRM_ENTITY_ID" is "null"

  @R15 @D14 @emulator-only
  Scenario: Simple CRM mode makes a contact and a deal instead of a lead
    Given the portal setting "crmMode" is "SIMPLE"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550210 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then the result "CRM_CREATED_ENTITIES.0.ENTITY_TYPE" is "CONTACT"
    And the result "CRM_CREATED_ENTITIES.1.ENTITY_TYPE" is "DEAL"
    And the result "CRM_CREATED_LEAD" is "null"
    When I call "crm.settings.mode.get"
    Then the result is "2"

  @R16 @D15 @emulator-only
  Scenario: Repeat-sales mode makes a return lead for a known client without an open one
    Given the portal setting "repeatSales" is "true"
    And a contact "Repeat Client" with phone "+79995550211"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550211 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then the result "CRM_ENTITY_TYPE" is "CONTACT"
    And I remember the result "CRM_CREATED_LEAD" as "lead"
    When I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "IS_RETURN_CUSTOMER" is "Y"
    And the result "CONTACT_ID" is "{Repeat Client}"

  @R16 @D16 @emulator-only
  Scenario: Outgoing calls to known clients create nothing, even in repeat-sales mode
    Given the portal setting "repeatSales" is "true"
    And a contact "Outgoing Client" with phone "+79995550212"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550212 |
      | TYPE         | 1            |
      | CRM_CREATE   | 1            |
    Then the result "CRM_CREATED_LEAD" is "null"
    And the result "CRM_CREATED_ENTITIES" is "[]"

  @R17 @D17 @emulator-only
  Scenario: Numbers on the exclusion list get nothing created
    Given "+79995550213" is on the CRM exclusion list
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550213 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then the result "CRM_CREATED_LEAD" is "null"

  @R18 @D12 @emulator-only
  Scenario: A call to an employee's inner number is internal
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2   |
      | PHONE_NUMBER | 102 |
      | TYPE         | 1   |
      | CRM_CREATE   | 1   |
    Then the result "CRM_ENTITY_TYPE" is ""
    And the result "CRM_CREATED_ENTITIES" is "[]"

  @D13 @emulator-only @R58
  Scenario: An employee's own phone gets no lead but an error
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79160000101 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
    Then the result "LEAD_CREATION_ERROR" is "Lead creation is disabled for local users"

  @R19
  Scenario: Identical registers at the same moment share one CALL_ID
    When 12 clients register the same call at once:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995550214 |
      | TYPE         | 2            |
    Then the remembered "distinct CALL_IDs" is "1"

  @R20 @emulator-only
  Scenario: USER_PHONE_INNER stands in for USER_ID
    When I call "telephony.externalcall.register" with:
      | USER_PHONE_INNER | 101          |
      | PHONE_NUMBER     | +79995550215 |
      | TYPE             | 2            |
    Then the call succeeds
