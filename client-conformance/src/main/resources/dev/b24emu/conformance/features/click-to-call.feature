@click-to-call
Feature: Click-to-call
  An operator clicks a client's number in Bitrix24. The portal registers the call itself and announces it to the
  integration with OnExternalCallStart; the integration has its phone system dial, and finishes the portal's
  call (the CALL_ID from the event) rather than registering a second one. An application binds the event; a
  webhook-only integration receives it through an outgoing webhook, which the kit makes with the integration's
  handler URL.

  @D77
  Scenario: Click-to-call is dialled with the event's CALL_ID and finished without registering it again
    Given the portal has a contact "Ivan Petrov" with phone "+79990000001" assigned to user 2
    When user 2 clicks to call "+79990000001" from contact "Ivan Petrov"
    Then the integration receives OnExternalCallStart within 5 seconds
    When the callee answers and the call ends after 25 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 20
    And the integration does not register the call again
