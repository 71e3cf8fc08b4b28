package dev.switchboard.itest.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects one node shared by every test class of the run ({@code @ExtendWith(SharedNode.class)} and a
 * {@link NodeProcess} parameter). It is started on first use and kept in the root store, which JUnit closes after the
 * last test: that stop must be clean (SIGTERM, exit 0), or the run fails.
 *
 * <p>Tests that use it must leave it as they found it (unique URIs per test, every session closed, deploy/ cleaned),
 * so that they pass in any order. Tests that stop or break a node start their own.
 */
public final class SharedNode implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NodeProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedNode.class));
        Resource resource = store.getOrComputeIfAbsent("node", key -> Resource.start(), Resource.class);
        if (resource.failure != null) {
            throw resource.failure; // start once: a node that did not start is not retried for every test
        }
        if (!resource.node.isAlive()) {
            // Nothing in these tests stops the shared node before the end of the run.
            throw new AssertionError("the shared node is gone (stopped from outside the tests, or crashed): "
                    + resource.node + "\n" + resource.node.tail(30));
        }
        return resource.node;
    }

    /** Closed by JUnit at the end of the run. */
    private record Resource(NodeProcess node, AssertionError failure) implements AutoCloseable {
        static Resource start() {
            try {
                return new Resource(NodeProcess.startReady(NodeProcess.builder("shared").runtimeDeployDir()), null);
            } catch (AssertionError e) {
                return new Resource(null, e);
            }
        }

        @Override
        public void close() {
            if (node == null) {
                return;
            }
            try {
                node.stopCleanly();
            } finally {
                node.kill();
            }
        }
    }
}
