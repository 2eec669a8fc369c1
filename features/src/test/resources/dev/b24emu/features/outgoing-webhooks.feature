@emulator-only
Feature: Outgoing webhooks
  An outgoing webhook is a handler URL subscribed to events, made in the Bitrix24 interface, with an
  application_token the portal sends in every delivery (local-integrations/local-webhooks.md). Deliveries are the
  form-encoded POSTs applications get, with only domain, client_endpoint, server_endpoint, member_id and
  application_token in auth (api-reference/events/index.md). A webhook-only integration pairs one with the incoming
  webhook it calls methods through.

  @W1 @W2 @W3 @D75
  Scenario: The call events reach an outgoing webhook in the documented form
    Given an outgoing webhook for "OnVoximplantCallStart, OnVoximplantCallEnd" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550901 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    And the outgoing webhook receives "ONVOXIMPLANTCALLSTART"
    And the delivered "data.CALL_ID" is "{call}"
    And the delivered "auth" has exactly the keys "domain, client_endpoint, server_endpoint, member_id, application_token"
    And the delivered "auth.application_token" is "{webhook.application_token}"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {call} |
      | USER_ID  | 2      |
      | DURATION | 12     |
    Then the outgoing webhook receives "ONVOXIMPLANTCALLEND"
    And the delivered "data.CALL_DURATION" is "12"
    And the delivered "data.PORTAL_NUMBER" is "REST_APP:"
    And every delivery conforms to the contract

  @W3
  Scenario: One event reaches the application's handler and the outgoing webhook alike
    Given an application "local.pbx" with scopes "telephony"
    And application "local.pbx" binds "OnVoximplantCallStart" to the handler server
    And an outgoing webhook for "OnVoximplantCallStart" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550902 |
      | TYPE         | 2            |
    Then application "local.pbx" receives "ONVOXIMPLANTCALLSTART"
    And the outgoing webhook receives "ONVOXIMPLANTCALLSTART"
    And the delivered "auth" has exactly the keys "domain, client_endpoint, server_endpoint, member_id, application_token"

  @W4 @D76
  Scenario: A callback request without an application reaches the outgoing webhook
    Given an outgoing webhook for "OnExternalCallBackStart" to the handler server
    When a CRM form asks for a callback to "+79995550903"
    Then the outgoing webhook receives "ONEXTERNALCALLBACKSTART"
    And the delivered "data.PHONE_NUMBER" is "+79995550903"

  @W5 @D74
  Scenario: Only online events can be subscribed to, not the application's own
    Then an outgoing webhook for "OnAppInstall" is refused with "An outgoing webhook cannot receive OnAppInstall"
    And an outgoing webhook for "OnNoSuchEvent" is refused with "An outgoing webhook cannot receive OnNoSuchEvent"

  @W8 @D74
  Scenario: The outgoing webhooks' line REST_APP:0 takes a click even where an application handles it
    Given an application "local.pbx" with scopes "telephony, crm, user"
    And application "local.pbx" binds "OnExternalCallStart" to the handler server
    And an outgoing webhook for "OnExternalCallStart" to the handler server
    When user 2 clicks to call "+79995550906" on line "REST_APP:0"
    Then the outgoing webhook receives "ONEXTERNALCALLSTART"
    And the delivered "data.CALL_ID" is "{clicked}"

  @W6 @D75
  Scenario: A failed delivery to an outgoing webhook is not retried
    Given the handler server answers 500
    And an outgoing webhook for "OnVoximplantCallStart" to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79995550904 |
      | TYPE         | 2            |
    Then after 2 seconds the outgoing webhook has received 1 "ONVOXIMPLANTCALLSTART"

  @W7 @D74 @D76
  Scenario: Click-to-call reaches a webhook-only integration on its line
    When I call "telephony.externalLine.add" with:
      | NUMBER | 74950000905 |
    And an outgoing webhook for "OnExternalCallStart" to the handler server
    And user 2 clicks to call "+79995550905" without naming a line
    Then the remembered "clicked.appId" is "null"
    And the outgoing webhook receives "ONEXTERNALCALLSTART"
    And the delivered "data.CALL_ID" is "{clicked}"
    And the delivered "data.LINE_NUMBER" is "74950000905"
    When I call "telephony.externalcall.finish" with:
      | CALL_ID  | {clicked} |
      | USER_ID  | 2         |
      | DURATION | 20        |
    Then the call succeeds
    And the result "PORTAL_NUMBER" is "74950000905"

  @D74
  Scenario: A portal can follow the docs, where only applications get OnExternalCallStart
    Given the portal setting "outgoingWebhookClickToCall" is "false"
    Then an outgoing webhook for "OnExternalCallStart" is refused with "OnExternalCallStart can be subscribed to only through an application"
    And clicking to call "+79995550906" as user 2 is refused
