package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Without {@code format}, ecnow.php and database.php answer the XML envelope of protocol.md,
 * for writes and errors as well as reads. Every answer is parsed with the JDK's DOM parser.
 */
class XmlEnvelopeApiTest {

    private static final List<String> SCRIPTS = List.of("ecnow.php", "database.php");

    private static TestServer server;
    private static Api api;
    private static long dataset;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.newCentre("Xml");
        api.campaignTable("Xml");
        JsonNode made = api.write("ecnow.php", "ecnow_datasets", "create",
                "[{\"table\":\"Xml\"}]");
        assertEquals(1, made.path("total").asInt(), made.toString());
        dataset = made.get("key").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The document of an answer that must be XML declared as UTF-8. */
    private static Document xml(Api.Response r) throws Exception {
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/xml"), r.contentType());
        assertTrue(r.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), r.body());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals("result", doc.getDocumentElement().getTagName(), r.body());
        return doc;
    }

    /** The root's child elements of this name. */
    private static List<Element> children(Document doc, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null;
                n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The text of the root's only child element of this name. */
    private static String child(Document doc, String name) {
        List<Element> found = children(doc, name);
        assertEquals(1, found.size(), "<" + name + "> under <result>");
        return found.get(0).getTextContent();
    }

    private static String path(Document doc, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, doc);
    }

    private static Document create(String script, String rows) throws Exception {
        // database.php's ecnow_data is the older name of ecnow.php's ecnow_records.
        String method = script.equals("ecnow.php") ? "ecnow_records" : "ecnow_data";
        return xml(api.post("/" + script + "?method=" + method + "&action=create&token="
                + api.token + "&raw=1", "application/x-www-form-urlencoded", rows));
    }

    @Test
    void aWriteWithOneGoodAndOneBadRowAnswersTheXmlEnvelope() throws Exception {
        String[] good = {"07700900511", "07700900512"};
        for (int i = 0; i < SCRIPTS.size(); i++) {
            String script = SCRIPTS.get(i);

            Document doc = create(script, "[{\"dataset\":" + dataset + ",\"MobilePhone\":\""
                    + good[i] + "\"},{\"dataset\":" + dataset
                    + ",\"MobilePhone\":\"no number\"}]");

            assertEquals("1", child(doc, "success"), script);
            assertEquals(String.valueOf(api.ccid), child(doc, "account_id"), script);
            assertEquals("1", child(doc, "total"), script);
            assertEquals("1", child(doc, "bad"), script);
            // As in JSON, a top-level error is only for a write whose every row was refused.
            assertEquals(0, children(doc, "error").size(), script);
            assertEquals("1", path(doc, "count(/result/errors/*)"), script);
            assertEquals("1", path(doc, "/result/errors/*/index"), script);
            assertEquals("No valid phone number", path(doc, "/result/errors/*/error"), script);
            JsonNode written = api.read("ecnow.php", "ecnow_records",
                    Map.of("table", "Xml", "id", child(doc, "key")));
            assertEquals(good[i], written.get("list").get(0).get("MobilePhone").asText(), script);
        }
    }

    @Test
    void aWriteWithEveryRowRefusedStillSucceedsAndNamesTheFirstError() throws Exception {
        for (String script : SCRIPTS) {
            Document doc = create(script, "[{\"dataset\":" + dataset + ",\"MobilePhone\":"
                    + "\"x\"},{\"MobilePhone\":\"07700900513\"}]");

            assertEquals("1", child(doc, "success"), script);
            assertEquals(String.valueOf(api.ccid), child(doc, "account_id"), script);
            assertEquals("0", child(doc, "total"), script);
            assertEquals("2", child(doc, "bad"), script);
            assertEquals("No valid phone number", child(doc, "error"), script);
            assertEquals("Missing dataset", path(doc, "/result/errors/*[2]/error"), script);
        }
    }

    @Test
    void errorsAnswerTheXmlEnvelope() throws Exception {
        Map<String, String> badArgument = Map.of(
                "ecnow.php", "method=ecnow_records&action=read&table=Xml&mode=dead",
                "database.php", "method=queues&action=read&filter=1%3B%20DROP%20TABLE%20x");
        Map<String, String> badWord = Map.of("ecnow.php", "Bad argument: mode",
                "database.php", "Bad argument: filter");
        for (String script : SCRIPTS) {
            Document method = xml(api.get("/" + script + "?method=nothing&action=read&token="
                    + api.token));
            Document argument = xml(api.get("/" + script + "?" + badArgument.get(script)
                    + "&token=" + api.token));
            Document token = xml(api.get("/" + script + "?method=queues&action=read"
                    + "&token=nosuchtoken"));

            assertEquals("0", child(method, "success"), script);
            assertEquals("Unknown method", child(method, "error"), script);
            assertEquals(String.valueOf(api.ccid), child(method, "account_id"), script);
            assertEquals("0", child(argument, "success"), script);
            assertEquals(badWord.get(script), child(argument, "error"), script);
            assertEquals(String.valueOf(api.ccid), child(argument, "account_id"), script);
            assertEquals("0", child(token, "success"), script);
            assertEquals("Invalid token", child(token, "error"), script);
        }
    }
}
