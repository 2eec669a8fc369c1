@emulator-only
Feature: Applications and OAuth
  Installed applications call with tokens that expire after an hour on the portal's clock and renew once
  (settings/oauth/index.md, settings/oauth/auto-renewal.md).

  Background:
    Given an application "local.app" with scopes "telephony, user"

  @O1 @T16 @T30 @T60 @T63 @T82 @O4 @O13 @O21
  Scenario: A token expires after an hour
    When I call "user.current" as application "local.app"
    Then the call succeeds
    When the portal clock moves forward by "PT1H1S"
    And I call "user.current" as application "local.app"
    Then the call fails with 401 "expired_token" "The access token provided has expired"

  @O2 @D40 @O5 @O6 @O7 @O8 @O9 @O12 @O14 @O15 @O16 @O17 @O18 @O19 @O20 @O23
  Scenario: A refresh token renews the pair once
    When the portal clock moves forward by "PT2H"
    And application "local.app" renews its token
    Then the token endpoint answers 200 ""
    And the token endpoint's "status" is "L"
    When I call "user.current" as application "local.app"
    Then the call succeeds
    When I call "app.info" as application "local.app"
    Then the result "STATUS" is "L"
    When application "local.app" renews with its spent refresh token
    Then the token endpoint answers 400 "invalid_grant"

  @O2 @D49 @emulator-only
  Scenario: The request journal keeps the refused call and tells the renewed token apart
    When the portal clock moves forward by "PT1H1S"
    And I call "user.current" as application "local.app"
    And application "local.app" renews its token
    And I call "user.current" as application "local.app"
    Then the journal's last 2 "user.current" calls came from application "local.app" with errors "expired_token, none" and different tokens

  @O3 @D30 @P59 @T29 @T81 @O22
  Scenario: Methods outside the application's scopes are refused
    When I call "crm.lead.list" as application "local.app"
    Then the call fails with 401 "insufficient_scope"
