Feature: Products: what a call named, written into the deal
  A call-analysis tool reads the CRM catalogue, matches the products a call's transcript names and writes them into
  the deal's product rows; the deal's amount follows the rows.

  @M87 @D177
  Scenario: A call-analysis tool writes the products a call named into the deal
    When I call "crm.product.add" with JSON:
      """
      {"fields": {"NAME": "Plastic chair", "PRICE": 4900}}
      """
    Then the call succeeds
    And I remember the result "" as "chair"
    When I call "crm.deal.add" with JSON:
      """
      {"fields": {"TITLE": "Call 42"}}
      """
    And I remember the result "" as "deal"
    When I call "crm.deal.productrows.set" with JSON:
      """
      {"id": "{deal}", "rows": [{"PRODUCT_ID": "{chair}", "QUANTITY": "2", "PRICE": "4900"},
                                {"PRODUCT_ID": 0, "PRODUCT_NAME": "Delivery", "PRICE": "899.1", "DISCOUNT_TYPE_ID": 2, "DISCOUNT_RATE": 10}]}
      """
    Then the call succeeds
    When I call "crm.deal.productrows.get" with JSON:
      """
      {"id": "{deal}"}
      """
    Then the result items "PRODUCT_NAME" are "Plastic chair, Delivery"
    And the result items "PRICE_NETTO" are "4900, 999"
    And the result items "DISCOUNT_SUM" are "0, 99.9"
    When I call "crm.deal.get" with JSON:
      """
      {"id": "{deal}"}
      """
    Then the result "OPPORTUNITY" is "10699.10"
    When I call "crm.deal.productrows.set" with JSON:
      """
      {"id": 0}
      """
    Then the call fails with 400 "ERROR_CORE" "The parameter id is invalid or not defined."

  @M89 @D179
  Scenario: The new catalogue asks for its fields by their camelCase names
    When I call "crm.product.add" with JSON:
      """
      {"fields": {"NAME": "Plastic chair", "PRICE": 4900}}
      """
    When I call "catalog.product.list" with JSON:
      """
      {"select": ["ID", "NAME", "PRICE"], "filter": {"ACTIVE": "Y"}}
      """
    Then the call fails with 400 "0" "Required select fields: id, iblockId"
    When I call "catalog.product.list" with JSON:
      """
      {"select": ["id", "iblockId", "name"], "filter": {"iblockId": 23}}
      """
    Then the call succeeds
    And the result "products.0.name" is "Plastic chair"
