@emulator-only
Feature: The application's life on a portal
  Installation with a wizard and installFinish, the authorization-code grant, new versions, the trial or paid
  period, revoked tokens and deletion, as a portal runs them (settings/app-installation/, settings/oauth/, the
  application events); and the magic credentials every portal answers.

  @A1 @D114
  Scenario: A wizard gets the page form and the application's tokens
    Given an application "app.wizard" with scopes "user" installed with:
      | installUrl | handler:/install |
      | version    | 3                |
      | status     | F                |
    Then the installation page of "app.wizard" is opened at "/install"
    And the delivered "PLACEMENT" is "DEFAULT"
    And the delivered "PLACEMENT_OPTIONS" is "{}"
    And the delivered "PROTOCOL" is "0"
    And the delivered "status" is "F"
    And the delivered "LANG" is "en"

  @A2 @A3 @D114
  Scenario: Until installFinish the application is not installed and gets no events; then ONAPPINSTALL comes
    Given an application "app.wizard" with scopes "user" installed with:
      | installUrl | handler:/install |
      | version    | 3                |
    And the installation page of "app.wizard" is opened at "/install"
    And application "app.wizard" binds "ONAPPUPDATE" to the handler server
    When I call "app.info" as application "app.wizard"
    Then the result "INSTALLED" is "false"
    When application "app.wizard" is updated to version 4
    Then after 1 second application "app.wizard" has received 0 "ONAPPUPDATE"
    # an update removes the installer's ONAPPINSTALL handlers (D116): version 4's installer binds its own
    When application "app.wizard" binds "ONAPPINSTALL" to the handler server
    And the administrator finishes the installation of "app.wizard"
    Then application "app.wizard" receives "ONAPPINSTALL"
    And the delivered "data.VERSION" is "4"
    And the delivered "data.INSTALLED" is "Y"
    And "data" has exactly the keys "VERSION, ACTIVE, INSTALLED, LANGUAGE_ID"
    When I call "app.info" as application "app.wizard"
    Then the result "INSTALLED" is "true"

  @A14 @emulator-only
  Scenario: Until installFinish only an administrator gets the wizard; then everyone gets the application's page
    Given an application "app.pages" with scopes "user" installed with:
      | installUrl | handler:/install |
      | handlerUrl | handler:/main    |
    Then the page of application "app.pages" for user 1 opens "/install"
    And the page of application "app.pages" for user 2 is the notice "The application is not fully installed yet. Please contact your Bitrix24 administrator to complete the installation."
    When the administrator finishes the installation of "app.pages"
    Then the page of application "app.pages" for user 2 opens "/main"

  @D114 @P239 @P240 @P241 @E161
  Scenario: The widgets of an application still in its wizard are not shown, nor its events sent, until installFinish
    Given an application "app.cards" with scopes "placement, telephony" installed with:
      | installUrl | handler:/install |
    And the installation page of "app.cards" is opened at "/install"
    And application "app.cards" binds the CALL_CARD widget to the handler server
    And application "app.cards" binds "OnExternalCallStart" to the handler server
    When I call "telephony.externalLine.add" as application "app.cards" with:
      | NUMBER | 74950003001 |
    And user 2 clicks to call "+79990000013" on line "74950003001"
    Then after 1 second application "app.cards" has received 0 "ONEXTERNALCALLSTART"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000011 |
      | TYPE         | 2            |
    Then after 1 second the CALL_CARD widget of application "app.cards" has not opened
    When the administrator finishes the installation of "app.cards"
    And I call "telephony.externalcall.register" with:
      | USER_ID      | 2            |
      | PHONE_NUMBER | +79990000012 |
      | TYPE         | 2            |
    Then the CALL_CARD widget of application "app.cards" opens

  @A4 @D110
  Scenario: The consent page redirects to the application with the code
    Given an application "app.market" with scopes "user, telephony" installed with:
      | redirectUri | https://app.example/oauth/ |
    Then the consent page for "app.market" names the application
    When user 1 allows application "app.market" on the consent page with state "xyz"
    Then the redirect goes to "https://app.example/oauth/?code=" with "code, state, domain, member_id, scope, server_domain"
    And the redirect's "state" is "xyz"
    And the redirect's "scope" is "telephony,user"
    And the redirect's "member_id" is "the portal's member_id"
    And the redirect's "domain" is "the emulator's host"
    And the redirect's "server_domain" is "the emulator's host"

  @A5 @D110
  Scenario: An application not installed ends on the portal's error page
    Then the consent page for "app.elsewhere" is an error page saying "Application not installed"

  @A6 @A7 @D110
  Scenario: The code is exchanged once, for the client with its secret
    Given an application "app.market" with scopes "user" installed with:
      | redirectUri | https://app.example/oauth/ |
    When user 1 allows application "app.market" on the consent page with state "s"
    And application "app.market" exchanges its code with the secret "wrong"
    Then the token endpoint answers 401 "invalid_client"
    When application "app.market" exchanges its code
    Then the token endpoint answers 200 ""
    And the token endpoint's "user_id" is "1"
    When I call "user.current" as application "app.market"
    Then the call succeeds
    When application "app.market" exchanges its code
    Then the token endpoint answers 400 "expired_token"

  @A15 @D164
  Scenario: The token answer carries the authorization server's eleven keys, no application token
    Given an application "app.market" with scopes "user" installed with:
      | redirectUri | https://app.example/oauth/ |
    When user 1 allows application "app.market" on the consent page with state "s"
    And application "app.market" exchanges its code
    Then the token endpoint answers 200 ""
    And the token endpoint answers exactly the keys "access_token, expires, expires_in, scope, domain, server_endpoint, status, client_endpoint, member_id, user_id, refresh_token"

  @A6 @D110
  Scenario: A code older than thirty seconds is refused
    Given an application "app.market" with scopes "user" installed with:
      | status | F |
    When the control API approves application "app.market" for user 1
    And the portal clock moves forward by "PT31S"
    And application "app.market" exchanges its code
    Then the token endpoint answers 400 "expired_token"
    And the token endpoint's "error_description" is "The authorization token provided has expired."

  @A8 @D115
  Scenario: Deleting the application sends ONAPPUNINSTALL without tokens and ends its tokens
    Given an application "app.market" with scopes "user" installed with:
      | status | F |
    And application "app.market" binds "ONAPPUNINSTALL" to the handler server
    When application "app.market" is deleted with CLEAN 1
    Then application "app.market" receives "ONAPPUNINSTALL"
    And the delivered "data.CLEAN" is "1"
    And "auth" has exactly the keys "domain, client_endpoint, server_endpoint, member_id, application_token"
    When I call "user.current" as application "app.market"
    Then the call fails with 401 "APPLICATION_NOT_FOUND" "Application not found"
    When application "app.market" renews its token
    Then the token endpoint answers 400 "invalid_grant"
    When application "app.market" is installed again
    And I call "user.current" as application "app.market"
    Then the call succeeds

  @P250 @emulator-only
  Scenario: An application's widget handlers go with it: installed again, it binds them anew
    Given an application "app.widget" with scopes "placement, telephony"
    When I call "placement.bind" as application "app.widget" with:
      | PLACEMENT | CALL_CARD               |
      | HANDLER   | http://127.0.0.1:9/card |
      | TITLE     | Card                    |
    And I call "placement.get" as application "app.widget"
    Then the result has 1 item
    When application "app.widget" is deleted with CLEAN 0
    And application "app.widget" is installed again
    And I call "placement.get" as application "app.widget"
    Then the result has 0 items

  @A9 @D116
  Scenario: A new version sends ONAPPUPDATE
    Given an application "app.market" with scopes "user" installed with:
      | version | 1 |
    And application "app.market" binds "ONAPPUPDATE" to the handler server
    When application "app.market" is updated to version 2
    Then application "app.market" receives "ONAPPUPDATE"
    And the delivered "data.VERSION" is "2"
    And the delivered "data.PREVIOUS_VERSION" is "1"
    And the delivered "auth.refresh_token" matches "[0-9a-f]{32}"
    When I call "app.info" as application "app.market"
    Then the result "VERSION" is the number 2

  @D202
  Scenario: A payment sends ONAPPPAYMENT with the period app.info reads
    Given an application "app.market" with scopes "user" installed with:
      | status | T |
      | days   | 3 |
    And application "app.market" binds "ONAPPPAYMENT" to the handler server
    When application "app.market" is paid for with status "S" and 28 days
    Then application "app.market" receives "ONAPPPAYMENT"
    And the delivered "data.CODE" is "app.market"
    And the delivered "data.STATUS" is "S"
    And the delivered "data.PAYMENT_EXPIRED" is "N"
    And the delivered "data.DAYS" is "28"
    When I call "app.info" as application "app.market"
    Then the result "DAYS" is the number 28

  @A10 @D111
  Scenario: app.info tells the trial's days and its end
    Given an application "app.market" with scopes "user" installed with:
      | status | T |
      | days   | 3 |
    When I call "app.info" as application "app.market"
    Then the result "STATUS" is "T"
    And the result "DAYS" is the number 3
    And the result "PAYMENT_EXPIRED" is "N"
    When the period of application "app.market" is "T" with -2 days left
    And I call "app.info" as application "app.market"
    Then the result "DAYS" is the number -2
    And the result "PAYMENT_EXPIRED" is "Y"

  @A11 @D111
  Scenario: An expired trial gets no tokens and no events; a paid period has its grace
    Given an application "app.market" with scopes "user" installed with:
      | status | T |
      | days   | 3 |
    And application "app.market" binds "ONAPPUPDATE" to the handler server
    When the period of application "app.market" is "T" with -1 days left
    And application "app.market" renews its token
    Then the token endpoint answers 400 "PAYMENT_REQUIRED"
    And the token endpoint's "error_description" is "Payment required"
    When application "app.market" is updated to version 2
    Then after 1 second application "app.market" has received 0 "ONAPPUPDATE"
    When the period of application "app.market" is "P" with -3 days left
    And application "app.market" renews its token
    Then the token endpoint answers 200 ""

  @A12 @D115
  Scenario: A revoked refresh token renews nothing
    Given an application "app.market" with scopes "user" installed with:
      | status | F |
    When the tokens of application "app.market" are revoked
    And application "app.market" renews its token
    Then the token endpoint answers 400 "invalid_grant"

  @D112
  Scenario Outline: Magic credentials answer as the real portal in that situation
    When I call "user.current" with the magic credential "<token>"
    Then the call fails with <status> "<error>" "<description>"
    When I call "user.current" as an application with the magic token "<token>"
    Then the call fails with <status> "<error>" "<description>"

    Examples:
      | token                    | status | error                 | description              |
      | b24emu-fired-user        | 401    | authorization_error   | Unable to authorize user |
      | b24emu-app-not-installed | 401    | APPLICATION_NOT_FOUND | Application not found    |
      | b24emu-payment-required  | 401    | PAYMENT_REQUIRED      | Payment required         |
      | b24emu-portal-deleted    | 403    | PORTAL_DELETED        | Portal was deleted       |

  @A13 @D113
  Scenario: A moved portal redirects the webhook to its new address
    When I call "user.current" with the magic credential "b24emu-portal-moved" without following redirects
    Then the call is redirected to the emulator under another host name, where it succeeds
