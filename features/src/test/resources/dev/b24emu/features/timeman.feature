@emulator-only
Feature: Work time: a user's work day, which telephony reads
  timeman.status, .open, .pause, .close and .settings (api-reference/timeman/base/) act on a user's latest work day
  on the portal's clock; telephony.externalCall.searchCrmEntities shows the responsible user's TIMEMAN_STATUS from it.

  Background:
    Given the portal clock stands still at "2090-03-01T08:00:00Z"
    And the portal has a user 7 named "Petr"
    And user 7's time-tracking status is "CLOSED"

  @M37 @D132
  Scenario: A user who never opened a day is CLOSED; a day opened is written in the offset it started in
    When I call "timeman.status" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "CLOSED"
    And the result has no "TIME_START"
    When I call "timeman.open" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "OPENED"
    And the result "TIME_START" is "2090-03-01T08:00:00+00:00"
    And the result "TIME_FINISH" is "null"
    And the result "DURATION" is "00:00:00"
    And the result "TIME_LEAKS" is "00:00:00"
    And the result "ACTIVE" is "true"
    And the result "TZ_OFFSET" is "0"
    And the result has no "TIME_FINISH_DEFAULT"

  @M38 @D132
  Scenario: Another user's day is an administrator's to read, and the user must exist
    Given an application "local.operator" with scopes "timeman" installed by user 2
    When I call "timeman.status" as application "local.operator" with:
      | USER_ID | 3 |
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! User does not have access to managing other users work time"
    When I call "timeman.status" as application "local.operator"
    Then the result "STATUS" is "EXPIRED"
    When I call "timeman.status" with:
      | USER_ID | 99 |
    Then the call fails with 400 "ERROR_CORE" "User not found"

  @M39 @M41 @D132
  Scenario: A break counts when work continues, and a closed day shows how long it was
    When I call "timeman.open" with:
      | USER_ID | 7 |
    And the portal clock moves forward by "PT2H"
    And I call "timeman.pause" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "PAUSED"
    And the result "TIME_FINISH" is "null"
    When the portal clock moves forward by "PT30M"
    And I call "timeman.open" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "OPENED"
    And the result "TIME_LEAKS" is "00:30:00"
    When the portal clock moves forward by "PT5H30M"
    And I call "timeman.close" with:
      | USER_ID | 7       |
      | LAT     | 53.5488 |
    Then the result "STATUS" is "CLOSED"
    And the result "TIME_FINISH" is "2090-03-01T16:00:00+00:00"
    And the result "DURATION" is "07:30:00"
    And the result "TIME_LEAKS" is "00:30:00"
    And the result "LAT_CLOSE" is "53.5488"
    And the result "IP_CLOSE" matches "^[0-9a-f.:]+$"

  @M39 @M41 @D132
  Scenario: A day closed today is continued by open, or paused with the time since the close counted as work
    When I call "timeman.open" with:
      | USER_ID | 7 |
    And the portal clock moves forward by "PT1H"
    And I call "timeman.close" with:
      | USER_ID | 7 |
    And the portal clock moves forward by "PT1H"
    And I call "timeman.pause" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "PAUSED"
    When I call "timeman.close" with:
      | USER_ID | 7 |
    Then the result "DURATION" is "02:00:00"
    When the portal clock moves forward by "PT1H"
    And I call "timeman.open" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "OPENED"
    And the result "TIME_START" is "2090-03-01T08:00:00+00:00"
    And the result "TIME_LEAKS" is "01:00:00"

  @M37 @M42 @D132
  Scenario: A day left open past midnight has expired and is closed only at a time of its own date
    When I call "timeman.open" with:
      | USER_ID | 7 |
    And the portal clock moves forward by "PT20H"
    And I call "timeman.status" with:
      | USER_ID | 7 |
    Then the result "STATUS" is "EXPIRED"
    And the result "TIME_FINISH_DEFAULT" is "2090-03-01T18:00:00+00:00"
    When I call "timeman.close" with:
      | USER_ID | 7 |
    Then the call fails with 400 "WD_EXPIRED" "Workday is expired"
    When I call "timeman.close" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-01T17:00:00+00:00 |
      | REPORT  | Forgot to close the day   |
    Then the result "STATUS" is "CLOSED"
    And the result "DURATION" is "09:00:00"
    And the result "ACTIVE" is "false"
    When I call "timeman.open" with:
      | USER_ID | 7 |
    Then the result "TIME_START" is "2090-03-02T04:00:00+00:00"

  @M40 @D133
  Scenario: TIME is ATOM on today's date, and its offset becomes the day's
    When I call "timeman.open" with:
      | USER_ID | 7           |
      | TIME    | 8 o'clock   |
    Then the call fails with 400 "WRONG_DATETIME_FORMAT" "Wrong datetime format"
    When I call "timeman.open" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-02T08:00:00+00:00 |
    Then the call fails with 400 "WRONG_DATETIME" "Day open date should correspond to the current date"
    When I call "timeman.open" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-01T10:00:00+03:00 |
      | REPORT  | Came in an hour earlier   |
    Then the result "TIME_START" is "2090-03-01T10:00:00+03:00"
    And the result "TZ_OFFSET" is "10800"
    And the result "ACTIVE" is "false"
    When I call "timeman.pause" with:
      | USER_ID | 7 |
    And I call "timeman.open" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-01T11:00:00+03:00 |
    Then the call fails with 400 "ERROR_ARGUMENT" "Unable to set time, work day is paused"
    And the error field "argument" is "TIME"

  @M42 @D133
  Scenario: A closing TIME falls on the day's date and is written in the day's offset
    When I call "timeman.open" with:
      | USER_ID | 7 |
    And I call "timeman.close" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-02T09:00:00+00:00 |
      | REPORT  | Late                      |
    Then the call fails with 400 "WRONG_DATETIME" "Day close date should correspond to the day open date"
    When I call "timeman.close" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-01T20:00:00+03:00 |
      | REPORT  | Left at five              |
    Then the result "TIME_FINISH" is "2090-03-01T17:00:00+00:00"
    And the result "DURATION" is "09:00:00"

  @M40 @D133
  Scenario: A TIME without a REPORT is answered and reported, and refused in strict mode
    When I call "timeman.open" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-01T08:05:00+00:00 |
    Then the result "STATUS" is "OPENED"
    And the result "ACTIVE" is "true"
    And the response warns "TIME without a REPORT"
    Given the portal setting "validation" is "strict"
    When I call "timeman.close" with:
      | USER_ID | 7                         |
      | TIME    | 2090-03-01T09:00:00+00:00 |
    Then the call fails with 400 "ERROR_ARGUMENT"

  @M43 @D133
  Scenario: Work time settings: the limits of a tracked user, ADMIN only in the caller's own
    When I call "timeman.settings" with:
      | USER_ID | 7 |
    Then the result "UF_TIMEMAN" is "true"
    And the result "UF_TM_FREE" is "false"
    And the result "UF_TM_MAX_START" is "09:15:00"
    And the result "UF_TM_MIN_FINISH" is "17:45:00"
    And the result "UF_TM_MIN_DURATION" is "08:00:00"
    And the result "UF_TM_ALLOWED_DELTA" is "00:15:00"
    And the result has no "ADMIN"
    When I call "timeman.settings"
    Then the result "ADMIN" is "true"
    Given user 7's time-tracking status is "UNAVAILABLE"
    When I call "timeman.settings" with:
      | USER_ID | 7 |
    Then the result "UF_TIMEMAN" is "false"
    And the result "UF_TM_MAX_START" is "00:00:00"

  @S15 @D132
  Scenario: searchCrmEntities shows the responsible user's work day as it stands
    Given a contact "Daria Client" with phone "+79995550777" assigned to user 7
    When I call "timeman.open" with:
      | USER_ID | 7 |
    And I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79995550777 |
    Then the result "0.ASSIGNED_BY.TIMEMAN_STATUS" is "OPENED"
    When I call "timeman.pause" with:
      | USER_ID | 7 |
    And I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79995550777 |
    Then the result "0.ASSIGNED_BY.TIMEMAN_STATUS" is "PAUSED"
    When the portal clock moves forward by "P1D"
    And I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79995550777 |
    Then the result "0.ASSIGNED_BY.TIMEMAN_STATUS" is "EXPIRED"
    Given user 7's time-tracking status is "UNAVAILABLE"
    When I call "telephony.externalCall.searchCrmEntities" with:
      | PHONE_NUMBER | +79995550777 |
    Then the result "0.ASSIGNED_BY.TIMEMAN_STATUS" is "UNAVAILABLE"
