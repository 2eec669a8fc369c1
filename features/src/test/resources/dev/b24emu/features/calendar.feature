Feature: Calendar: the meeting a call agreed on
  A click-to-call app books a meeting in the responsible user's calendar from the contact card.

  @M88 @D178
  Scenario: A click-to-call app books a meeting in the user's calendar
    When I call "calendar.section.add" with JSON:
      """
      {"type": "user", "ownerId": 1, "name": "Calls"}
      """
    Then the call succeeds
    And I remember the result "" as "calendar"
    When I call "calendar.event.add" with JSON:
      """
      {"type": "user", "ownerId": 1, "name": "Call back", "from": "2030-01-15", "to": "2030-01-15", "skip_time": "Y",
       "section": "{calendar}", "is_meeting": "Y", "attendees": [2], "remind": [{"type": "min", "count": 20}]}
      """
    Then the call succeeds
    When I call "calendar.event.get" with JSON:
      """
      {"type": "user", "ownerId": 1, "from": "2030-01-01", "to": "2030-01-31"}
      """
    Then the result items "NAME" are "Call back"
    And the result items "SECTION_ID" are "{calendar}"
    And the result items "DT_SKIP_TIME" are "Y"
    And I remember the result "0.ID" as "event"
    When I call "calendar.event.update" with JSON:
      """
      {"id": "{event}", "type": "user", "ownerId": 1, "from": "2030-01-16", "to": "2030-01-16", "skip_time": "Y"}
      """
    Then the call succeeds
    When I call "calendar.event.get" with JSON:
      """
      {"type": "user", "ownerId": 1, "from": "2030-01-01", "to": "2030-01-31"}
      """
    Then the result items "DATE_FROM" are "01/16/2030 12:00:00 am"
    When I call "calendar.event.add" with JSON:
      """
      {"type": "user", "ownerId": 2, "name": "Call back", "from": "2030-01-15", "to": "2030-01-15", "section": "{calendar}"}
      """
    Then the call fails with 400 "ERROR_CORE" "You specified an invalid calendar section ID or the user does not have access to it"
