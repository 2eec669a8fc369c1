@incoming
Feature: Incoming calls
  A client's call reaches the company's external line. The integration registers it in Bitrix24 with the client's
  number and the line, so the operator sees the client's card, and finishes it when the call ends: answered calls
  with STATUS_CODE 200 and the conversation's length, missed ones as missed. The CRM writes numbers as people type
  them; the phone system reports them in full international form.

  Scenario: An answered incoming call is registered with its line, bound to the client and finished
    Given the portal has a contact "Ivan Petrov" with phone "+7 (999) 000-00-01" assigned to user 2
    When an incoming call from "+79990000001" reaches line "74950000000" and user 2 answers
    Then the integration registers the call with TYPE 2 and LINE_NUMBER "74950000000" within 5 seconds
    And the call is bound to contact "Ivan Petrov"
    When the call ends after 35 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 30
    And every request of the integration conforms to the spec

  Scenario: A missed incoming call is registered and finished as missed
    When an incoming call from "+79990000002" reaches line "74950000000"
    Then the integration registers the call with TYPE 2 within 5 seconds
    When the call ends unanswered
    Then the integration finishes the call with STATUS_CODE "304"
