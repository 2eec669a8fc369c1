Feature: Tasks: a missed call's follow-up
  A PBX connector makes a task for the responsible user when a call is missed, bound to the caller's CRM object;
  the CRM shows it on the object's timeline.

  @M77 @M78 @D169
  Scenario: A connector makes a follow-up task for a missed call and completes it
    Given a contact "Pyotr" with phone "+79991234567"
    When I call "tasks.task.add" with JSON:
      """
      {"fields": {"TITLE": "Missed call", "RESPONSIBLE_ID": 1, "DESCRIPTION": "Call back +79991234567",
       "PRIORITY": "2", "DEADLINE": "2030-01-01T10:00:00+03:00", "UF_CRM_TASK": ["C_{Pyotr}"]}}
      """
    Then the call succeeds
    And the result "task.id" is a string
    And the result "task.title" is "Missed call"
    And the result "task.status" is "2"
    And I remember the result "task.id" as "task"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"OWNER_TYPE_ID": 3, "OWNER_ID": "{Pyotr}", "PROVIDER_ID": "CRM_TASKS_TASK"},
       "select": ["ID", "ASSOCIATED_ENTITY_ID", "COMPLETED"]}
      """
    Then the result items "ASSOCIATED_ENTITY_ID" are "{task}"
    And the result items "COMPLETED" are "N"
    When I call "tasks.task.complete" with JSON:
      """
      {"taskId": "{task}"}
      """
    Then the result "task.status" is "5"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"OWNER_TYPE_ID": 3, "OWNER_ID": "{Pyotr}", "PROVIDER_ID": "CRM_TASKS_TASK"}, "select": ["ID", "COMPLETED"]}
      """
    Then the result items "COMPLETED" are "Y"
    When I call "tasks.task.add" with JSON:
      """
      {"fields": {"RESPONSIBLE_ID": 1}}
      """
    Then the call fails with 400 "ERROR_CORE" "Task title not specified<br>"

  @M85 @D175
  Scenario: A call report adds up the time logged on tasks
    When I call "tasks.task.add" with JSON:
      """
      {"fields": {"TITLE": "Call back", "RESPONSIBLE_ID": 1}}
      """
    And I remember the result "task.id" as "task"
    When I call "task.elapseditem.add" with JSON:
      """
      {"TASKID": "{task}", "ARFIELDS": {"SECONDS": 3600, "COMMENT_TEXT": "Calls"}}
      """
    Then the call succeeds
    When I call "task.elapseditem.getlist" with JSON:
      """
      {"order": {"ID": "asc"}, "filter": {"USER_ID": "1", ">=CREATED_DATE": "2000-01-01T00:00:00+03:00"}}
      """
    Then the result items "TASK_ID" are "{task}"
    And the result items "SECONDS" are "3600"
    And the result items "MINUTES" are "60"
    When I call "task.elapseditem.getlist" with JSON:
      """
      {"FILTER": {">=CREATED_DATE": "2000-01-01"}}
      """
    Then the call fails with 400 "ERROR_CORE" "TASKS_ERROR_EXCEPTION_#256; Param #1 (order) for method ctaskelapseditem::getlist() must not contain key \">=CREATED_DATE\".; 256/TE/WRONG_ARGUMENTS<br>"

  @M86 @D176
  Scenario: An integration reads the task fields before it writes a task
    When I call "tasks.task.getFields" with JSON:
      """
      {}
      """
    Then the call succeeds
    And the result "fields.TITLE.type" is "string"
    And the result "fields.RESPONSIBLE_ID.type" is "integer"

  @D169
  Scenario: A follow-up task cannot become its own parent, nor the parent of its parent
    When I call "tasks.task.add" with JSON:
      """
      {"fields": {"TITLE": "Missed calls this week", "RESPONSIBLE_ID": 1}}
      """
    Then I remember the result "task.id" as "week"
    When I call "tasks.task.add" with JSON:
      """
      {"fields": {"TITLE": "Call back +79991234567", "RESPONSIBLE_ID": 1, "PARENT_ID": "{week}"}}
      """
    Then I remember the result "task.id" as "callback"
    When I call "tasks.task.update" with JSON:
      """
      {"taskId": "{week}", "fields": {"PARENT_ID": "{week}"}}
      """
    Then the call fails with 400 "ERROR_CORE" "Cannot bind the node to itself<br>"
    When I call "tasks.task.update" with JSON:
      """
      {"taskId": "{week}", "fields": {"PARENT_ID": "{callback}"}}
      """
    Then the call fails with 400 "ERROR_CORE" "Creating cyclic links in tasks is prohibited<br>"
    When I call "tasks.task.add" with JSON:
      """
      {"fields": {"TITLE": "Call back", "RESPONSIBLE_ID": 1, "START_DATE_PLAN": "2025-01-10T10:00:00",
       "END_DATE_PLAN": "2125-01-01T10:00:00"}}
      """
    Then the call fails with 400 "ERROR_CORE" "Task duration specified is too long in scheduling<br>"
