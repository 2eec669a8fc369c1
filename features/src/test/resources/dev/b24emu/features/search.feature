Feature: telephony.externalCall.searchCrmEntities
  Finds clients by phone number: contacts, then leads, then companies, with their responsible employee
  (api-reference/telephony/telephony-external-call-search-crm-entities.md).

  @S1 @D8 @D11 @S6 @S8 @S9 @S12
  Scenario: Any phone format finds contacts, then leads, then companies
    Given a company "Search Co" with phone "+79995550401"
    And a lead "Search lead" with phone "79995550401"
    And a contact "Search Person" with phone "8 (999) 555-04-01"
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +7 999 555 04 01 |
    Then the result items "CRM_ENTITY_TYPE" are "CONTACT, LEAD, COMPANY"
    And the result "0.NAME" is "Search Person"
    And the result "2.NAME" is "Search Co"

  @D8
  Scenario: International prefixes and extensions find the same client
    Given a contact "Berlin Client" with phone "+49 30 5550 4031"
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | 0049 30 5550 4031#12 |
    Then the result items "CRM_ENTITY_TYPE" are "CONTACT"
    And the result "0.NAME" is "Berlin Client"

  @S2 @S10 @S11 @S13 @S14
  Scenario: Each item carries its responsible employee
    Given a contact "Assigned Person" with phone "+79995550402"
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79995550402 |
    Then the result "0.ASSIGNED_BY_ID" is "{operator}"
    And the result "0.ASSIGNED_BY.ID" is a string
    And the result "0.ASSIGNED_BY.ID" is "{operator}"

  @S3 @S7 @S20
  Scenario: PHONE_NUMBER is required
    When I call "telephony.externalCall.searchCrmEntities"
    Then the call fails with 400 "ERROR_CORE" "PHONE_NUMBER is empty"

  @S4 @emulator-only @S15 @S16 @S17 @S18 @S19
  Scenario: The responsible employee's phones and time-tracking status are shown
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79990000002 |
    Then the result "0.ASSIGNED_BY.TIMEMAN_STATUS" is "PAUSED"
    And the result "0.ASSIGNED_BY.USER_PHONE_INNER" is "102"
    And the result "0.ASSIGNED_BY.PERSONAL_MOBILE" is "null"
