package io.cxengine.journey.query.profile;

/**
 * The one statement that reads a customer's profile: the row with its recent relationship balance, pending follow-ups
 * and latest surveys. Public so that the benchmark times the very statement the endpoint runs.
 */
public final class ProfileQuery {

    /** Parameters: {@code :since} (where "recent" begins), {@code :customer}; tables as the read model names them. */
    public static final String SQL = """
            SELECT p.*,
                   (SELECT COALESCE(sum(m.weight), 0) FROM customer_profile_moment m
                     WHERE m.customer_id = p.customer_id AND m.occurred_at >= :since) AS recent_balance,
                   (SELECT count(*) FROM customer_profile_follow_up f
                     WHERE f.customer_id = p.customer_id AND f.state = 'SCHEDULED') AS pending_follow_ups,
                   (SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', s.kind, 'score', s.score,
                                                                 'at', s.occurred_at) ORDER BY s.occurred_at),
                                    '[]'::jsonb)::text
                      FROM (SELECT * FROM customer_profile_survey s
                             WHERE s.customer_id = p.customer_id ORDER BY occurred_at DESC LIMIT 5) s)
                       AS recent_surveys
              FROM customer_profile p
             WHERE p.customer_id = :customer
            """;

    private ProfileQuery() {
    }
}
