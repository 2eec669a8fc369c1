@queue
Feature: Calls rung to a group of employees at once
  A phone system's ring group rings several employees' phones at once. The integration shows the call's card to all
  of them while it rings (telephony.externalCall.show with USER_ID a list of them, or register for one and show to
  the rest) and, once one answers, hides it from the others (telephony.externalCall.hide), as the telephony
  tutorial's simultaneous queue does. A phone system without ring groups leaves this feature out with
  tags: "not @queue".

  Scenario: A call rung to a group is shown to each of them and stays with the one who answers
    When an incoming call from "+79990000010" reaches line "74950000000" and rings users 1, 2 and 3
    Then the integration registers the call within 5 seconds
    And the call's card is shown to users 1, 2 and 3 within 5 seconds
    When user 3 answers
    Then the call's card stays with user 3 alone within 5 seconds
    When the call ends after 15 seconds
    Then the integration finishes the call with STATUS_CODE "200"
