@outgoing
Feature: Calls dialled from a desk phone
  An operator dials a client from the phone on the desk. The integration registers the call as outgoing for that
  operator and finishes it with the conversation's length.

  Scenario: A call dialled from a desk phone is registered as outgoing and finished
    Given the portal has a company "Acme Ltd" with phone "+74951112233" assigned to user 3
    When user 3 calls "+74951112233" from their desk phone through line "74950000000"
    Then the integration registers the call with TYPE 1 within 5 seconds
    And the call is bound to company "Acme Ltd"
    When the callee answers and the call ends after 20 seconds
    Then the integration finishes the call with STATUS_CODE "200" and a DURATION of at least 15
