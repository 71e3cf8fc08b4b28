package dev.switchboard.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on the OSGi HTTP whiteboard: the Prometheus text format (0.0.4), or OpenMetrics when the
 * scraper asks for it in {@code Accept}. Every request reads the router afresh. No authentication: the HTTP service
 * of a node listens on 127.0.0.1 (features/console.json); put a proxy with authentication in front to expose it.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/metrics",
    "osgi.http.whiteboard.servlet.name=switchboard-metrics"})
public final class PrometheusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusServlet.class);

    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

    @Reference
    private transient MetricsSource source;

    /** Our own registry, not {@code PrometheusRegistry.defaultRegistry}, which is shared by every bundle. */
    private final transient PrometheusRegistry registry = new PrometheusRegistry();

    /** For Declarative Services. */
    public PrometheusServlet() {
    }

    /** For tests. */
    PrometheusServlet(MetricsSource source) {
        this.source = source;
        activate();
    }

    @Activate
    void activate() {
        registry.register(new RouterCollector(source::read));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MetricSnapshots snapshots;
        try {
            snapshots = registry.scrape();
        } catch (RuntimeException e) {
            // A realm that does not answer in time: say so instead of a half-filled page.
            LOG.warn("metrics scrape failed: {}", e.toString());
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(("cannot read the router: " + e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        ExpositionFormatWriter writer = writerFor(request.getHeader("Accept"));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        writer.write(response.getOutputStream(), snapshots);
    }

    static ExpositionFormatWriter writerFor(String accept) {
        return OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
    }
}
