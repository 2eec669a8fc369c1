@emulator-only
Feature: Batch, list paging and the time block, statement by statement
  settings/how-to-call-rest-api/batch.md, list-methods-pecularities.md and limits.md (features/RULES.md lists each
  statement with its page).

  @T41 @T42 @T45 @T46 @T47 @T48 @T49 @T50 @T51 @T53 @T79 @E76
  Scenario: batch answers each command on its own, with earlier results usable in later ones
    When I call "batch" with JSON:
      """
      {"halt": 0, "cmd": {"list": "crm.lead.list", "first": "crm.lead.get?id=$result[list][0][ID]",
                          "me": "user.current", "inner": "batch?cmd[x]=user.current"}}
      """
    Then the call succeeds
    And the result "result.first.ID" is "1"
    And the result "result.me.ID" is a string
    And the result "result_error.inner.error" is "ERROR_BATCH_METHOD_NOT_ALLOWED"
    And the result "result_error.inner.error_description" is "Method is not allowed for batch usage"
    And the result "result_total.list" is the number 1
    And the result has no "result_next.list"
    And the result has no "result_total.me"
    And the result "result_time.me.start" is an integer

  @T43 @T52
  Scenario: batch with halt stops at the first error; without it every command runs
    When I call "batch" with JSON:
      """
      {"halt": 1, "cmd": {"bad": "crm.lead.get?id=999999", "after": "user.current"}}
      """
    Then the call succeeds
    And the result "result_error.bad.error" is a string
    And the result has no "result.after"
    When I call "batch" with JSON:
      """
      {"halt": 0, "cmd": ["crm.lead.get?id=999999", "user.current"]}
      """
    Then the result "result.1.ID" is a string
    And the result "result_error.0.error" is a string

  @T59
  Scenario: A start past every record answers an empty page without a next
    When I call "crm.lead.list" with:
      | start | 2147483600 |
    Then the call succeeds
    And the result has 0 items
    And the response has no "next"
