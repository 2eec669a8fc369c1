@emulator-only
Feature: An integration that hard-codes Bitrix24's hosts reaches the emulator unchanged, through its proxy

  @D101
  Scenario: A portal created at a Bitrix24 domain announces it in every token, beside the real authorization server
    Given a portal at a Bitrix24 domain of its own
    When an application is installed on that portal
    Then the token answer's "domain" is "{domain}"
    And the token answer's "client_endpoint" is "https://{domain}/rest/"
    And the token answer's "server_endpoint" is "https://oauth.bitrix.info/rest/"
    When the application renews its token at "https://oauth.bitrix.info/oauth/token/" through the proxy
    Then the token answer's "client_endpoint" is "https://{domain}/rest/"
    When the application calls "user.current" at its client_endpoint through the proxy
    Then the proxied call answers 200

  @D102
  Scenario: The proxy answers only for oauth.bitrix.info and the portals' domains, and forwards nothing
    Given a portal at a Bitrix24 domain of its own
    Then through the proxy "https://{domain}/rest/profile" is answered by the emulator
    And through the proxy "https://default.bitrix24.test/rest/profile" is answered by the emulator
    And through the proxy "https://oauth.bitrix.info/oauth/token/" is answered by the emulator
    And through the proxy "https://example.com/" is refused
    And through the proxy "https://bitrix24.ru/" is refused

  @D103
  Scenario: Another portal's webhook is unknown at a portal's domain
    Given a portal at a Bitrix24 domain of its own
    When the scenario's webhook calls "profile" at that portal's domain through the proxy
    Then the proxied call answers 401 "NO_AUTH_FOUND"
