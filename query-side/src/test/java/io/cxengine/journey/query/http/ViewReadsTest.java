package io.cxengine.journey.query.http;

import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the replica's (the read goes to the primary) and which are the read's own. */
class ViewReadsTest {

    @Test
    @DisplayName("no connection, no transaction, a lost server: the replica's, however the query bus wrapped them")
    void theReplicasFailures() {
        assertThat(ViewReads.cannotAnswer(new CannotGetJdbcConnectionException("refused",
                new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(ViewReads.cannotAnswer(new DataAccessResourceFailureException("terminating connection"))).isTrue();
        assertThat(ViewReads.cannotAnswer(new CompletionException(new QueryExecutionException("failed",
                new CannotCreateTransactionException("no connection"))))).isTrue();
    }

    @Test
    @DisplayName("a read's own failure (bad SQL, a bug) is not passed over")
    void theReadsFailures() {
        assertThat(ViewReads.cannotAnswer(new BadSqlGrammarException("read", "SELECT", new SQLException("no table"))))
                .isFalse();
        assertThat(ViewReads.cannotAnswer(new CompletionException(new IllegalStateException("bug")))).isFalse();
    }
}
