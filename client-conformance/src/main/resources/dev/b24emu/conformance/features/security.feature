@security
Feature: Forged events
  Bitrix24 signs every delivery with an application_token that only the portal and the integration know: ONAPPINSTALL
  hands it to an application, the outgoing webhook's page to the administrator who pastes it into a webhook-only
  integration. Anyone who finds the handler's URL can post it an event; an integration that does not compare the
  token does what the impostor says (api-reference/events/safe-event-handlers.md).

  Scenario: A forged OnExternalCallStart does not take over the call in progress
    Given the portal has a contact "Ivan Petrov" with phone "+79990000001" assigned to user 2
    When user 2 clicks to call "+79990000001" from contact "Ivan Petrov"
    Then the integration receives OnExternalCallStart within 5 seconds
    When an impostor posts the integration a forged OnExternalCallStart for the same number
    And the callee answers and the call ends after 25 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 20
    And the integration keeps the rule "forged-events-ignored"

  @application
  Scenario: A forged OnAppUninstall does not end the installation
    When an impostor posts the integration a forged OnAppUninstall
    And an incoming call from "+79990000001" reaches line "74950000000" and user 2 answers
    Then the integration registers the call with TYPE 2 and LINE_NUMBER "74950000000" within 5 seconds
    When the call ends after 35 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 30

  @callback
  Scenario: A forged OnExternalCallBackStart does not have the phone system call anyone
    Given the portal has a contact "Ivan Petrov" with phone "+79990000001" assigned to user 2
    When a visitor of a CRM form asks for a callback to "+79990000001" from contact "Ivan Petrov"
    Then the integration receives OnExternalCallBackStart within 5 seconds
    And the integration registers the call with TYPE 4 within 5 seconds
    When an impostor posts the integration a forged OnExternalCallBackStart for another number
    And the callee answers and the call ends after 20 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 15
    And the integration keeps the rule "forged-events-ignored"
