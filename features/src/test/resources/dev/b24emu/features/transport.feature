Feature: The REST transport behaves like the real Bitrix24 server
  Integrations reach methods through webhook URLs in any of their usual forms and encodings, and read the
  Bitrix24 envelope: result and time on success, error and error_description with the real HTTP status on failure.

  Background:
    Given a contact "Transport Client" with phone "+79995550101"

  @T1 @P44 @T13 @T15 @T23 @T24 @T61
  Scenario: Webhook URLs work with or without .json, with a trailing slash, and in any case
    When I request the webhook path "telephony.externalCall.searchCrmEntities.json?PHONE_NUMBER=79995550101"
    Then the call succeeds
    When I request the webhook path "TELEPHONY.EXTERNALCALL.SEARCHCRMENTITIES/?PHONE_NUMBER=79995550101"
    Then the call succeeds
    And the result "0.NAME" is "Transport Client"

  @T2 @T17 @T18 @T19 @T20 @T21 @T31 @T33 @T34 @T35 @T36 @T37 @T38 @T39 @T40 @T44
  Scenario: A CRest form body, an SDK JSON body and a GET query find the same client
    When I call "telephony.externalCall.searchCrmEntities" with the form:
      """
      PHONE_NUMBER=%2B7+999+555-01-01
      """
    Then the result "0.NAME" is "Transport Client"
    When I call "telephony.externalCall.searchCrmEntities" with JSON:
      """
      {"PHONE_NUMBER": "+7 (999) 555-01-01"}
      """
    Then the result "0.NAME" is "Transport Client"
    When I call "telephony.externalCall.searchCrmEntities" with the query:
      """
      PHONE_NUMBER=79995550101&bx24_request_id=abc
      """
    Then the result "0.NAME" is "Transport Client"

  @T3 @D23 @R52 @P17 @T22 @T25 @T58 @T85 @T84 @T86 @T87 @T88 @T89 @T90
  Scenario: Every success carries the time block
    When I call "user.current"
    Then the call succeeds
    And the response has "time"
    And the response time "start" is an integer
    And the response time "processing" is an integer

  @T4 @T27 @T73 @T76 @T77
  Scenario: An unknown method is a 404 without a time block
    When I call "telephony.no.such.method"
    Then the call fails with 404 "ERROR_METHOD_NOT_FOUND"
    And the response has no "time"

  @T5 @D6 @T14 @T62 @T80
  Scenario: A wrong webhook token is refused
    When I call "user.current" with a wrong webhook token
    Then the call fails with 401 "NO_AUTH_FOUND"

  @D184 @emulator-only
  Scenario: A request with credentials no portal has is kept, with what was wrong, where the developer looks
    When I call "voximplant.line.get"
    And I call "voximplant.line.get" with a wrong webhook token
    Then the call fails with 401 "NO_AUTH_FOUND"
    And the emulator's requests that named no portal include "voximplant.line.get" answered 401 "NO_AUTH_FOUND" because "no portal of this emulator has this webhook token"

  @T6 @D7 @emulator-only
  Scenario: Malformed bodies get a clean 400
    When I post "{\"PHONE_NUMBER\": " with content type "application/json" to "telephony.externalCall.searchCrmEntities"
    Then the call fails with 400 "ERROR_ARGUMENT"
    When I post "PHONE_NUMBER=%FF" with content type "application/x-www-form-urlencoded" to "telephony.externalCall.searchCrmEntities"
    Then the call fails with 400 "WRONG_ENCODING" "Wrong request encoding"

  @T8 @D7
  Scenario: What PHP SDKs send is read as the real server reads it
    When I post "[]" with content type "application/json" to "user.current"
    Then the call succeeds
    When I call "telephony.externalcall.register" with:
      | USER_ID          | {operator}   |
      | USER_PHONE_INNER | null         |
      | PHONE_NUMBER     | +79995550180 |
      | TYPE             | 2            |
      | CALL_START_DATE  | null         |
      | CRM_CREATE       | 0            |
      | CRM_SOURCE       | null         |
      | CRM_ENTITY_TYPE  | null         |
      | CRM_ENTITY_ID    | null         |
      | SHOW             | 0            |
      | CALL_LIST_ID     | null         |
      | LINE_NUMBER      | null         |
      | EXTERNAL_CALL_ID | null         |
    Then the call succeeds
    And I remember the result "CALL_ID" as "call"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID       | {call}     |
      | USER_ID       | {operator} |
      | DURATION      | 0          |
      | FAILED_REASON | null       |
      | VOTE          | null       |
      | RECORD_URL    | null       |
    Then the call succeeds

  @T113 @D149
  Scenario: An array parameter a PHP SDK sends as a JSON list is the PHP array it decodes to
    When I call "crm.lead.add" with JSON:
      """
      {"fields": [], "params": []}
      """
    Then the call succeeds
    And I remember the result "" as "lead"
    When I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "STATUS_ID" is "NEW"
    When I call "user.get" with JSON:
      """
      {"FILTER": [], "ID": 999999999}
      """
    Then the call succeeds
    And the result "0.ID" is a string
    When I call "crm.contact.add" with JSON:
      """
      {"fields": "Ivan"}
      """
    Then the call fails with 400 "ERROR_CORE" "Parameter 'fields' must be array."

  @T7 @P198 @T28 @T54 @T55 @T56 @T57 @E112
  Scenario: List methods page by 50 with next and total
    When I call "crm.contact.list" with:
      | select | ["ID"] |
    Then the call succeeds
    And the response has "total"

  @D29
  Scenario: The telephony methods read their parameters only as documented, the CRM methods in either case
    When I call "telephony.externalCall.searchCrmEntities" with:
      | phone_number | 79995550101 |
    Then the call fails with 400 "ERROR_CORE" "PHONE_NUMBER is empty"
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | 79995550101 |
    Then the call succeeds
    And the result "0.NAME" is "Transport Client"
    When I call "crm.contact.list" with JSON:
      """
      {"FILTER": {"NAME": "Transport", "LAST_NAME": "Client"}, "SELECT": ["ID", "NAME", "LAST_NAME"]}
      """
    Then the call succeeds
    And the result "0.LAST_NAME" is "Client"

  @D29 @emulator-only
  Scenario: A telephony parameter in another case than documented is reported
    When I call "telephony.externalcall.register" with:
      | user_id      | 1            |
      | PHONE_NUMBER | +79995550102 |
      | TYPE         | 2            |
    Then the call fails with 400 "ERROR_CORE" "USER_ID or USER_PHONE_INNER should be set"
    And the response warns "Parameter user_id was not read: the real server reads telephony.externalcall.register's parameters only as documented (USER_ID)"

  @T123 @D159 @emulator-only
  Scenario: A command of an application's batch may carry auth, which is the batch's and no parameter of the method
    Given the portal setting "validation" is "strict"
    And an application "local.batchauth" with scopes "crm, user"
    When I call "batch" as application "local.batchauth" with JSON:
      """
      {"halt": 0, "cmd": {"users": "user.get?FILTER[ACTIVE]=Y&auth=an-old-token",
                          "contacts": "crm.contact.list?select[]=ID&auth={local.batchauth.installed_access_token}"}}
      """
    Then the call succeeds
    And the response has no warning
    And the result "result_error" is "[]"
    And the result "result.contacts.0.ID" is "1"

  @T124 @D159 @emulator-only
  Scenario: A list reads its page from start in lower case only, and reports START
    When I call "crm.contact.list" with JSON:
      """
      {"START": 50, "select": ["ID"]}
      """
    Then the call succeeds
    And the result "0.ID" is "1"
    And the response warns "Parameter START is not start"
