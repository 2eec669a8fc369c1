@callback
Feature: Callback requests from CRM forms
  A visitor fills in a CRM form asking to be called back. The portal tells the integration whose line the form uses
  with OnExternalCallBackStart (the number, the CRM object, the line); the integration has its phone system call the
  visitor, registers the call as a callback and finishes it. Bitrix24 Market requires this scenario of telephony apps
  (market/preparing-to-publish/requirements-telephony.md, 5). An application binds the event; a webhook-only
  integration receives it through an outgoing webhook, which the kit makes with the integration's handler URL.

  Scenario: A CRM form's callback request is dialled, registered as a callback and finished
    Given the portal has a contact "Ivan Petrov" with phone "+79990000001" assigned to user 2
    When a visitor of a CRM form asks for a callback to "+79990000001" from contact "Ivan Petrov"
    Then the integration receives OnExternalCallBackStart within 5 seconds
    And the integration registers the call with TYPE 4 within 5 seconds
    When the callee answers and the call ends after 20 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 15
    And every request of the integration conforms to the spec
