package dev.b24emu.specs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiTest {
    @Test
    void theAssembledDocumentIsValidOpenApi31() throws Exception {
        ObjectNode doc = Contracts.shared().openApi("http://127.0.0.1:8080");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(new ObjectMapper().writeValueAsString(doc), null, options);
        assertEquals(List.of(), result.getMessages());
        assertNotNull(result.getOpenAPI());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertEquals(Contracts.shared().methods().size(), result.getOpenAPI().getPaths().size());
        assertTrue(result.getOpenAPI().getWebhooks().containsKey("OnVoximplantCallEnd"));
        assertTrue(result.getOpenAPI().getWebhooks().containsKey("CALL_CARD"));
    }

    @Test
    void everyReferenceInTheDocumentPointsInsideIt() throws Exception {
        ObjectNode doc = Contracts.shared().openApi("http://x");
        String text = new ObjectMapper().writeValueAsString(doc);
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#/components/(schemas|responses)/([^\"/]+)([^\"]*)\"").matcher(text);
        int count = 0;
        while (refs.find()) {
            count++;
            com.fasterxml.jackson.databind.JsonNode target = doc.path("components").path(refs.group(1)).path(refs.group(2));
            assertTrue(!target.isMissingNode(), "dangling " + refs.group());
            if (!refs.group(3).isEmpty()) {
                assertTrue(!target.at(refs.group(3)).isMissingNode(), "dangling fragment " + refs.group());
            }
        }
        assertTrue(count > 50, "found " + count + " references");
        assertTrue(!text.contains("\"$ref\":\"../"), "relative references remain");
    }
}
