Feature: What SDKs and connectors call first
  Every integration starts by asking where it stands: who the caller is (profile), the server's time, its scopes and
  methods (api-reference/common/), the application itself (app.info), and the users it works with
  (api-reference/user/): their fields, updates and invitations.

  @M1
  Scenario: profile is the caller's basic data, with no scope needed
    When I call "profile"
    Then the call succeeds
    And the result "ID" is "{operator}"
    And the result "ADMIN" is a boolean
    And the result "PERSONAL_GENDER" matches "^(M|F|)$"
    And the result "TIME_ZONE" is a string

  @M2 @D53 @emulator-only
  Scenario: A dismissed user's profile is empty where the portal lets the user's token through
    Given an application "local.profile" with scopes "telephony" installed by user 2
    When I call "profile" as application "local.profile"
    Then the result "ID" is "2"
    When I call "user.update" with:
      | ID     | 2 |
      | ACTIVE | N |
    And I call "profile" as application "local.profile"
    Then the call fails with 401 "authorization_error"
    Given the portal setting "refuseInactiveUsers" is "false"
    When I call "profile" as application "local.profile"
    Then the call succeeds
    And the result is "[]"

  @M3
  Scenario: server.time is the time with its offset
    When I call "server.time"
    Then the call succeeds
    And the result "" matches "^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"

  @M4 @emulator-only
  Scenario: scope lists the caller's scopes, or every scope with full
    Given an application "local.scoped" with scopes "telephony, crm"
    When I call "scope" as application "local.scoped"
    Then the result items "" are "crm, telephony"
    When I call "scope" as application "local.scoped" with:
      | full | true |
    Then the result includes "user_brief"
    And the result includes "vote"
    And the result includes "tasks_extended"

  @M5
  Scenario: methods lists methods by scope in lower case, the common ones for an empty scope
    When I call "methods" with:
      | scope | telephony |
    Then the call succeeds
    And the result includes "telephony.externalcall.register"
    And the result includes "telephony.externalcall.searchcrmentities"
    And the result does not include "crm.lead.add"
    When I call "methods" with the query:
      """
      scope=
      """
    Then the result includes "server.time"
    And the result includes "method.get"
    And the result does not include "telephony.externalcall.register"

  @M6
  Scenario: method.get says whether a method exists and the caller may call it
    When I call "method.get" with:
      | name | user.get |
    Then the result "isExisting" is "true"
    And the result "isAvailable" is "true"
    When I call "method.get" with:
      | name | no.such.method |
    Then the result "isExisting" is "false"
    When I call "method.get"
    Then the call succeeds
    And the result "isExisting" is "false"
    And the result "isAvailable" is "false"

  @M6 @emulator-only
  Scenario: A method outside the caller's scopes exists but is not available
    Given an application "local.narrow" with scopes "telephony"
    When I call "method.get" as application "local.narrow" with:
      | name | crm.lead.add |
    Then the result "isExisting" is "true"
    And the result "isAvailable" is "false"

  @M7 @emulator-only
  Scenario: app.info describes the calling application
    Given an application "local.pbx" with scopes "telephony, crm"
    When I call "app.info" as application "local.pbx"
    Then the call succeeds
    And the result "CODE" is "local.pbx"
    And the result "ID" is an integer
    And the result "VERSION" is the number 1
    And the result "STATUS" is "L"
    And the result "INSTALLED" is "true"
    And the result "PAYMENT_EXPIRED" is "N"
    And the result "LICENSE" is "en_ent10000"

  @M8 @emulator-only
  Scenario: An update is seen at once by user.get and by telephony's look-up of inner numbers
    When I call "user.update" with:
      | ID             | 3            |
      | UF_PHONE_INNER | 777          |
      | WORK_POSITION  | Sales lead   |
    Then the call succeeds
    And the result is "true"
    When I call "user.get" with:
      | ID | 3 |
    Then the result "0.UF_PHONE_INNER" is "777"
    And the result "0.WORK_POSITION" is "Sales lead"
    When I call "telephony.externalcall.register" with:
      | USER_PHONE_INNER | 777          |
      | PHONE_NUMBER     | +79995551801 |
      | TYPE             | 2            |
    Then the call succeeds
    When I call "user.update" with:
      | ID     | 3 |
      | ACTIVE | N |
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 3            |
      | PHONE_NUMBER | +79995551802 |
      | TYPE         | 2            |
    Then the call fails with 400 "ERROR_CORE" "User is not found or is not active"

  @M9 @emulator-only
  Scenario: An invalid ID, or another user's profile without the right, is access_denied
    When I call "user.update" with:
      | ID   | 0 |
      | NAME | X |
    Then the call fails with 400 "ERROR_CORE" "access_denied"
    Given an application "local.user" with scopes "user" installed by user 2
    When I call "user.update" as application "local.user" with:
      | ID   | 3 |
      | NAME | X |
    Then the call fails with 400 "ERROR_CORE" "access_denied"

  @M10 @emulator-only
  Scenario: user.add invites a user and answers the new ID
    When I call "user.add" with:
      | EMAIL         | new.operator@example.com |
      | NAME          | New                      |
      | UF_DEPARTMENT | [1]                      |
    Then the call succeeds
    And the result is "5"
    When I call "user.get" with:
      | ID | 5 |
    Then the result "0.EMAIL" is "new.operator@example.com"
    And the result "0.ACTIVE" is "true"

  @M11 @emulator-only
  Scenario: user.add refuses a missing or taken e-mail and an intranet user without a department
    When I call "user.add" with:
      | NAME | Nobody |
    Then the call fails with 400 "ERROR_ARGUMENT" "wrong_email"
    And the error field "argument" is ""
    When I call "user.add" with:
      | EMAIL         | ivan@demo.bitrix24.local |
      | UF_DEPARTMENT | [1]                      |
    Then the call fails with 400 "ERROR_ARGUMENT" "A user with this email already exists"
    When I call "user.add" with:
      | EMAIL | someone@example.com |
    Then the call fails with 400 "ERROR_ARGUMENT" "no_extranet_field"

  @M12
  Scenario: user.fields names the user fields with their labels
    When I call "user.fields"
    Then the call succeeds
    And the result "ID" is a string
    And the result includes "UF_PHONE_INNER"
    And the result includes "WORK_PHONE"

  @M12 @D54 @emulator-only
  Scenario: A user_brief caller sees no contact details
    Given an application "local.brief" with scopes "user_brief"
    When I call "user.fields" as application "local.brief"
    Then the result includes "UF_PHONE_INNER"
    And the result does not include "EMAIL"
    When I call "user.get" as application "local.brief" with:
      | ID | 3 |
    Then the result "0.NAME" is "Maria"
    And the result has no "0.WORK_PHONE"
    When I call "user.update" as application "local.brief" with:
      | ID   | 1 |
      | NAME | X |
    Then the call fails with 401 "insufficient_scope"

  @M26 @D129 @emulator-only
  Scenario: user.admin says whether the current user is an administrator
    Given an application "local.operator" with scopes "telephony" installed by user 2
    When I call "user.admin"
    Then the result is "true"
    When I call "user.admin" as application "local.operator"
    Then the call succeeds
    And the result is "false"

  @M27 @D129 @emulator-only
  Scenario: user.access is true for a code the user holds, and always for an administrator
    Given an application "local.operator" with scopes "telephony" installed by user 2
    When I call "user.access" as application "local.operator" with JSON:
      """
      {"ACCESS": ["U7", "G1"]}
      """
    Then the result is "false"
    When I call "user.access" as application "local.operator" with JSON:
      """
      {"ACCESS": ["U7", "U2"]}
      """
    Then the result is "true"
    When I call "user.access" as application "local.operator" with JSON:
      """
      {"ACCESS": ["AU"]}
      """
    Then the result is "true"
    When I call "user.access" with JSON:
      """
      {"ACCESS": ["U7"]}
      """
    Then the result is "true"

  @M28 @D129
  Scenario: access.name names the codes asked for and leaves out the unknown ones
    When I call "access.name" with JSON:
      """
      {"ACCESS": ["G2", "AU", "X1"]}
      """
    Then the call succeeds
    And the result "G2.provider_id" is "other"
    And the result "G2.provider" is ""
    And the result "AU.name" is "All authorized users"
    And the result has no "X1"
    When I call "access.name"
    Then the result is "false"

  @M28 @D129 @emulator-only
  Scenario: access.name names a user by its name
    When I call "access.name" with JSON:
      """
      {"ACCESS": ["U3", "U99"]}
      """
    Then the result "U3.name" is "Maria Sales"
    And the result "U3.provider_id" is "user"
    And the result has no "U99"

  @M29 @D129
  Scenario: feature.get answers Y or N for a feature, and needs its CODE
    When I call "feature.get" with:
      | CODE | rest_offline_extended |
    Then the call succeeds
    And the result "value" matches "^(Y|N)$"
    When I call "feature.get"
    Then the call fails with 400 "CODE_EMPTY" "CODE can't be empty"

  @M29 @D129 @emulator-only
  Scenario: The emulated portal has both documented features
    When I call "feature.get" with:
      | CODE | rest_auth_connector |
    Then the result "value" is "Y"
    When I call "feature.get" with:
      | CODE | rest_offline_extended |
    Then the result "value" is "Y"

  @M67 @D157 @emulator-only
  Scenario: user.current answers the keys of the page's example, its dates as ConvertDate writes them, empty ones as ""
    When I call "user.current"
    Then the call succeeds
    And the result "LAST_LOGIN" is "2026-11-30T08:55:12+00:00"
    And the result "DATE_REGISTER" is "2026-01-12T00:00:00+00:00"
    And the result "IS_ONLINE" is "N"
    And the result "PERSONAL_BIRTHDAY" is ""
    And the result "UF_EMPLOYMENT_DATE" is ""
    When I call "user.update" with:
      | ID                | 2          |
      | PERSONAL_BIRTHDAY | 01.04.1990 |
    And I call "user.get" with:
      | ID | 2 |
    Then the result "0.PERSONAL_BIRTHDAY" is "1990-04-01T00:00:00+00:00"

  @M72 @D157 @emulator-only
  Scenario: a user who logged in is online for 24 minutes, and the IS_ONLINE filter finds them
    Given the portal clock stands still at "2026-12-06T09:00:00Z"
    When I call "user.get" with JSON:
      """
      {"FILTER": {"IS_ONLINE": "Y"}}
      """
    Then the result has 0 items
    When user "3" logs in
    And I call "user.get" with JSON:
      """
      {"FILTER": {"IS_ONLINE": "Y"}}
      """
    Then the result items "ID" are "3"
    And the result "0.IS_ONLINE" is "Y"
    And the result "0.LAST_ACTIVITY_DATE" is "2026-12-06 09:00:00"
    When the portal clock moves forward by "PT23M59S"
    And I call "user.get" with:
      | ID | 3 |
    Then the result "0.IS_ONLINE" is "Y"
    When the portal clock moves forward by "PT1S"
    And I call "user.get" with:
      | ID | 3 |
    Then the result "0.IS_ONLINE" is "N"
    And the result "0.LAST_ACTIVITY_DATE" is "2026-12-06 09:00:00"

  @M30 @D129 @emulator-only
  Scenario: user.search finds users by the words their names begin, and by FIND
    When I call "user.search" with:
      | NAME | iv |
    Then the call succeeds
    And the result items "ID" are "2"
    When I call "user.search" with JSON:
      """
      {"FILTER": {"FIND": "sal"}}
      """
    Then the result items "ID" are "3"
    When I call "user.search" with JSON:
      """
      {"FILTER": {"FIND": "Maria-Sal"}}
      """
    Then the result items "ID" are "3"
    When I call "user.search" with:
      | LAST_NAME | ales |
    Then the result has 0 items
    When I call "user.get" with:
      | NAME | iv |
    Then the result has 0 items

  @M31 @D131 @emulator-only
  Scenario: An application keeps its settings, which only an administrator writes
    Given an application "local.pbx" with scopes "telephony"
    And an application "local.operator" with scopes "telephony" installed by user 2
    When I call "app.option.set" as application "local.pbx" with JSON:
      """
      {"options": {"line": "100", "mode": "auto"}}
      """
    Then the result is "true"
    When I call "app.option.set" as application "local.pbx" with JSON:
      """
      {"options": {"line": "200"}}
      """
    And I call "app.option.get" as application "local.pbx"
    Then the result "line" is "200"
    And the result "mode" is "auto"
    When I call "app.option.get" as application "local.pbx" with:
      | option | mode |
    Then the result is "auto"
    When I call "app.option.set" as application "local.operator" with JSON:
      """
      {"options": {"line": "300"}}
      """
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! Administrator authorization required"
    When I call "app.option.get"
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! Application context required"

  @M32 @D131 @emulator-only
  Scenario: Each user keeps their own settings for the application
    Given an application "local.operator" with scopes "telephony" installed by user 2
    When I call "user.option.set" as application "local.operator" with JSON:
      """
      {"options": {"extension": "101"}}
      """
    Then the result is "true"
    When I call "user.option.get" as application "local.operator" with:
      | option | extension |
    Then the result is "101"
    When I call "user.option.get" as application "local.operator" with:
      | option | missing |
    Then the result is "null"

  @M46 @M47 @D135 @emulator-only
  Scenario: The company structure is listed depth first, or by a field, and filtered by its fields
    When I call "department.get"
    Then the call succeeds
    And the result items "ID" are "1, 3, 2"
    And the response "total" is the number 3
    And the result "0" has the keys "ID, NAME, SORT, UF_HEAD"
    And the result "1.PARENT" is "1"
    And the result "1.SORT" is the number 400
    When I call "department.get" with JSON:
      """
      {"sort": "NAME", "order": "DESC", "PARENT": 1}
      """
    Then the result items "NAME" are "Sales Department, Customer Support"
    When I call "department.get" with JSON:
      """
      {"FILTER": {"NAME": "customer support"}}
      """
    Then the result items "ID" are "3"
    When I call "department.fields"
    Then the result "PARENT" is "Parent Department"

  @M48 @M49 @M50 @D135 @emulator-only
  Scenario: An administrator adds, changes and deletes departments; the pages' errors
    When I call "department.add" with JSON:
      """
      {"NAME": "Muggle Studies Department", "SORT": 450, "UF_HEAD": 1, "PARENT": 2}
      """
    Then the result is "4"
    When I call "department.add" with JSON:
      """
      {"PARENT": 2}
      """
    Then the call fails with 400 "ERROR_CORE" "The department name is not provided.<br>"
    When I call "department.add" with JSON:
      """
      {"NAME": "Board"}
      """
    Then the call fails with 400 "ERROR_CORE" "There can only be one top-level department in the company structure"
    When I call "department.update" with JSON:
      """
      {"ID": 4, "NAME": "Department of Secrets", "PARENT": 1}
      """
    Then the result is "true"
    When I call "department.get" with JSON:
      """
      {"ID": 4}
      """
    Then the result "0.NAME" is "Department of Secrets"
    And the result "0.PARENT" is "1"
    When I call "department.update" with JSON:
      """
      {"ID": 40, "NAME": "Nowhere"}
      """
    Then the call fails with 400 "ERROR_CORE" "Department not found"
    When I call "department.delete" with JSON:
      """
      {"ID": 4}
      """
    Then the result is "true"
    Given an application "local.structure" with scopes "department" installed by user 2
    When I call "department.add" as application "local.structure" with JSON:
      """
      {"NAME": "Shadow", "PARENT": 1}
      """
    Then the call fails with 400 "ERROR_CORE" "Access denied"

  @M30 @D135 @emulator-only
  Scenario: user.search finds users by the names of their departments
    When I call "user.search" with JSON:
      """
      {"UF_DEPARTMENT_NAME": "demo"}
      """
    Then the result items "ID" are "1, 2, 3, 4"
    When I call "user.search" with JSON:
      """
      {"UF_DEPARTMENT_NAME": "sales"}
      """
    Then the result has 0 items

  @M51 @M53 @D136 @emulator-only
  Scenario: A connector tells a user of a missed call; an application's system notification carries its name
    When I call "im.notify.personal.add" with:
      | USER_ID | 2                          |
      | MESSAGE | Please call Ivan Petrov back |
    Then the result is "1"
    And the last notification went to user 2 from user 1 saying "Please call Ivan Petrov back"
    Given an application "local.pbx" with scopes "im, telephony"
    When I call "im.notify.system.add" as application "local.pbx" with:
      | USER_ID | 3                              |
      | MESSAGE | Missed call from +79990000001 |
    Then the result is "2"
    And the last notification went to user 3 from user 0 saying "local.pbx#BR#Missed call from +79990000001"
    When I call "im.notify.system.add" with JSON:
      """
      {"USER_ID": 3, "MESSAGE": "   "}
      """
    Then the call fails with 400 "MESSAGE_EMPTY" "Message can't be empty"
    When I call "im.notify.system.add" with:
      | MESSAGE | hi |
    Then the call fails with 400 "USER_ID_EMPTY" "User ID can't be empty"

  @M52 @M54 @D136 @emulator-only
  Scenario: An application's tag replaces its earlier notification, and deletes it
    Given an application "local.pbx" with scopes "im"
    When I call "im.notify.system.add" as application "local.pbx" with:
      | USER_ID | 2          |
      | MESSAGE | 1 missed   |
      | TAG     | MISSED_101 |
    And I call "im.notify.system.add" as application "local.pbx" with:
      | USER_ID | 2          |
      | MESSAGE | 2 missed   |
      | TAG     | MISSED_101 |
    Then user 2 has 1 notification
    And the last notification went to user 2 from user 0 saying "local.pbx#BR#2 missed"
    When I call "im.notify.delete" as application "local.pbx" with:
      | TAG | MISSED_101 |
    Then the result is "true"
    And user 2 has 0 notifications
    When I call "im.notify.delete"
    Then the call fails with 403 "ACCESS_DENIED" "Access denied! Client ID not specified"

  @M82
  Scenario: A call report is posted to a colleague's private dialog
    When I call "im.message.add" with JSON:
      """
      {"DIALOG_ID": "2", "MESSAGE": "Calls today: [b]12[/b], missed: 3"}
      """
    Then the result "" is an integer
    When I call "im.message.add" with JSON:
      """
      {"DIALOG_ID": "2", "MESSAGE": "   "}
      """
    Then the call fails with 400 "MESSAGE_EMPTY" "Message can't be empty"
    When I call "im.message.add" with JSON:
      """
      {"DIALOG_ID": "987654", "MESSAGE": "Anyone?"}
      """
    Then the call fails with 400 "USER_NOT_FOUND" "User not found"

  @D172 @emulator-only
  Scenario: A message is in the messenger the emulator keeps, and only its sender changes it
    When I call "im.message.add" with JSON:
      """
      {"dialog_id": 2, "message": "  Daily report  "}
      """
    Then I remember the result "" as "message"
    And the last call chat message of user "1" is "Daily report" in the dialog with user 2
    When I call "im.message.update" with JSON:
      """
      {"MESSAGE_ID": {message}, "MESSAGE": "Daily report, corrected"}
      """
    Then the result is "true"
    And the last call chat message of user "1" is "Daily report, corrected" in the dialog with user 2
    When I call "im.message.add" with JSON:
      """
      {"DIALOG_ID": "chat424242", "MESSAGE": "Into the void"}
      """
    Then the call fails with 400 "CHAT_ID" "Error creating a message"
    When I call "im.message.delete" with JSON:
      """
      {"MESSAGE_ID": {message}}
      """
    Then the result is "true"
    And no call chat message was sent

  @M84 @D174
  Scenario: An autodialer keeps its campaigns in a universal list and reads their values back
    When I call "lists.add" with JSON:
      """
      {"IBLOCK_TYPE_ID": "lists", "IBLOCK_CODE": "dialer_campaigns", "FIELDS": {"NAME": "Campaigns"}}
      """
    Then I remember the result "" as "list"
    When I call "lists.field.add" with JSON:
      """
      {"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": {list}, "FIELDS": {"NAME": "Numbers", "TYPE": "S", "CODE": "NUMBERS", "MULTIPLE": "Y"}}
      """
    Then I remember the result "" as "numbers"
    When I call "lists.element.add" with JSON:
      """
      {"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": {list}, "ELEMENT_CODE": "morning", "FIELDS": {"NAME": "Morning", "{numbers}": ["+79990000001", "+79990000002"]}}
      """
    Then the result "" is an integer
    When I call "lists.element.get" with JSON:
      """
      {"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": {list}}
      """
    Then the result items "NAME" are "Morning"
    And the result "0.{numbers}" has 2 entries
    When I call "lists.element.add" with JSON:
      """
      {"IBLOCK_TYPE_ID": "lists", "IBLOCK_ID": {list}, "ELEMENT_CODE": "morning", "FIELDS": {"NAME": "Morning again"}}
      """
    Then the call fails with 400 "ERROR_ELEMENT_ALREADY_EXISTS" "Element already exists"

  @M92 @D183 @emulator-only
  Scenario: A call-count table lists each department's employees and heads
    When I call "im.department.employees.get" with JSON:
      """
      {"ID": [1, 2]}
      """
    Then the call succeeds
    And the result "1" is a list
    And the result has no "2"
    When I call "im.department.managers.get" with JSON:
      """
      {"ID": [3], "USER_DATA": "Y"}
      """
    Then the result "3.0.id" is the number 2
    And the result "3.0.name" is "Ivan Operator"
    When I call "im.department.employees.get" with JSON:
      """
      {"ID": 1}
      """
    Then the call fails with 400 "ID_EMPTY" "Department ID can't be empty"

  @M93 @M94 @D185 @emulator-only
  Scenario: A call card widget shows the operator, a colleague and the departments as the messenger describes them
    When I call "im.user.get" with JSON:
      """
      {"id": 2}
      """
    Then the call succeeds
    And the result "name" is "Ivan Operator"
    And the result "desktop_last_date" is "false"
    When I call "im.user.get" with JSON:
      """
      {"ID": 999}
      """
    Then the call fails with 400 "USER_NOT_EXISTS" "User is not exists"
    When I call "im.user.list.get" with JSON:
      """
      {"ID": [3, 2]}
      """
    Then the result "3.name" is "Maria Sales"
    And the result "2.id" is the number 2
    When I call "im.department.get" with JSON:
      """
      {"ID": [2]}
      """
    Then the result "0.full_name" is "Sales Department / Demo company"
    And the result "0.manager_user_id" is the number 3
    When I call "im.department.colleagues.list" with JSON:
      """
      {"LIMIT": 1}
      """
    Then the result has 1 item
    And the response "next" is the number 1
    And the response "total" is the number 2
    When I call "im.user.list.get" with JSON:
      """
      {"ID": 2}
      """
    Then the call fails with 400 "INVALID_FORMAT" "A wrong format for the ID field is passed"

  @D189 @emulator-only
  Scenario: The caller's messenger status is one of four, written exactly, and the messenger shows it
    When I call "im.user.status.set" with JSON:
      """
      {"STATUS": "DND"}
      """
    Then the call fails with 400 "STATUS_ERROR" "Status is not available"
    When I call "im.user.status.set" with JSON:
      """
      {"STATUS": "dnd"}
      """
    Then the result is "true"
    When I call "im.user.status.get"
    Then the result is "dnd"
    When I call "im.user.get"
    Then the result "status" is "dnd"
    When I call "im.user.status.idle.start" with JSON:
      """
      {"AGO": 15}
      """
    Then the result is "true"
    When I call "im.user.get"
    Then the result "idle" is "false"
    When I call "im.user.status.idle.end"
    Then the result is "true"
    When I call "im.user.status.set" with JSON:
      """
      {"STATUS": "online"}
      """
    Then the result is "true"
