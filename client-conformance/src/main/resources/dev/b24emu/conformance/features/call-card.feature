@call-card @application
Feature: The call card widget
  An integration that embeds a widget in the call card (placement CALL_CARD) is opened when the card opens, must
  answer promptly, and hears about the card's CRM changes (CallCard::EntityChanged) when it subscribes to them.
  Widgets belong to applications (placement.bind): a webhook-mode run skips these scenarios.

  @D50
  Scenario: The widget opens with the card and follows its CRM changes
    Given the portal has a contact "Ivan Petrov" with phone "+79990000001" assigned to user 2
    And the portal has a company "Acme Ltd" with phone "+74951112233" assigned to user 2
    When an incoming call from "+79990000001" reaches line "74950000000" and user 2 answers
    Then the integration registers the call within 5 seconds
    And the integration's call card widget opens for the call within 5 seconds
    When user 2 binds the call to company "Acme Ltd" in the call card
    Then the integration's widget receives CallCard::EntityChanged for company "Acme Ltd" within 5 seconds
    When the call ends after 10 seconds
    Then the integration finishes the call with STATUS_CODE "200"

  @call-list
  Scenario: In call-list mode the widget follows the operator to the next client
    Given the portal has a contact "Ivan Petrov" with phone "+79990000001" assigned to user 2
    And the portal has a contact "Olga Smirnova" with phone "+79990000006" assigned to user 2
    And user 2 works through a call list of contacts "Ivan Petrov, Olga Smirnova"
    When user 2 clicks to call the current client of the call list
    Then the integration receives OnExternalCallStart within 5 seconds
    When user 2 moves to the next client of the call list
    Then the integration's widget receives CallCard::EntityChanged for contact "Olga Smirnova" within 5 seconds
    When the callee answers and the call ends after 10 seconds
    Then the integration finishes the call with STATUS_CODE "200"
