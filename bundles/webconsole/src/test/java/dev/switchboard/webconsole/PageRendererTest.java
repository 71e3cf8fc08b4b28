package dev.switchboard.webconsole;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageRendererTest {

    @Test
    void pageCarriesPluginRootAndTokenForTheScriptAndEveryTable() {
        String html = PageRenderer.render("/system/console/wamp", "tok_en-1");
        assertTrue(html.contains("data-plugin-root=\"/system/console/wamp\" data-csrf=\"tok_en-1\""), html);
        assertTrue(html.contains("<script src=\"/system/console/wamp/res/wamp.js\"></script>"), html);
        for (String body : new String[] {"wamp-realms", "wamp-sessions", "wamp-registrations", "wamp-subscriptions",
            "wamp-transports"}) {
            assertTrue(html.contains("<tbody id=\"" + body + "\"></tbody>"), body);
        }
        assertTrue(html.contains("<th>Pending out</th>"), html);
    }

    @Test
    void attributeValuesAreEncodedSoTheyCannotBreakOut() {
        String html = PageRenderer.render("/x\"><script>alert(1)</script>", "t\"k");
        assertFalse(html.contains("<script>alert(1)"), html);
        assertTrue(html.contains("&#34;&gt;&lt;script&gt;") || html.contains("&#34;>&lt;script>"), html);
    }

    @Test
    void noTemplateVariableForTheWebConsoleFilterToReplace() {
        assertFalse(PageRenderer.render("/system/console/wamp", "t").contains("${"));
    }
}
