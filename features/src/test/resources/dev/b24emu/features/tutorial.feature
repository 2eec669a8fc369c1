Feature: The telephony tutorial, step by step
  tutorials/telephony/index.md walks a PBX connector through its work: add the external line, find the client's
  responsible person, register the call without the card, show it to them, finish it, attach the recording. Each
  step answers as the tutorial's examples show.

  @C77
  Scenario: A call routed to the client's responsible person, finished, and its recording attached
    Given a contact "Tutorial Client" with phone "+49 906 2195047"
    When I call "telephony.externalLine.add" with:
      | NUMBER | 74950000777   |
      | NAME   | External line |
    Then the result "ID" is an integer
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | 499062195047 |
    Then the result "0.NAME" is "Tutorial Client"
    And I remember the result "0.ASSIGNED_BY_ID" as "responsible"
    When I call "telephony.externalCall.register" with:
      | USER_ID          | {responsible}                     |
      | PHONE_NUMBER     | 499062195047                      |
      | TYPE             | 2                                 |
      | LINE_NUMBER      | 74950000777                       |
      | EXTERNAL_CALL_ID | asterisk-1773130778.18441-manager |
      | SHOW             | 0                                 |
    Then the result "CRM_ENTITY_TYPE" is "CONTACT"
    And I remember the result "CALL_ID" as "tutorial"
    When I call "telephony.externalCall.show" with:
      | CALL_ID | {tutorial}    |
      | USER_ID | {responsible} |
    Then the result is "true"
    When I call "telephony.externalCall.finish" with:
      | CALL_ID     | {tutorial}    |
      | USER_ID     | {responsible} |
      | DURATION    | 95            |
      | STATUS_CODE | 200           |
    Then the result "CALL_FAILED_CODE" is "200"
    When I call "telephony.externalCall.attachRecord" with:
      | CALL_ID      | {tutorial} |
      | FILENAME     | call.mp3   |
      | FILE_CONTENT | SUQzBAAAAAAAAA==   |
    Then the result "FILE_ID" is an integer
    When I call "telephony.externalLine.delete" with:
      | NUMBER | 74950000777 |
    Then the call succeeds
