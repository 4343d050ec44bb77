-- Bitbucket analytics: pull request cycle time, merges per week, review load, pipeline health and
-- branch age, through the spark-bitbucket catalog. One file, used as is by every example:
--   spark-sql (-f this file), the PySpark notebook (the same statements, checked by a test), the
--   Java AnalyticsExample and the demo's HTML report (both read it from the classpath).
--
-- Run it against the standalone emulator (see the README for starting it):
--   spark-sql --jars connector/target/spark-bitbucket-0.1.0-SNAPSHOT-shaded.jar \
--     --conf spark.sql.catalog.bb=io.github.sparkbitbucket.BitbucketCatalog \
--     --conf spark.sql.catalog.bb.endpoint=http://127.0.0.1:7990/2.0 \
--     --conf spark.sql.catalog.bb.token=emu-token-full-0001 \
--     -f examples/sql/bitbucket_analytics.sql
-- On a real workspace: drop the endpoint, give your token, and change `acme` in the USE below.
--
-- Each query starts with a "-- name:" line; the statements before the first one set up the
-- session. Times are UTC; a merged pull request's merge time is its updated_on (the API has no
-- merge timestamp).

SET spark.sql.session.timeZone = UTC;

USE bb.acme;

-- name: cycle_time_by_repository
-- Hours from opening to merge of MERGED pull requests: median and 90th percentile per repository.
SELECT repository,
       COUNT(*) AS merged_pull_requests,
       ROUND(percentile(hours, 0.5), 1) AS median_hours,
       ROUND(percentile(hours, 0.9), 1) AS p90_hours
FROM (SELECT repository,
             (unix_micros(updated_on) - unix_micros(created_on)) / 3600000000.0 AS hours
      FROM pullrequests
      WHERE state = 'MERGED')
GROUP BY repository
ORDER BY median_hours DESC, repository;

-- name: merges_per_week
-- Pull requests merged per week (weeks start on Monday), across the workspace.
SELECT CAST(date_trunc('WEEK', updated_on) AS DATE) AS week,
       COUNT(*) AS merges
FROM pullrequests
WHERE state = 'MERGED'
GROUP BY 1
ORDER BY week;

-- name: review_load
-- Comments written on other people's pull requests, per reviewer: how many pull requests each
-- reviewed and how many review comments they wrote (the API lists no approvals per reviewer).
SELECT c.user_display_name AS reviewer,
       COUNT(DISTINCT c.repository, c.pullrequest_id) AS pull_requests_reviewed,
       COUNT(*) AS review_comments
FROM pullrequest_comments c
JOIN pullrequests p ON p.repository = c.repository AND p.id = c.pullrequest_id
WHERE c.user_uuid <> p.author_uuid AND NOT COALESCE(c.deleted, FALSE)
GROUP BY c.user_uuid, c.user_display_name
ORDER BY pull_requests_reviewed DESC, review_comments DESC, reviewer;

-- name: pipeline_health_by_repository
-- Completed pipelines per repository: share that succeeded, mean and 90th percentile duration.
SELECT repository,
       COUNT(*) AS completed_pipelines,
       ROUND(100 * AVG(CASE WHEN result = 'SUCCESSFUL' THEN 1 ELSE 0 END), 1) AS success_rate_pct,
       ROUND(AVG(duration_in_seconds) / 60.0, 1) AS avg_minutes,
       ROUND(percentile(duration_in_seconds, 0.9) / 60.0, 1) AS p90_minutes
FROM pipelines
WHERE state = 'COMPLETED'
GROUP BY repository
ORDER BY repository;

-- name: branch_age_by_repository
-- Days since each branch's head commit, counted back from the newest head commit in the
-- workspace (so that old, fixed data reads like a live workspace): per repository, the number
-- of branches, the median and the oldest.
SELECT repository,
       COUNT(*) AS branches,
       ROUND(percentile(age_days, 0.5), 1) AS median_age_days,
       MAX(age_days) AS oldest_days
FROM (SELECT repository,
             datediff(MAX(target_date) OVER (), target_date) AS age_days
      FROM branches)
GROUP BY repository
ORDER BY oldest_days DESC, repository;
