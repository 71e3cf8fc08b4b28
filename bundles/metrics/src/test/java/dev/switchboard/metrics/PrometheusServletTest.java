package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.admin.RealmInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusServletTest {

    @Test
    void getAnswersPrometheusTextWithTheRoutersMetrics() throws Exception {
        PrometheusServlet servlet = new PrometheusServlet(Fixtures.source(List.of(Fixtures.REALM1)));
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.doGet(FakeHttp.get(Map.of()), response.proxy());
        assertEquals(200, response.status);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.contentType);
        assertTrue(response.body().contains("switchboard_realm_sessions{realm=\"realm1\"} 3.0\n"), response.body());
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        PrometheusServlet servlet = new PrometheusServlet(Fixtures.source(List.of(Fixtures.REALM1)));
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.doGet(FakeHttp.get(Map.of("Accept", "application/openmetrics-text; version=1.0.0")),
                response.proxy());
        assertTrue(response.contentType.startsWith("application/openmetrics-text"), response.contentType);
        assertTrue(response.body().endsWith("# EOF\n"), response.body());
    }

    @Test
    void routerThatDoesNotAnswerGives503WithTheReason() throws Exception {
        MetricsSource failing = new MetricsSource(Fixtures.router(() -> {
            throw new IllegalStateException("realm 'realm1' did not answer");
        }), List.of());
        FakeHttp.Response response = new FakeHttp.Response();
        new PrometheusServlet(failing).doGet(FakeHttp.get(Map.of()), response.proxy());
        assertEquals(503, response.status);
        assertEquals("cannot read the router: realm 'realm1' did not answer\n", response.body());
    }

    @Test
    void everyScrapeReadsTheRouterAgain() throws Exception {
        RealmInfo[] current = {Fixtures.QUIET};
        PrometheusServlet servlet = new PrometheusServlet(new MetricsSource(
                Fixtures.router(() -> List.of(current[0])), List.of()));
        FakeHttp.Response first = new FakeHttp.Response();
        servlet.doGet(FakeHttp.get(Map.of()), first.proxy());
        current[0] = Fixtures.REALM1;
        FakeHttp.Response second = new FakeHttp.Response();
        servlet.doGet(FakeHttp.get(Map.of()), second.proxy());
        assertTrue(first.body().contains("realm=\"com.example.quiet\""), first.body());
        assertTrue(second.body().contains("realm=\"realm1\""), second.body());
    }
}
