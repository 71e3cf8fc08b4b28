package dev.switchboard.connector.postgresql;

import dev.switchboard.api.uri.WampErrors;
import dev.switchboard.client.Invocation;
import dev.switchboard.client.Result;
import dev.switchboard.client.WampException;
import dev.switchboard.connector.postgresql.ArgumentBinder.BoundCall;
import dev.switchboard.connector.postgresql.FunctionDescriptor.ResultShape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs WAMP invocations as function calls on pooled connections, on the connector's own bounded call executor
 * (never on the router's or the client's threads). Each call is one statement in autocommit, except set-returning
 * functions, which run in a transaction so that rows are fetched in batches through a cursor. An INTERRUPT
 * (call canceled or timed out) cancels the running statement.
 */
final class FunctionInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionInvoker.class);

    private final ConnectorSettings settings;
    private final DataSource pool;
    private final ExecutorService executor;
    private final Function<String, List<FunctionDescriptor>> catalog;
    private final ConnectorStats stats;

    /** @param catalog the current overloads of a procedure URI, or {@code null} once it is gone */
    FunctionInvoker(ConnectorSettings settings, DataSource pool, ExecutorService executor,
            Function<String, List<FunctionDescriptor>> catalog, ConnectorStats stats) {
        this.settings = settings;
        this.pool = pool;
        this.executor = executor;
        this.catalog = catalog;
        this.stats = stats;
    }

    /** The {@link dev.switchboard.client.Procedure} behind every registered function URI. */
    CompletableFuture<Result> invoke(String procedure, Invocation invocation) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        try {
            executor.execute(() -> complete(result, procedure, invocation));
        } catch (RejectedExecutionException e) {
            stats.callFailed();
            result.completeExceptionally(new WampException(SqlErrors.OVERLOADED,
                    "too many calls waiting for a database connection (maxQueuedCalls "
                            + settings.maxQueuedCalls() + ")"));
        }
        return result;
    }

    private void complete(CompletableFuture<Result> result, String procedure, Invocation invocation) {
        if (invocation.isInterrupted()) {
            result.completeExceptionally(new WampException(WampErrors.CANCELED));
            return;
        }
        try {
            List<FunctionDescriptor> overloads = catalog.apply(procedure);
            if (overloads == null || overloads.isEmpty()) {
                throw new WampException(WampErrors.NO_SUCH_PROCEDURE, "no function behind " + procedure
                        + " any more");
            }
            BoundCall call = ArgumentBinder.bind(overloads, invocation.args(), invocation.kwargs());
            result.complete(run(call, invocation));
            stats.callSucceeded();
        } catch (WampException e) {
            stats.callFailed();
            result.completeExceptionally(e);
        } catch (SQLException e) {
            stats.callFailed();
            WampException error = SqlErrors.toWamp(e, settings.errorUris());
            LOG.debug("{}: {} ({})", procedure, error.uri(), e.getMessage());
            result.completeExceptionally(error);
        } catch (RuntimeException e) {
            stats.callFailed();
            LOG.warn("{} failed unexpectedly", procedure, e);
            result.completeExceptionally(new WampException(SqlErrors.DB_ERROR, String.valueOf(e.getMessage())));
        }
    }

    private Result run(BoundCall call, Invocation invocation) throws SQLException {
        boolean set = call.function().shape().isSet();
        try (Connection connection = pool.getConnection()) {
            if (set) {
                connection.setAutoCommit(false); // a cursor: rows come in batches, not all at once
            }
            try (PreparedStatement statement = connection.prepareStatement(call.sql())) {
                call.bind(statement);
                invocation.interrupted().thenRun(() -> cancelQuietly(statement));
                Result result;
                if (set) {
                    statement.setFetchSize(Math.min(settings.progressBatchRows(), settings.maxResultRows() + 1));
                    try (ResultSet rs = statement.executeQuery()) {
                        result = readSet(rs, call.function().shape(), invocation);
                    }
                    connection.commit();
                } else {
                    try (ResultSet rs = statement.executeQuery()) {
                        result = readSingle(rs, call.function().shape());
                    }
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (set) {
                    rollbackQuietly(connection);
                }
                throw e;
            }
        }
    }

    private static Result readSingle(ResultSet rs, ResultShape shape) throws SQLException {
        if (shape == ResultShape.VOID) {
            return Result.empty();
        }
        if (!rs.next()) {
            return Result.of((Object) null);
        }
        return Result.of(shape == ResultShape.ROW ? ResultValues.row(rs) : ResultValues.column(rs, 1));
    }

    /**
     * All rows in {@code args[0]}; for a caller that asked for progressive results, every full batch first as a
     * progressive result, and the rest as the final one: the lists joined are the whole result.
     */
    private Result readSet(ResultSet rs, ResultShape shape, Invocation invocation) throws SQLException {
        boolean progressive = invocation.receiveProgress();
        int batchSize = settings.progressBatchRows();
        List<Object> rows = new ArrayList<>();
        int total = 0;
        while (rs.next()) {
            rows.add(shape == ResultShape.ROW_SET ? ResultValues.row(rs) : ResultValues.column(rs, 1));
            total++;
            if (progressive && rows.size() == batchSize) {
                if (!invocation.progress(List.of(rows), Map.of())) {
                    throw new WampException(WampErrors.CANCELED); // the call is over (canceled or timed out)
                }
                rows = new ArrayList<>();
            } else if (!progressive && total > settings.maxResultRows()) {
                throw new WampException(SqlErrors.RESULT_TOO_LARGE, List.of("more than "
                        + settings.maxResultRows() + " rows; call with receive_progress to get them in batches"),
                        Map.of("max_rows", settings.maxResultRows()));
            }
        }
        return Result.of(rows);
    }

    private static void cancelQuietly(PreparedStatement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            LOG.debug("cancel failed: {}", e.getMessage());
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }
}
