@resilience
Feature: Expired tokens and request limits
  Access tokens live an hour, and a busy portal refuses requests beyond its limit with QUERY_LIMIT_EXCEEDED. A
  call must still be registered and finished: the integration refreshes its token and retries, and it backs off
  before retrying a refused request.

  @oauth @application
  Scenario: A call after the access token expired is still registered and finished
    Given the integration's access token has expired
    When an incoming call from "+79990000004" reaches line "74950000000" and user 2 answers
    Then the integration registers the call within 10 seconds
    When the call ends after 5 seconds
    Then the integration finishes the call with STATUS_CODE "200"

  @D50
  Scenario: Requests refused with QUERY_LIMIT_EXCEEDED are retried after a pause
    Given the portal answers QUERY_LIMIT_EXCEEDED to the next 2 requests
    When an incoming call from "+79990000005" reaches line "74950000000" and user 2 answers
    Then the integration registers the call within 10 seconds
    When the call ends after 5 seconds
    Then the integration finishes the call with STATUS_CODE "200"

  @oauth @application @lifecycle
  Scenario: A call after the integration was deleted and installed again is registered and finished
    Given the integration was deleted and installed again
    When an incoming call from "+79990000006" reaches line "74950000000" and user 2 answers
    Then the integration registers the call within 10 seconds
    When the call ends after 5 seconds
    Then the integration finishes the call with STATUS_CODE "200"

  @oauth @application @lifecycle
  Scenario: A call after the integration's tokens were revoked and it was installed again is registered and finished
    Given the integration's tokens were revoked and it was installed again
    When an incoming call from "+79990000007" reaches line "74950000000" and user 2 answers
    Then the integration registers the call within 10 seconds
    When the call ends after 5 seconds
    Then the integration finishes the call with STATUS_CODE "200"
