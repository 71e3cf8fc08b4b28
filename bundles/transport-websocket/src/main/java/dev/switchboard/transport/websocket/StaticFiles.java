package dev.switchboard.transport.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jetty.server.AllowedResourceAliasChecker;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Static files on the WebSocket listener's port (Crossbar's {@code web} transport: a static directory and a
 * WebSocket path on one port), with Jetty 12 core's {@link ResourceHandler}, no servlets. The handler sits behind
 * the WebSocket upgrade handler, so an upgrade at the WebSocket path always reaches WAMP first.
 *
 * <p>Safe defaults: no directory listings ({@code index.html} is served for a directory that has one); content
 * types from Jetty's table by file extension, with {@code X-Content-Type-Options: nosniff} so browsers do not
 * guess; nothing outside the directory: Jetty rejects {@code ..} and encoded separators in request paths, and
 * aliases (symbolic links among them) are served only when their real target is inside the directory; no
 * dotfiles ({@code .git}, {@code .env}), except under {@code /.well-known}. Only GET and HEAD are served.
 */
final class StaticFiles {

    static final String INDEX = "index.html";
    private static final String WELL_KNOWN = ".well-known";

    private StaticFiles() {
    }

    /**
     * The directory to serve, resolved to its real path (a symbolic link as the directory itself is fine).
     *
     * @throws IOException saying what is wrong with it
     */
    static Path directory(ListenerSettings settings) throws IOException {
        Path configured = settings.webDirectoryPath();
        if (!Files.isDirectory(configured)) {
            throw new IOException(Files.exists(configured) ? "not a directory" : "no such directory");
        }
        if (!Files.isReadable(configured) || !Files.isExecutable(configured)) {
            throw new IOException("not readable");
        }
        return configured.toRealPath();
    }

    /** The handler serving {@code directory} under {@code webPath}. */
    static Handler handler(ListenerSettings settings, Path directory) {
        ResourceHandler files = new ResourceHandler();
        files.setDirAllowed(false);
        files.setWelcomeFiles(List.of(INDEX));
        files.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        files.setEtags(true);

        ContextHandler context = new ContextHandler(new Guard(files), settings.webPath());
        context.setDisplayName("static files of WebSocket listener '" + settings.name() + "'");
        context.setBaseResourceAsPath(directory);
        // Jetty's default lets a symbolic link point anywhere; only what really lies inside the directory is served
        context.clearAliasChecks();
        context.addAliasCheck(new AllowedResourceAliasChecker(context));
        return context;
    }

    /** Whether a path in the context names a dotfile or lies in a dot directory (other than .well-known). */
    static boolean isHidden(String pathInContext) {
        for (String segment : pathInContext.split("/")) {
            if (segment.startsWith(".") && !segment.equals(WELL_KNOWN)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses hidden paths (404: not handled) and marks every answer {@code nosniff}. */
    private static final class Guard extends Handler.Wrapper {
        Guard(Handler files) {
            super(files);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (isHidden(Request.getPathInContext(request))) {
                return false;
            }
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            return super.handle(request, response, callback);
        }
    }
}
