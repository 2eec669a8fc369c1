@recommended
Feature: Calls routed to the client's manager, and the card following a transfer
  Bitrix24 Market recommends two scenarios beyond the required ones. A call from a client the CRM knows goes to the
  client's responsible manager: the integration finds the client with telephony.externalCall.searchCrmEntities,
  whose answer names the responsible (ASSIGNED_BY), and registers the call for them, or registers it with SHOW 0 and
  shows it to them. A call the phone system transfers to another employee takes its card along: the integration
  shows the card to the employee who has the call now (telephony.externalCall.show) and hides it from the one who
  handed it on (telephony.externalCall.hide). A phone system that routes by its own dial plan leaves the first out
  with tags: "not @routing".

  @routing
  Scenario: A known client's call is routed to the client's responsible manager
    Given the portal has a contact "Olga Smirnova" with phone "+7 (999) 000-00-08" assigned to user 3
    When an incoming call from "+79990000008" reaches line "74950000000"
    Then the integration registers the call within 5 seconds
    And the call is routed to user 3, the responsible of contact "Olga Smirnova", within 5 seconds
    When user 3 answers
    And the call ends after 20 seconds
    Then the integration finishes the call with STATUS_CODE "200"

  @transfer
  Scenario: A transferred call's card moves to the employee who has the call
    Given the portal has a contact "Ivan Petrov" with phone "+79990000009" assigned to user 2
    When an incoming call from "+79990000009" reaches line "74950000000" and user 2 answers
    Then the integration registers the call within 5 seconds
    When user 2 transfers the call to user 3
    Then the call's card moves from user 2 to user 3 within 5 seconds
    When the call ends after 20 seconds
    Then the integration finishes the call with STATUS_CODE "200"
