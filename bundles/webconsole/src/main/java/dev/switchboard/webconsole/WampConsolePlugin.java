package dev.switchboard.webconsole;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.admin.RouterAdmin;
import dev.switchboard.api.router.TransportListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.CollectionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page {@code /system/console/wamp} (Web Console 5 plugin: a plain jakarta servlet registered
 * with {@code felix.webconsole.label}). The console wraps a GET without extension in its header and menu and passes
 * {@code data.json} and POSTs straight through; {@code res/*} it serves from this bundle itself. Routes:
 * <ul>
 * <li>{@code GET  wamp} the page, see {@link PageRenderer};</li>
 * <li>{@code GET  wamp/data.json} the node now, see {@link ConsoleData};</li>
 * <li>{@code POST wamp/kill} with {@code session=ID}: GOODBYE to that session, guarded by {@link CsrfGuard}.</li>
 * </ul>
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + WampConsolePlugin.LABEL,
    "felix.webconsole.title=WAMP",
    "felix.webconsole.category=Switchboard",
    "felix.webconsole.css=/" + WampConsolePlugin.LABEL + "/res/wamp.css"})
public final class WampConsolePlugin extends HttpServlet {
    static final String LABEL = "wamp";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WampConsolePlugin.class);
    private static final String PLUGIN_ROOT_ATTRIBUTE = "felix.webconsole.pluginRoot";
    private static final String JSON_TYPE = "application/json;charset=utf-8";

    @Reference
    private transient RouterAdmin admin;

    @Reference(service = TransportListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            collectionType = CollectionType.TUPLE)
    private transient volatile List<Map.Entry<Map<String, Object>, TransportListener>> listeners = List.of();

    private final transient CsrfGuard csrf;
    private final transient ObjectMapper json = new ObjectMapper();
    private final transient Clock clock;

    /** For Declarative Services: a new CSRF key per activation. */
    public WampConsolePlugin() {
        this.csrf = new CsrfGuard();
        this.clock = Clock.systemUTC();
    }

    /** For tests. */
    WampConsolePlugin(RouterAdmin admin, List<Map.Entry<Map<String, Object>, TransportListener>> listeners,
            CsrfGuard csrf, Clock clock) {
        this.admin = admin;
        this.listeners = listeners;
        this.csrf = csrf;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (route(request)) {
            case "" -> {
                // Inside the console's page: it has set the content type and written its header already.
                response.getWriter().write(PageRenderer.render(pluginRoot(request), csrf.tokenFor(user(request))));
            }
            case "data.json" -> data(response);
            default -> error(response, HttpServletResponse.SC_NOT_FOUND, "no such page");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!route(request).equals("kill")) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "no such action");
            return;
        }
        String user = user(request);
        String refusal = csrf.refusal(user, request.getHeader(CsrfGuard.HEADER), request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), request.getHeader("Host"));
        if (refusal != null) {
            LOG.warn("Web Console kill refused for user '{}' from {}: {}", user, request.getRemoteAddr(), refusal);
            error(response, HttpServletResponse.SC_FORBIDDEN, refusal);
            return;
        }
        long session;
        try {
            session = Long.parseLong(String.valueOf(request.getParameter("session")).trim());
        } catch (NumberFormatException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, "parameter 'session' must be a session id");
            return;
        }
        String message = "killed from the Web Console" + (user == null ? "" : " by " + user);
        if (!admin.kill(session, null, message)) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "no session " + session);
            return;
        }
        LOG.info("Session {} killed from the Web Console by '{}' ({})", session, user, request.getRemoteAddr());
        write(response, HttpServletResponse.SC_OK, Map.of("killed", session));
    }

    private void data(HttpServletResponse response) throws IOException {
        List<ListenerInfo> views = listeners.stream().map(e -> ListenerInfo.of(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ListenerInfo::name)).toList();
        Map<String, Object> data;
        try {
            data = ConsoleData.snapshot(admin, views, clock.instant());
        } catch (RuntimeException e) {
            // A realm that does not answer in time: the page shows the reason and keeps polling.
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "cannot read the router: " + e.getMessage());
            return;
        }
        write(response, HttpServletResponse.SC_OK, data);
    }

    /** The part of the path after the label: "" for the page, "data.json", "kill". */
    static String route(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null) {
            return "";
        }
        String prefix = "/" + LABEL;
        if (path.startsWith(prefix)) {
            path = path.substring(prefix.length());
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(PLUGIN_ROOT_ATTRIBUTE);
        return root != null ? root.toString() : request.getContextPath() + request.getServletPath() + "/" + LABEL;
    }

    /** Set by the Web Console's authentication (HTTP whiteboard's REMOTE_USER); null without a login. */
    private static String user(HttpServletRequest request) {
        return request.getRemoteUser();
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Map.of("error", message));
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json.writeValueAsString(body));
    }

    @Override
    public String toString() {
        return "WampConsolePlugin[" + LABEL + ", listeners=" + listeners.size() + "]";
    }
}
