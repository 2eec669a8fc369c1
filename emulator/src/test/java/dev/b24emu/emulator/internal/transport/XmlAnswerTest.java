package dev.b24emu.emulator.internal.transport;

import dev.b24emu.emulator.support.EmulatorHarness;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The XML transport (".xml"), as CRestServer::outputXml writes it (D146). */
class XmlAnswerTest extends EmulatorHarness {
    @Test
    void elementsPerKeyItemsForNumbersAndScalarsAsPhpWritesThem() {
        String json = "{\"result\":{\"ID\":\"1\",\"LIST\":[\"a<b\",true,false,null],\"15\":{\"x\":\"'&\\\"\"}},"
                + "\"total\":2,\"time\":{\"start\":1770996013.48331234,\"duration\":0.000481128692626953}}";
        assertEquals("<response><result><ID>1</ID><LIST><item>a&lt;b</item><item>1</item><item></item><item></item>"
                + "</LIST><item><x>&apos;&amp;&quot;</x></item></result><total>2</total><time>"
                + "<start>1770996013.4833</start><duration>0.00048112869262695</duration></time></response>",
                XmlAnswer.of(Buffer.buffer(json)).toString());
    }

    @Test
    void floatsAreWrittenToFourteenDigitsAsPhpCastsThem() {
        assertEquals("0", XmlAnswer.phpFloat(0.0));
        assertEquals("2", XmlAnswer.phpFloat(2.0));
        assertEquals("0.1", XmlAnswer.phpFloat(0.1));
        assertEquals("1.5E-5", XmlAnswer.phpFloat(0.000015));
        assertEquals("1.0E+25", XmlAnswer.phpFloat(1e25));
        assertEquals("-3.25", XmlAnswer.phpFloat(-3.25));
        assertEquals("33333333333333", XmlAnswer.phpFloat(33333333333333.3));
    }

    @Test
    void aMethodNameEndingInXmlAnswersInXmlErrorsToo() {
        given().get(webhook + "user.current.xml").then().statusCode(200)
                .header("Content-Type", "text/xml; charset=utf-8")
                .body(startsWith("<response><result><ID>1</ID>"));
        given().get(webhook + "no.such.method.XML").then().statusCode(404)
                .header("Content-Type", "text/xml; charset=utf-8")
                .body(startsWith("<response><error>ERROR_METHOD_NOT_FOUND</error>"));
        // .json and a plain name stay JSON
        given().get(webhook + "user.current.json").then().statusCode(200).body("result.ID", equalTo("1"));
    }
}
