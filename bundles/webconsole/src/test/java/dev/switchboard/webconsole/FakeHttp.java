package dev.switchboard.webconsole;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Just enough of the servlet API for the plugin's routes, built with dynamic proxies. */
final class FakeHttp {

    /** A request as the Web Console passes it on: path info starts with the label. */
    static final class Request {
        final String method;
        final String pathInfo;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> parameters = new HashMap<>();
        final Map<String, Object> attributes = new HashMap<>();
        String user = "admin";

        Request(String method, String pathInfo) {
            this.method = method;
            this.pathInfo = pathInfo;
            attributes.put("felix.webconsole.pluginRoot", "/system/console/wamp");
            headers.put("Host", "127.0.0.1:8090");
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        HttpServletRequest proxy() {
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> pathInfo;
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getParameter" -> parameters.get((String) args[0]);
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "getRemoteUser" -> user;
                        case "getRemoteAddr" -> "127.0.0.1";
                        case "getContextPath" -> "";
                        case "getServletPath" -> "/system/console";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** Captures what the plugin writes. */
    static final class Response {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();
        private final PrintWriter writer = new PrintWriter(body);

        String body() {
            writer.flush();
            return body.toString();
        }

        HttpServletResponse proxy() {
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setContentType" -> contentType = (String) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "getWriter" -> {
                                return writer;
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }
    }

    private FakeHttp() {
    }
}
