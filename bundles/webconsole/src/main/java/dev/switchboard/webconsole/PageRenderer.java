package dev.switchboard.webconsole;

import java.util.List;
import org.owasp.encoder.Encode;

/**
 * The page's HTML: headers and empty table bodies that {@code res/wamp.js} fills from {@code data.json}. No router
 * data is written into the HTML (the script sets it with {@code textContent}), so it cannot inject markup, and the
 * Web Console's {@code ${...}} template filter over plugin output cannot alter it. What is written, the plugin root
 * and the CSRF token, is encoded for its HTML context. Column order here and in wamp.js must match.
 */
final class PageRenderer {

    static final List<String> REALM_COLUMNS = List.of("Realm", "Sessions", "Registrations", "Subscriptions",
            "Pending calls", "Errors", "Msgs in", "Msgs out", "In/s", "Out/s");
    static final List<String> SESSION_COLUMNS = List.of("Session", "Realm", "Authid", "Authrole", "Authmethod",
            "Transport", "Peer", "Serializer", "Joined", "Msgs in", "Msgs out", "In/s", "Out/s", "Pending out", "");
    static final List<String> REGISTRATION_COLUMNS = List.of("Registration", "Realm", "Procedure", "Match", "Invoke",
            "Callees", "Created");
    static final List<String> SUBSCRIPTION_COLUMNS = List.of("Subscription", "Realm", "Topic", "Match",
            "Subscribers", "Created");
    static final List<String> TRANSPORT_COLUMNS = List.of("Listener", "Transport", "Connections", "Addresses");

    private PageRenderer() {
    }

    /**
     * @param pluginRoot the plugin's absolute path, from the Web Console's {@code felix.webconsole.pluginRoot}
     */
    static String render(String pluginRoot, String csrfToken) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<div id=\"wamp-console\" data-plugin-root=\"").append(Encode.forHtmlAttribute(pluginRoot))
                .append("\" data-csrf=\"").append(Encode.forHtmlAttribute(csrfToken)).append("\">\n");
        html.append("<p class=\"statline ui-state-highlight\" id=\"wamp-status\">Loading&hellip;</p>\n");
        table(html, "Realms", "wamp-realms", REALM_COLUMNS);
        table(html, "Sessions", "wamp-sessions", SESSION_COLUMNS);
        table(html, "Registrations", "wamp-registrations", REGISTRATION_COLUMNS);
        table(html, "Subscriptions", "wamp-subscriptions", SUBSCRIPTION_COLUMNS);
        table(html, "Transports", "wamp-transports", TRANSPORT_COLUMNS);
        html.append("</div>\n");
        html.append("<script src=\"").append(Encode.forHtmlAttribute(pluginRoot))
                .append("/res/wamp.js\"></script>\n");
        return html.toString();
    }

    private static void table(StringBuilder html, String title, String bodyId, List<String> columns) {
        html.append("<h3 class=\"wamp-title\">").append(Encode.forHtml(title)).append(" <span id=\"")
                .append(bodyId).append("-count\"></span></h3>\n");
        html.append("<table class=\"nicetable wamp-table\">\n<thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(Encode.forHtml(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody id=\"").append(bodyId).append("\"></tbody>\n</table>\n");
    }
}
