@emulator-only
Feature: Placements and the call card
  CALL_CARD widgets open with the documented POST; CallCard::* events fire exactly on their documented occasions
  (api-reference/widgets/telephony/call-card.md, api-reference/widgets/ui-interaction/call-card/).

  Background:
    Given an application "local.widget" with scopes "telephony, crm, user, placement"

  @P1 @D42 @D46 @P6 @P7 @P8 @P9 @P14 @P15 @P16 @P20 @P21 @P22 @P23 @P28 @P30 @P40 @P46 @P47 @P52 @P53 @P60 @P63 @P65 @P79 @P98 @P100 @P102 @P105 @P18 @P26 @P55 @P24 @P64 @E93 @D89
  Scenario: placement.bind rules
    When I call "placement.bind" as application "local.widget" with:
      | HANDLER | http://127.0.0.1:9/w |
    Then the call fails with 400 "ERROR_ARGUMENT" "Argument 'PLACEMENT' is null or empty"
    And the error field "argument" is "PLACEMENT"
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | NO_SUCH_PLACE        |
      | HANDLER   | http://127.0.0.1:9/w |
    Then the call fails with 400 "ERROR_PLACEMENT_NOT_FOUND"
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | CALL_CARD            |
      | HANDLER   | http://127.0.0.1:9/w |
    Then the result is "true"
    When I call "placement.bind" as application "local.widget" with:
      | PLACEMENT | CALL_CARD            |
      | HANDLER   | http://127.0.0.1:9/w |
    Then the call fails with 400 "ERROR_HANDLER_ALREADY_EXIST"
    When I call "placement.bind" with:
      | PLACEMENT | CALL_CARD            |
      | HANDLER   | http://127.0.0.1:9/w |
    Then the call fails with 403 "WRONG_AUTH_TYPE"

  @P2 @D45 @P25 @P57 @P58 @P61 @P62 @P66 @P67 @P68 @P69 @P70 @P71 @P72 @P73 @P74 @P75 @P76 @P77 @P78 @P80 @P81 @P82 @P83 @P84 @P85 @P86 @P87 @P89 @P90 @P93 @P104 @P107 @P110 @P112 @P92 @P95 @P99 @P106 @P111
  Scenario: A shown card opens the widget with the documented fields
    Given application "local.widget" binds the CALL_CARD widget to the handler server
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    And the CALL_CARD widget of application "local.widget" opens
    And the delivered "PLACEMENT" is "CALL_CARD"
    And the delivered "PLACEMENT_OPTIONS.CALL_ID" is "{call}"
    And the delivered "PLACEMENT_OPTIONS.CRM_ENTITY_TYPE" is "CONTACT"
    And the delivered "PLACEMENT_OPTIONS.CALL_DIRECTION" is "incoming"
    And the delivered "PLACEMENT_OPTIONS.CALL_LIST_MODE" is "false"
    And the delivered "PLACEMENT_OPTIONS.CRM_ACTIVITY_ID" is "undefined"
    And the delivered "LANG" is "en"
    And every delivery conforms to the contract

  @P3 @D43 @P97 @P114 @P116 @P117 @P126 @P130 @P169 @P171 @P172 @P173 @P175
  Scenario: EntityChanged fires on opening, refresh, bind and create, and for nothing else
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When user 2 does "state" in the card of "call" with "{\"state\":\"connected\"}"
    And user 2 does "refresh" in the card of "call"
    And user 2 does "bind" in the card of "call" with "{\"entityType\":\"COMPANY\",\"entityId\":1}"
    And user 2 does "create" in the card of "call" with "{\"entityType\":\"LEAD\"}"
    Then the card of "call" for user 2 emitted "CallCard::EntityChanged" for "opened, refreshed, bound, created"
    And the card of "call" for user 2 emitted "CallCard::CallStateChanged" for "state connected"

  @P3 @D43 @D47 @R38 @P177
  Scenario: In call-list mode moving to the next client fires EntityChanged
    Given a call list "list" of contacts "1, 2"
    When user 3 moves to the "first" client of call list "list"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 3            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 1            |
      | CALL_LIST_ID | {list}       |
    Then I remember the result "CALL_ID" as "call"
    When user 3 moves to the "next" client of call list "list"
    Then the card of "call" for user 3 emitted "CallCard::EntityChanged" for "opened, call list next"

  @P4 @D44 @P94 @P119 @P120 @P125 @P127 @P128 @P129 @P131 @P149 @P151 @P153 @P154 @P155 @P156 @P157 @P158 @P159
  Scenario: With auto-close disabled BeforeClose arrives twice, 65 seconds apart
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 2            |
    Then I remember the result "CALL_ID" as "call"
    When the widget in the card of "call" for user 2 calls "disableAutoClose"
    And I call "telephony.externalcall.finish" with:
      | CALL_ID | {call} |
      | USER_ID | 2      |
    Then the card of "call" for user 2 emitted "CallCard::BeforeClose" for "call ended"
    When the portal clock moves forward by "PT64S"
    Then the card of "call" for user 2 is "open"
    When the portal clock moves forward by "PT2S"
    Then the card of "call" for user 2 emitted "CallCard::BeforeClose" for "call ended, auto-close delay over"
    And the card of "call" for user 2 is "closed"

  @P5 @P118 @P122 @P136 @P137 @P138 @P140 @P143 @P144 @P145 @P146
  Scenario: getStatus returns the card's current data
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000001 |
      | TYPE         | 1            |
    Then I remember the result "CALL_ID" as "call"
    When the widget in the card of "call" for user 2 calls "getStatus"
    Then the result "CALL_ID" is "{call}"
    And the result "CALL_DIRECTION" is "outgoing"
    And the result "CALL_STATE" is "connecting"

  @D41
  Scenario: CallCard events can be subscribed over REST, with a warning that a real portal cannot
    When I call "placement.bindEvent" as application "local.widget" with:
      | PLACEMENT | CallCard::EntityChanged |
      | HANDLER   | http://127.0.0.1:9/cc   |
    Then the result is "true"
    And the response warns "placement.bindEvent and placement.unbindEvent are not REST methods on a real portal"
    When I call "placement.bindEvent" as application "local.widget" with:
      | PLACEMENT | CallCard::Nothing     |
      | HANDLER   | http://127.0.0.1:9/cc |
    Then the call fails with 400 "ERROR_PLACEMENT_NOT_FOUND"

  @D186 @emulator-only
  Scenario: The messenger's phone in a widget (BX24.im.phoneTo) places the call as a click on the number does
    Given an application "app.phone" with scopes "telephony" installed with:
      | handlerUrl | handler:/install |
    And application "app.phone" binds "OnExternalCallStart" to the handler server
    When user 2 clicks to call "+79990000014" without naming a line
    Then application "app.phone" receives "ONEXTERNALCALLSTART"
    And the delivered "data.CALL_ID" is "{clicked}"
    And the delivered "data.USER_ID" is "2"

  @D190 @emulator-only
  Scenario: The access dialog offers the portal's users, its departments and the other codes, as the portal's dialog names them
    Then the access dialog for user 2 offers "U3" from "user" named "Maria Sales"
    And the access dialog for user 2 offers "D2" from "intranet" named "Sales Department: All department employees"
    And the access dialog for user 2 offers "DR2" from "intranet" named "Sales Department: All department and subdepartment employees"
    And the access dialog for user 2 offers "U2" from "other" named "Ivan Operator"
    And the access dialog for user 2 offers "AU" from "other" named "All authorized users"
    And the access dialog for user 2 offers "G2" from "other" named "All visitors"
