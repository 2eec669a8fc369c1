Feature: The CRM an integration reads and writes beside telephony
  Field descriptions (crm.*.fields), the reference guides (crm.status.list: the sources register's CRM_SOURCE takes),
  the CRM modes (crm.enum.settings.mode), call activities a connector records itself (crm.activity.add/update,
  stored with telephony's) and timeline comments (crm.timeline.comment.add).

  @M13
  Scenario: crm.lead.fields describes the lead's fields
    When I call "crm.lead.fields"
    Then the call succeeds
    And the result "TITLE.type" is "string"
    And the result "SOURCE_ID.type" is "crm_status"
    And the result "SOURCE_ID.statusType" is "SOURCE"
    And the result "ID.isReadOnly" is "true"
    And the result "PHONE.isMultiple" is "true"

  @M14
  Scenario: crm.contact.fields describes the contact's fields
    When I call "crm.contact.fields"
    Then the call succeeds
    And the result "TYPE_ID.statusType" is "CONTACT_TYPE"
    And the result "PHONE.type" is "crm_multifield"

  @M15
  Scenario: crm.company.fields describes the company's fields
    When I call "crm.company.fields"
    Then the call succeeds
    And the result "TITLE.isRequired" is "true"
    And the result "COMPANY_TYPE.statusType" is "COMPANY_TYPE"

  @M16
  Scenario: crm.deal.fields describes the deal's fields
    When I call "crm.deal.fields"
    Then the call succeeds
    And the result "STAGE_ID.statusType" is "DEAL_STAGE"
    And the result "CONTACT_ID.type" is "crm_contact"

  @M17
  Scenario: crm.activity.fields describes the activity's fields
    When I call "crm.activity.fields"
    Then the call succeeds
    And the result "TYPE_ID.type" is "crm_enum_activitytype"
    And the result "COMMUNICATIONS.isRequired" is "true"

  @D56 @emulator-only
  Scenario: The emulated portal answers the pages' examples, without the example portal's custom fields
    When I call "crm.company.fields"
    Then the result has 57 items
    And the result does not include "UF_CRM_1687188367"
    When I call "crm.lead.fields"
    Then the result has 57 items

  @M18
  Scenario: crm.status.list lists the sources register's CRM_SOURCE takes
    When I call "crm.status.list" with JSON:
      """
      {"order": {"SORT": "ASC"}, "filter": {"ENTITY_ID": "SOURCE"}}
      """
    Then the call succeeds
    And the response has "total"
    And the result "0.ENTITY_ID" is "SOURCE"
    And the result "0.STATUS_ID" is "CALL"

  @M18 @D57 @emulator-only
  Scenario: The default guides, ordered by SORT; an unknown guide is empty
    When I call "crm.status.list" with JSON:
      """
      {"filter": {"ENTITY_ID": "STATUS"}}
      """
    Then the result items "STATUS_ID" are "NEW, IN_PROCESS, PROCESSED, CONVERTED, JUNK"
    When I call "crm.status.list" with JSON:
      """
      {"filter": {"ENTITY_ID": "CALL_LIST"}}
      """
    Then the result items "ID" are "61, 63, 65, 67"
    When I call "crm.status.list" with JSON:
      """
      {"filter": {"ENTITY_ID": "NO_SUCH_GUIDE"}}
      """
    Then the call succeeds
    And the result has 0 items
    And the response "total" is the number 0

  @M19 @D57 @T112 @emulator-only
  Scenario: register's CRM_SOURCE is kept when the SOURCE guide has it, else the lead's source is CALL
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551901 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
      | CRM_SOURCE   | WEB          |
    Then I remember the result "CRM_CREATED_LEAD" as "lead"
    When I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "SOURCE_ID" is "WEB"
    And the result "DATE_CREATE" matches "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$"
    When I call "telephony.externalcall.register" with:
      | USER_ID      | {operator}   |
      | PHONE_NUMBER | +79995551902 |
      | TYPE         | 2            |
      | CRM_CREATE   | 1            |
      | CRM_SOURCE   | UC_UNKNOWN   |
    Then I remember the result "CRM_CREATED_LEAD" as "other"
    When I call "crm.lead.get" with:
      | id | {other} |
    Then the result "SOURCE_ID" is "CALL"

  @M20
  Scenario: crm.enum.settings.mode decodes crm.settings.mode.get
    When I call "crm.enum.settings.mode"
    Then the call succeeds
    And the result "0.ID" is "1"
    And the result "1.ID" is "2"
    And the result has 2 items

  @M21
  Scenario: crm.activity.add records a call that crm.activity.get shows
    Given a contact "Activity Client" with phone "+79995552001"
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": {Activity Client}, "TYPE_ID": 2, "SUBJECT": "New call",
        "COMMUNICATIONS": [{"VALUE": "+79995552001", "ENTITY_ID": {Activity Client}, "ENTITY_TYPE_ID": 3}],
        "START_TIME": "2026-03-10T12:00:00+03:00", "END_TIME": "2026-03-10T12:30:00+03:00", "COMPLETED": "N",
        "RESPONSIBLE_ID": {operator}, "DIRECTION": 2}}
      """
    Then the call succeeds
    And the result "" is an integer
    And I remember the result "" as "activity"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "TYPE_ID" is "2"
    And the result "PROVIDER_ID" is "VOXIMPLANT_CALL"
    And the result "OWNER_ID" is "{Activity Client}"
    And the result "COMPLETED" is "N"
    And the result "SUBJECT" is "New call"

  @M22
  Scenario: crm.activity.add refuses a call without its communication, or with two
    Given a contact "Activity Errors" with phone "+79995552002"
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": {Activity Errors}, "TYPE_ID": 2, "SUBJECT": "x",
        "RESPONSIBLE_ID": {operator}, "COMMUNICATIONS": []}}
      """
    Then the call fails with 400 "ERROR_CORE" "The field COMMUNICATIONS is not defined or invalid."
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": {Activity Errors}, "TYPE_ID": 2, "SUBJECT": "x",
        "RESPONSIBLE_ID": {operator}, "COMMUNICATIONS": [{"VALUE": "+79995552002"}, {"VALUE": "+79995552003"}]}}
      """
    Then the call fails with 400 "ERROR_CORE" "The only one communication is allowed for activity of specified type."
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": {Activity Errors}, "TYPE_ID": 2,
        "RESPONSIBLE_ID": {operator}, "COMMUNICATIONS": [{"VALUE": "+79995552002"}]}}
      """
    Then the call fails with 400 "ERROR_CORE" "The field SUBJECT is not defined or empty."

  @M23
  Scenario: crm.activity.update changes the given fields only
    Given a contact "Update Client" with phone "+79995552004"
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": {Update Client}, "TYPE_ID": 2, "SUBJECT": "To call back",
        "COMMUNICATIONS": [{"VALUE": "+79995552004"}], "RESPONSIBLE_ID": {operator}, "COMPLETED": "N"}}
      """
    Then I remember the result "" as "activity"
    When I call "crm.activity.update" with JSON:
      """
      {"id": {activity}, "fields": {"DESCRIPTION": "Called back", "COMPLETED": "Y"}}
      """
    Then the call succeeds
    And the result is "true"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "COMPLETED" is "Y"
    And the result "DESCRIPTION" is "Called back"
    And the result "SUBJECT" is "To call back"

  @M23
  Scenario: An unknown activity is not found
    When I call "crm.activity.update" with:
      | id     | 999999             |
      | fields | {"SUBJECT": "x"}   |
    Then the call fails with 400 "ERROR_CORE" "Activity is not found."

  @M24
  Scenario: crm.timeline.comment.add puts a comment in an object's timeline
    Given a contact "Comment Client" with phone "+79995552005"
    When I call "crm.timeline.comment.add" with JSON:
      """
      {"fields": {"ENTITY_ID": {Comment Client}, "ENTITY_TYPE": "contact", "COMMENT": "New comment was added"}}
      """
    Then the call succeeds
    And the result "" is an integer

  @M25
  Scenario: crm.timeline.comment.add refuses an unknown object and an empty comment
    Given a contact "Comment Errors" with phone "+79995552006"
    When I call "crm.timeline.comment.add" with JSON:
      """
      {"fields": {"ENTITY_ID": {Comment Errors}, "ENTITY_TYPE": "contact", "COMMENT": ""}}
      """
    Then the call fails with 400 "INVALID_ARG_VALUE"

  @M25 @D59 @emulator-only
  Scenario: A comment on nothing is NOT_FOUND, and only the lower-case fields is read
    When I call "crm.timeline.comment.add" with JSON:
      """
      {"fields": {"ENTITY_ID": 999999, "ENTITY_TYPE": "deal", "COMMENT": "x"}}
      """
    Then the call fails with 400 "NOT_FOUND" "Not found."
    When I call "crm.timeline.comment.add" with JSON:
      """
      {"FIELDS": {"ENTITY_ID": 1, "ENTITY_TYPE": "contact", "COMMENT": "x"}}
      """
    Then the call fails with 400 "100" "Required fields are not provided"

  @D130
  Scenario: Fields an object does not have, and read-only ones, are not written
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Pyotr", "SHOE_SIZE": "42", "name": "lower", "DATE_CREATE": "2001-01-01T00:00:00+00:00"}}
      """
    Then the call succeeds
    And I remember the result "" as "contact"
    When I call "crm.contact.get" with:
      | id | {contact} |
    Then the result "NAME" is "Pyotr"
    And the result has no "SHOE_SIZE"
    And the result has no "name"
    And the result "DATE_CREATE" matches "^(?!2001).+"

  @M66 @D130 @emulator-only
  Scenario: The authorization page's crm.deal.add example names its fields in lower camel case, which the server ignores
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"title": "New Deal", "typeId": "SALE", "stageId": "NEW"}}
      """
    Then the call succeeds
    And the response warns "fields title, typeId, stageId: not writable fields of crm.deal"
    And I remember the result "" as "deal"
    When I call "crm.deal.get" with:
      | id | {deal} |
    Then the result has no "title"
    And the result has no "typeId"

  @D130 @emulator-only
  Scenario: The emulator reports the fields the real server drops, and strict mode refuses them
    When I call "crm.lead.add" with JSON:
      """
      {"fields": {"TITLE": "Lead", "SHOE_SIZE": "42"}}
      """
    Then the call succeeds
    And the response warns "fields SHOE_SIZE: not writable fields of crm.lead"
    Given the portal setting "validation" is "strict"
    When I call "crm.lead.add" with JSON:
      """
      {"fields": {"TITLE": "Lead", "SHOE_SIZE": "42"}}
      """
    Then the call fails with 400 "ERROR_ARGUMENT"

  @D130 @emulator-only
  Scenario: An activity's fields that crm.activity.fields does not describe are dropped and reported
    Given a contact "Pyotr" with phone "+79991234567"
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": "{Pyotr}", "TYPE_ID": 2, "SUBJECT": "PBX call", "DIRECTION": 1,
       "RESPONSIBLE_ID": 1, "DURATION": 35,
       "COMMUNICATIONS": [{"VALUE": "+79991234567", "ENTITY_ID": "{Pyotr}", "ENTITY_TYPE_ID": 3}]}}
      """
    Then the call succeeds
    And the response warns "fields DURATION: not fields of crm.activity (crm.activity.fields)"
    And I remember the result "" as "activity"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "SUBJECT" is "PBX call"
    And the result has no "DURATION"

  @M73 @D165 @emulator-only
  Scenario: A connector finds the companies of the caller's contact, and a deal's contacts
    When I call "crm.company.add" with JSON:
      """
      {"fields": {"TITLE": "Second LLC"}}
      """
    And I remember the result "" as "second"
    And I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Olga", "COMPANY_IDS": ["{second}", 1]}}
      """
    And I remember the result "" as "olga"
    And I call "crm.contact.company.items.get" with:
      | id | {olga} |
    Then the call succeeds
    And the result items "COMPANY_ID" are "{second},1"
    And the result items "IS_PRIMARY" are "Y,N"
    And the result items "SORT" are "10,20"
    When I call "crm.contact.company.add" with JSON:
      """
      {"id": "{olga}", "fields": {"COMPANY_ID": 1}}
      """
    Then the result is "false"
    When I call "crm.contact.company.delete" with JSON:
      """
      {"id": "{olga}", "fields": {"COMPANY_ID": "{second}"}}
      """
    Then the result is "true"
    When I call "crm.contact.get" with:
      | id | {olga} |
    Then the result "COMPANY_ID" is "1"
    When I call "crm.company.contact.items.get" with:
      | id | 1 |
    Then the result items "CONTACT_ID" are "2,{olga}"
    And the result items "IS_PRIMARY" are "Y,Y"

  @D141
  Scenario: A list filter by phone matches the beginning of the number as it is written
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Formatted", "PHONE": [{"VALUE": "+1 (555) 014-1141", "VALUE_TYPE": "WORK"}]}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"PHONE": "15550141141"}}
      """
    Then the result has 0 items
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"PHONE": "+1 (555) 014-114"}, "select": ["ID"]}
      """
    Then the result items "ID" are "{contact}"
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"PHONE": ["+1 (555) 014-1141", "nobody"], "NAME": "Formatted"}, "select": ["ID"]}
      """
    Then the result items "ID" are "{contact}"

  @D141 @emulator-only
  Scenario: A filter key the real server drops lists without the condition, with a warning
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Dropped", "PHONE": [{"VALUE": "+1 (555) 014-1142", "VALUE_TYPE": "WORK"}]}}
      """
    And I call "crm.contact.list" with JSON:
      """
      {"filter": {"%PHONE": "nobody", "NAME": "Dropped"}, "select": ["NAME"]}
      """
    Then the call succeeds
    And the response warns "filter[%PHONE]: the real server filters PHONE only without an operator"
    And the result items "NAME" are "Dropped"
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"PHONE_NUMBER": "nobody", "NAME": "Dropped"}, "select": ["NAME"]}
      """
    Then the response warns "filter[PHONE_NUMBER]: PHONE_NUMBER is not a field of crm.contact"
    And the result items "NAME" are "Dropped"
    Given the portal setting "phoneFilterDigits" is "true"
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"PHONE": "15550141142"}, "select": ["NAME"]}
      """
    Then the result items "NAME" are "Dropped"
    Given the portal setting "validation" is "strict"
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"%PHONE": "nobody"}}
      """
    Then the call fails with 400 "ERROR_ARGUMENT"

  @D24
  Scenario: CRM errors carry the server's texts, full stop included
    When I call "crm.deal.get" with:
      | id | 0 |
    Then the call fails with 400 "ERROR_CORE" "ID is not defined or invalid."
    When I call "crm.duplicate.findbycomm" with:
      | type | PHONE |
    Then the call fails with 400 "ERROR_CORE" "Communication values is not defined."

  @M33
  Scenario: crm.enum.ownertype names the CRM object types
    When I call "crm.enum.ownertype"
    Then the call succeeds
    And the result "0.ID" is the number 1
    And the result "0.SYMBOL_CODE" is "LEAD"
    And the result "3.SYMBOL_CODE" is "COMPANY"

  @M34
  Scenario: crm.enum.activitytype and crm.enum.activitydirection decode an activity's TYPE_ID and DIRECTION
    When I call "crm.enum.activitytype"
    Then the result "2.ID" is the number 2
    And the result "2.NAME" is "Call"
    When I call "crm.enum.activitydirection"
    Then the result "1.NAME" is "Incoming"
    And the result "2.NAME" is "Outgoing"

  @M35
  Scenario: crm.activity.communication.fields describes a communication
    When I call "crm.activity.communication.fields"
    Then the call succeeds
    And the result "VALUE.type" is "string"
    And the result "ENTITY_TYPE_ID.type" is "integer"

  @M36
  Scenario: crm.status.entity.items lists one guide's values by SORT
    When I call "crm.status.entity.items" with:
      | entityId | SOURCE |
    Then the call succeeds
    And the result "0.STATUS_ID" is "CALL"
    And the result "0.SORT" is an integer
    When I call "crm.status.entity.items"
    Then the call fails with 400 "ERROR_CORE" "The parameter entityId is not defined or invalid."

  @M65 @D142
  Scenario: crm.status.entity.types lists the reference guides, each with its values
    When I call "crm.status.entity.types"
    Then the call succeeds
    And the result "0.ID" is "STATUS"
    And the result "0.SEMANTIC_INFO.START_FIELD" is "NEW"
    And the result "0.ENTITY_TYPE_ID" is the number 1
    And the result "1.ID" is "SOURCE"
    And the result items "ID" are "STATUS, SOURCE, CONTACT_TYPE, COMPANY_TYPE, EMPLOYEES, INDUSTRY, DEAL_TYPE, DEAL_STAGE, QUOTE_STATUS, HONORIFIC, CALL_LIST"
    When I call "crm.status.entity.items" with:
      | entityId | CONTACT_TYPE |
    Then the result items "STATUS_ID" are "CLIENT, SUPPLIER, PARTNER, OTHER"

  @M58 @M59 @D138
  Scenario: A to-do is a universal activity of its owner's timeline
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Missed caller"}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.activity.todo.add" with JSON:
      """
      {"ownerTypeId": 3, "ownerId": {contact}, "deadline": "2026-12-07T15:00:00+00:00", "title": "Call back"}
      """
    Then the result "id" is an integer
    And I remember the result "id" as "todo"
    When I call "crm.activity.get" with:
      | id | {todo} |
    Then the result "PROVIDER_ID" is "CRM_TODO"
    And the result "TYPE_ID" is "6"
    And the result "SUBJECT" is "Call back"
    And the result "COMPLETED" is "N"
    When I call "crm.activity.todo.updateDeadline" with JSON:
      """
      {"ownerTypeId": 3, "ownerId": {contact}, "id": {todo}, "value": "2026-12-08T10:00:00+00:00"}
      """
    Then the result "id" is "{todo}"
    When I call "crm.activity.get" with:
      | id | {todo} |
    Then the result "DEADLINE" matches "2026-12-08T.*"

  @M58 @M60 @D138
  Scenario: The to-do actions bind their arguments as controllers do and refuse a completed to-do
    When I call "crm.activity.todo.add" with JSON:
      """
      {"ownerId": 1, "deadline": "2026-12-07T15:00:00+00:00"}
      """
    Then the call fails with 400 "100" "Could not find value for parameter {ownerTypeId}"
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Done"}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.activity.todo.add" with JSON:
      """
      {"ownerTypeId": 3, "ownerId": {contact}, "deadline": "2026-12-07T15:00:00+00:00"}
      """
    Then I remember the result "id" as "todo"
    When I call "crm.activity.update" with JSON:
      """
      {"id": {todo}, "fields": {"COMPLETED": "Y"}}
      """
    And I call "crm.activity.todo.updateDescription" with JSON:
      """
      {"ownerTypeId": 3, "ownerId": {contact}, "id": {todo}, "value": "Too late"}
      """
    Then the call fails with 400 "CAN_NOT_UPDATE_COMPLETED_TODO"

  @M61 @M62 @M63 @M64 @D139
  Scenario: A timeline comment is read, listed, corrected and removed
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Renewal"}}
      """
    Then I remember the result "" as "deal"
    When I call "crm.timeline.comment.add" with JSON:
      """
      {"fields": {"ENTITY_ID": {deal}, "ENTITY_TYPE": "deal", "COMMENT": "Called, no answer"}}
      """
    Then I remember the result "" as "comment"
    When I call "crm.timeline.comment.get" with:
      | id | {comment} |
    Then the result "COMMENT" is "Called, no answer"
    And the result "ENTITY_TYPE" is "deal"
    When I call "crm.timeline.comment.list" with JSON:
      """
      {"filter": {"ENTITY_ID": {deal}, "ENTITY_TYPE": "deal"}, "select": ["ID", "COMMENT"]}
      """
    Then the result has 1 item
    And the result "0.ID" is "{comment}"
    When I call "crm.timeline.comment.update" with JSON:
      """
      {"id": {comment}, "fields": {"COMMENT": "Called, voicemail left"}}
      """
    Then the result "" is "{comment}"
    When I call "crm.timeline.comment.get" with:
      | id | {comment} |
    Then the result "COMMENT" is "Called, voicemail left"
    When I call "crm.timeline.comment.delete" with:
      | id | {comment} |
    Then the call succeeds
    When I call "crm.timeline.comment.get" with:
      | id | {comment} |
    Then the call fails with 400 "ERROR_CORE" "Not found."

  @M68 @D158
  Scenario: crm.contact.get answers every field of the contact, empty ones as null and an empty date as ""
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Rowena", "PHONE": [{"VALUE": "+79001112244", "VALUE_TYPE": "WORK"}]}}
      """
    Then the call succeeds
    And I remember the result "" as "contact"
    When I call "crm.contact.get" with:
      | id | {contact} |
    Then the result "NAME" is "Rowena"
    And the result "SECOND_NAME" is "null"
    And the result "COMMENTS" is "null"
    And the result "BIRTHDATE" is ""
    And the result "HAS_PHONE" is "Y"
    And the result "PHONE.0.VALUE" is "+79001112244"
    And the result has no "EMAIL"

  @M69 @D158 @emulator-only
  Scenario: A deal added with an amount only answers the add's defaults, and its stage decides what it is
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"OPPORTUNITY": 1000}}
      """
    Then the call succeeds
    And I remember the result "" as "deal"
    When I call "crm.deal.get" with:
      | id | {deal} |
    Then the result "TITLE" is "Deal #{deal}"
    And the result "OPPORTUNITY" is "1000.00"
    And the result "TAX_VALUE" is "0.00"
    And the result "TYPE_ID" is "SALE"
    And the result "STAGE_ID" is "NEW"
    And the result "STAGE_SEMANTIC_ID" is "P"
    And the result "IS_NEW" is "Y"
    And the result "CLOSED" is "N"
    When I call "crm.deal.update" with JSON:
      """
      {"id": {deal}, "fields": {"STAGE_ID": "WON"}}
      """
    And I call "crm.deal.get" with:
      | id | {deal} |
    Then the result "STAGE_SEMANTIC_ID" is "S"
    And the result "IS_NEW" is "N"
    And the result "CLOSED" is "Y"

  @M70 @D158
  Scenario: crm.contact.list with select answers the named fields in their order, then ID, then the named multi-fields
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Selma", "PHONE": [{"VALUE": "+79001112255", "VALUE_TYPE": "WORK"}]}}
      """
    Then the call succeeds
    And I remember the result "" as "contact"
    When I call "crm.contact.list" with JSON:
      """
      {"filter": {"ID": {contact}}, "select": ["SECOND_NAME", "NAME", "PHONE", "EMAIL"]}
      """
    Then the call succeeds
    And the result "0" has the keys "SECOND_NAME, NAME, ID, PHONE"
    And the result "0.SECOND_NAME" is "null"

  @M71 @D163
  Scenario: crm.activity.get answers no communications or bindings; a list answers the communications it names
    Given a contact "Talk Client" with phone "+79995550661"
    When I call "crm.activity.add" with JSON:
      """
      {"fields": {"OWNER_TYPE_ID": 3, "OWNER_ID": {Talk Client}, "TYPE_ID": 2, "SUBJECT": "Call back",
                  "COMMUNICATIONS": [{"VALUE": "+79995550661", "ENTITY_ID": {Talk Client}, "ENTITY_TYPE_ID": 3}]}}
      """
    Then the call succeeds
    And I remember the result "" as "talk"
    When I call "crm.activity.get" with:
      | id | {talk} |
    Then the result "SUBJECT" is "Call back"
    And the result has no "COMMUNICATIONS"
    And the result has no "BINDINGS"
    When I call "crm.activity.list" with JSON:
      """
      {"filter": {"ID": {talk}}, "select": ["ID", "COMMUNICATIONS"]}
      """
    Then the result "0.COMMUNICATIONS.0.VALUE" is "+79995550661"
    And the result "0.COMMUNICATIONS.0.ENTITY_SETTINGS.NAME" is "Talk"
    And the result "0.COMMUNICATIONS.0.ENTITY_SETTINGS.LAST_NAME" is "Client"
    And the result "0.COMMUNICATIONS.0.ID" matches "[0-9]+"

  @M74 @D167
  Scenario: An integration written for the universal methods reads a lead as crm.item.get answers it
    When I call "crm.lead.add" with JSON:
      """
      {"fields": {"TITLE": "Lead #250", "NAME": "Admin", "OPPORTUNITY": "999.9",
       "PHONE": [{"VALUE": "+6111111111", "VALUE_TYPE": "WORK"}], "EMAIL": [{"VALUE": "admin@example.com", "VALUE_TYPE": "WORK"}]}}
      """
    And I remember the result "" as "lead"
    And I call "crm.item.get" with JSON:
      """
      {"entityTypeId": 1, "id": "{lead}", "useOriginalUfNames": "N"}
      """
    Then the call succeeds
    And the result "item.id" is an integer
    And the result "item.title" is "Lead #250"
    And the result "item.stageId" is "NEW"
    And the result "item.opportunity" is "999.9"
    And the result "item.companyId" is the number 0
    And the result "item.phoneWork" is "+6111111111"
    And the result "item.email" is "admin@example.com"
    And the result "item.fm" lists "typeId" as "PHONE, EMAIL"
    And the result "item.contactIds" has 0 entries
    And the result "item.entityTypeId" is the number 1
    And the result has no "item.STATUS_ID"
    When I call "crm.item.get" with JSON:
      """
      {"entityTypeId": 1}
      """
    Then the call fails with 400 "100" "Could not find value for parameter {id}"

  @M75 @D167
  Scenario: crm.item.list reads camelCase names, answers the selected fields in the item's order, and checks its filter
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Universal deal", "OPPORTUNITY": 4200}}
      """
    And I remember the result "" as "deal"
    And I call "crm.item.list" with JSON:
      """
      {"entityTypeId": 2, "select": ["title", "id", "opportunity"], "filter": {"=id": "{deal}", ">=opportunity": 4000},
       "order": {"id": "desc"}}
      """
    Then the call succeeds
    And the result "items" lists "title" as "Universal deal"
    And the result "items/0" has the keys "id, title, opportunity"
    And the result "items/0/opportunity" is the number 4200
    And the response "total" is the number 1
    When I call "crm.item.list" with JSON:
      """
      {"entityTypeId": 2, "filter": {">=fooBar": 1}}
      """
    Then the call fails with 400 "INVALID_ARG_VALUE" "Invalid filter: field '>=FOO_BAR' is not allowed in filter"
    When I call "crm.item.list" with JSON:
      """
      {"entityTypeId": 2, "order": {"id": "sideways"}}
      """
    Then the call fails with 400 "INVALID_ARG_VALUE" "Invalid order: allowed sort directions are ASC, DESC. But got 'SIDEWAYS' for field 'ID'"

  @M76 @D167
  Scenario: An integration adds, changes and deletes a contact through the universal methods
    When I call "crm.item.add" with JSON:
      """
      {"entityTypeId": 3, "fields": {"name": "Zoe", "lastName": "Ray",
       "fm": [{"typeId": "PHONE", "valueType": "WORK", "value": "+15550001"}]}}
      """
    Then the call succeeds
    And the result "item.name" is "Zoe"
    And the result "item.fm" lists "value" as "+15550001"
    And I remember the result "item.id" as "zoe"
    And I remember the result "item.fm.0.id" as "phone"
    When I call "crm.item.update" with JSON:
      """
      {"entityTypeId": 3, "id": "{zoe}", "fields": {"post": "Buyer", "fm": {"{phone}": {"typeId": "PHONE", "value": ""}}}}
      """
    Then the call succeeds
    And the result "item.post" is "Buyer"
    And the result "item.fm" has 0 entries
    When I call "crm.item.delete" with JSON:
      """
      {"entityTypeId": 3, "id": "{zoe}"}
      """
    Then the call succeeds
    And the result "" has 0 entries
    When I call "crm.item.get" with JSON:
      """
      {"entityTypeId": 3, "id": "{zoe}"}
      """
    Then the call fails with 400 "NOT_FOUND" "Item was not found."

  @M79 @D170
  Scenario: A connector re-binds a call's activity to a deal, which becomes its owner
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Queue caller"}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Queue 5"}}
      """
    Then I remember the result "" as "deal"
    When I call "crm.activity.todo.add" with JSON:
      """
      {"ownerTypeId": 3, "ownerId": {contact}, "deadline": "2026-12-07T15:00:00+00:00", "title": "Call back"}
      """
    Then I remember the result "id" as "activity"
    When I call "crm.activity.binding.list" with JSON:
      """
      {"activityId": {activity}}
      """
    Then the result items "entityTypeId" are "3"
    And the result items "entityId" are "{contact}"
    When I call "crm.activity.binding.add" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 2, "entityId": {deal}}
      """
    Then the result is "true"
    When I call "crm.activity.binding.add" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 2, "entityId": {deal}}
      """
    Then the call fails with 400 "ACTIVITY_IS_ALREADY_BOUND"
    When I call "crm.activity.binding.list" with JSON:
      """
      {"activityId": {activity}}
      """
    Then the result items "entityTypeId" are "3, 2"
    And the result items "entityId" are "{contact}, {deal}"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "OWNER_TYPE_ID" is "2"
    And the result "OWNER_ID" is "{deal}"
    When I call "crm.activity.binding.delete" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 2, "entityId": {deal}}
      """
    Then the result is "true"
    When I call "crm.activity.binding.delete" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 2, "entityId": {deal}}
      """
    Then the call fails with 400 "BINDING_NOT_FOUND"
    When I call "crm.activity.binding.delete" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 3, "entityId": {contact}}
      """
    Then the call fails with 400 "LAST_BINDING_CANNOT_BE_DELETED"
    When I call "crm.activity.get" with:
      | id | {activity} |
    Then the result "OWNER_TYPE_ID" is "3"

  @D170 @emulator-only
  Scenario: An activity is bound to an object that does not exist, as a real portal binds it, and the binding is reported
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Bound elsewhere"}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.activity.todo.add" with JSON:
      """
      {"ownerTypeId": 3, "ownerId": {contact}, "deadline": "2026-12-07T15:00:00+00:00"}
      """
    Then I remember the result "id" as "activity"
    When I call "crm.activity.binding.add" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 1, "entityId": 987654}
      """
    Then the result is "true"
    And the response warns "crm.activity.binding.add: no object of type 1 with ID 987654 exists"
    When I call "crm.activity.binding.add" with JSON:
      """
      {"activityId": {activity}, "entityTypeId": 5, "entityId": 1}
      """
    Then the call fails with 400 "ACCESS_DENIED" "Access denied"

  @M80 @M81 @D171
  Scenario: A call-analytics report lists the deal pipelines and each one's stages
    When I call "crm.category.add" with JSON:
      """
      {"entityTypeId": 2, "fields": {"name": "Inbound calls", "sort": 100}}
      """
    Then the result "category.name" is "Inbound calls"
    And the result "category.isDefault" is "N"
    And I remember the result "category.id" as "pipeline"
    When I call "crm.category.list" with JSON:
      """
      {"entityTypeId": 2}
      """
    Then the result "categories" is a list
    And the result "categories[0].id" is the number 0
    And the result "categories[0].isDefault" is "Y"
    And the response has "total"
    When I call "crm.dealcategory.stage.list" with JSON:
      """
      {"id": {pipeline}}
      """
    Then the result "0" has the keys "NAME, SORT, STATUS_ID"
    And the result "0.STATUS_ID" is "C{pipeline}:NEW"
    When I call "crm.dealcategory.stage.list" with JSON:
      """
      {"id": 0}
      """
    Then the result "0.STATUS_ID" is "NEW"
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Missed call", "CATEGORY_ID": {pipeline}}}
      """
    Then I remember the result "" as "deal"
    When I call "crm.deal.get" with:
      | id | {deal} |
    Then the result "STAGE_ID" is "C{pipeline}:NEW"
    When I call "crm.category.delete" with JSON:
      """
      {"entityTypeId": 2, "id": {pipeline}}
      """
    Then the call fails with 400 "0"
    When I call "crm.deal.delete" with:
      | id | {deal} |
    And I call "crm.category.delete" with JSON:
      """
      {"entityTypeId": 2, "id": {pipeline}}
      """
    Then the call succeeds
    When I call "crm.dealcategory.stage.list" with JSON:
      """
      {"id": {pipeline}}
      """
    Then the result has 0 items

  @M83 @D173
  Scenario: An SDK reads a deal's fields in the universal form before it lists deals
    When I call "crm.item.fields" with JSON:
      """
      {"entityTypeId": 2}
      """
    Then the result "fields.stageId.upperName" is "STAGE_ID"
    And the result "fields.stageId.type" is "crm_status"
    And the result "fields.id.isReadOnly" is "true"
    And the result "fields.createdTime.upperName" is "CREATED_TIME"
    And the result "fields.categoryId.type" is "crm_category"

  @M91 @D181
  Scenario: Call analytics reads how a deal moved through its stages
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Chairs after a call"}}
      """
    Then I remember the result "" as "deal"
    When I call "crm.deal.update" with JSON:
      """
      {"id": {deal}, "fields": {"STAGE_ID": "PREPARATION"}}
      """
    And I call "crm.deal.update" with JSON:
      """
      {"id": {deal}, "fields": {"STAGE_ID": "PREPARATION", "TITLE": "Tables after a call"}}
      """
    And I call "crm.deal.update" with JSON:
      """
      {"id": {deal}, "fields": {"STAGE_ID": "WON"}}
      """
    And I call "crm.stagehistory.list" with JSON:
      """
      {"entityTypeId": 2, "filter": {"OWNER_ID": {deal}}, "order": {"ID": "ASC"}}
      """
    Then the call succeeds
    And the result "items" lists "TYPE_ID" as "1, 2, 3"
    And the result "items" lists "STAGE_ID" as "NEW, PREPARATION, WON"
    And the result "items" lists "STAGE_SEMANTIC_ID" as "P, P, S"
    And the result "items.0" has the keys "ID, TYPE_ID, OWNER_ID, CREATED_TIME, CATEGORY_ID, STAGE_SEMANTIC_ID, STAGE_ID"
    And the result "items.0.OWNER_ID" is an integer
    And the result "items.0.OWNER_ID" is "{deal}"
    And the response "total" is the number 3
    When I call "crm.stagehistory.list" with JSON:
      """
      {"entityTypeId": 2, "filter": {"stage_id": "WON"}}
      """
    Then the call fails with 400 "INVALID_ARG_VALUE" "Invalid filter: field 'stage_id' is not allowed in filter"

  @D198
  Scenario: A lead bound to a company or a contact is a returning customer's, whatever the client sends
    When I call "crm.company.add" with JSON:
      """
      {"fields": {"TITLE": "Repeat client"}}
      """
    Then I remember the result "" as "company"
    When I call "crm.lead.add" with JSON:
      """
      {"fields": {"TITLE": "Comes again", "COMPANY_ID": {company}}}
      """
    Then I remember the result "" as "lead"
    When I call "crm.lead.get" with:
      | id | {lead} |
    Then the result "IS_RETURN_CUSTOMER" is "Y"
    When I call "crm.lead.add" with JSON:
      """
      {"fields": {"TITLE": "First time", "IS_RETURN_CUSTOMER": "Y"}}
      """
    Then I remember the result "" as "new"
    When I call "crm.lead.get" with:
      | id | {new} |
    Then the result "IS_RETURN_CUSTOMER" is "N"
    When I call "crm.lead.update" with JSON:
      """
      {"id": {new}, "fields": {"COMPANY_ID": {company}}}
      """
    And I call "crm.lead.get" with:
      | id | {new} |
    Then the result "IS_RETURN_CUSTOMER" is "Y"

  @D199
  Scenario: An e-mail address PHP's check_email refuses is refused by a contact's add and a lead's update
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Local", "EMAIL": [{"VALUE": "user@localhost", "VALUE_TYPE": "WORK"}]}}
      """
    Then the call fails with 400 "ERROR_CORE" "The field \"Work e-mail\" contains an invalid address.<br />"
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Named", "EMAIL": [{"VALUE": "Ann <ann@mail.example.com>", "VALUE_TYPE": "WORK"}]}}
      """
    Then the call succeeds
    When I call "crm.lead.add" with JSON:
      """
      {"fields": {"TITLE": "Mail check"}}
      """
    Then I remember the result "" as "lead"
    When I call "crm.lead.update" with JSON:
      """
      {"id": {lead}, "fields": {"EMAIL": [{"VALUE": "a@@b.com", "VALUE_TYPE": "WORK"}]}}
      """
    Then the call fails with 400 "ERROR_CORE" "The field \"Work e-mail\" contains an invalid address.<br />"

  @D200
  Scenario: crm.duplicate.findbycomm searches strings only: a number or an empty value finds nothing
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Numbered", "PHONE": [{"VALUE": "+79001119988", "VALUE_TYPE": "WORK"}]}}
      """
    Then I remember the result "" as "contact"
    When I call "crm.duplicate.findbycomm" with JSON:
      """
      {"type": "PHONE", "values": [79001119988, ""]}
      """
    Then the call succeeds
    And the result is "[]"
    When I call "crm.duplicate.findbycomm" with JSON:
      """
      {"type": "PHONE", "values": ["+79001119988"], "entity_type": "CONTACT"}
      """
    Then the result "CONTACT" lists "" as "{contact}"

  @D203 @emulator-only
  Scenario: A photo a client sends is not kept, and the answer says so
    When I call "crm.contact.add" with JSON:
      """
      {"fields": {"NAME": "Pictured", "PHOTO": {"fileData": ["p.gif", "R0lGODlhAQABAAAAADs="]}}}
      """
    Then the call succeeds
    And the emulator notes "fields PHOTO: the emulator keeps no files a client sends; a real portal would store them and answer them as files (D203)"
    And I remember the result "" as "contact"
    When I call "crm.contact.get" with:
      | id | {contact} |
    Then the result "PHOTO" is "null"
