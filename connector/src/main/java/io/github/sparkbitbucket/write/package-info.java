/**
 * The write path: rows -> writer -> requests -> commit or undo (SPEC section 5).
 *
 * <h2>Entry points</h2>
 * {@code BitbucketTable} delegates to {@link io.github.sparkbitbucket.write.TableWrites}:
 * {@code SupportsWrite.newWriteBuilder} for {@code INSERT INTO} and
 * {@code df.write.format("bitbucket").mode("append")}, and
 * {@code SupportsRowLevelOperations.newRowLevelOperationBuilder} for {@code UPDATE},
 * {@code DELETE} and {@code MERGE INTO}. Row-level statements are delta writes
 * ({@code SupportsDelta}) whose row id is the table's key (SPEC section 3: {@code (repository,
 * id)} for pull requests, {@code (repository, name)} for branches...). Spark reads the matching
 * rows with the table's own scan (pushdown included), then calls the
 * {@code DeltaWriter} with {@code insert(row)}, {@code update(metadata, id, row)} or
 * {@code delete(metadata, id)}; INSERT's plain {@code write(row)} is {@code insert(row)}.
 *
 * <h2>The write mapping</h2>
 * Per table, data in the registry ({@link io.github.sparkbitbucket.table.WriteSpec}, entries in
 * {@link io.github.sparkbitbucket.table.WriteSpecs}): the create endpoint (POST), the item endpoint
 * (GET/PUT/DELETE), the key column and where a create's response carries the assigned key, the
 * writable columns with their body paths (flattened names back to JSON: {@code source_branch} ->
 * {@code source.branch.name}) and whether INSERT and/or UPDATE may set them, constant body members
 * ({@code scm=git}; a pipeline trigger's {@code target.type=pipeline_ref_target}), state
 * transitions as actions (pull request {@code state = 'DECLINED'} -> {@code POST .../decline},
 * {@code 'MERGED'} -> {@code POST .../merge}), the delete policy (allowed; refused with what to do
 * instead; repositories only with {@code allowRepositoryDelete=true}) and how a create is undone.
 *
 * <h2>One row</h2>
 * {@link io.github.sparkbitbucket.write.RowChanges}: INSERT builds the body from the row's
 * insertable columns (a non-NULL read-only column is refused: Bitbucket sets it), POSTs, and
 * records the created key. UPDATE and DELETE start from the row's before-image, which the scan
 * hands over with the row (the metadata column {@code _row_as_read}, asked for through
 * {@code requiredMetadataAttributes}; a row without it, as in a pushed DELETE, is read with a GET
 * first): UPDATE compares the new row with it, so it sends only the fields that differ (the
 * columns the statement set), refusing a change to a read-only column; and it is what the undo
 * restores. Counters and
 * timestamps Bitbucket maintains itself are not compared (they may have moved since the scan).
 * Rows run several at a time per task ({@link io.github.sparkbitbucket.write.InFlightRequests},
 * {@code maxConcurrency}), within the client's per-JVM cap; PUT, DELETE and GET are retried by the
 * client, POST never (a lost answer would otherwise create twice).
 *
 * <h2>Undo</h2>
 * Every change the API confirmed goes into the task's {@link io.github.sparkbitbucket.write.UndoLog}
 * as an {@link io.github.sparkbitbucket.write.UndoEntry}: CREATED (the assigned key), UPDATED (the
 * changed fields' old values), DELETED (the full before-image), ACTION (decline/merge: Bitbucket
 * cannot take these back). {@link io.github.sparkbitbucket.write.ChangeReverter} undoes, newest
 * first: DELETE what was created (a pull request is declined instead: it cannot be deleted), PUT
 * back old values, POST deleted branches, tags and projects again from their before-image (same
 * name/key, same target hash); what cannot be undone (a re-created comment would get a new id, a
 * pipeline has run, a decline is final) is reported row by row in an
 * {@link io.github.sparkbitbucket.write.UndoReport}.
 * <ul>
 *   <li>A task whose row fails undoes its own changes before failing; its exception carries the
 *       API's message, the table, the row's key and the undo report. When Spark fails or kills
 *       a task for another reason, {@code DataWriter.abort} undoes it the same way.</li>
 *   <li>A task that commits sends its changes to the driver in a
 *       {@link io.github.sparkbitbucket.write.WriteTaskMessage}; if the job then fails,
 *       {@code BatchWrite.abort} undoes every committed task's changes and, when some could not
 *       be undone, fails with an {@link io.github.sparkbitbucket.write.UndoIncompleteException}
 *       listing them (Spark attaches it to the job's error).</li>
 * </ul>
 *
 * <h2>Retried tasks</h2>
 * A failed attempt has undone what it created before Spark starts the next attempt, so the retry
 * starts from the state before the task and creates each row once; rows that cannot be deleted
 * (pull requests, pipelines) are kept by the failed attempt and adopted by the retry for the same
 * input row (same create body), through the JVM's {@code AttemptJournal}. Speculative execution
 * would run two attempts at once and is refused; Spark's commit coordinator is not used (a
 * writer's last failures surface in {@code commit()}, after the coordinator's authorization,
 * which would deny the retry). The journal lives in one JVM; for a retry on another executor, or
 * after an executor died without undoing anything, a retried attempt looks each row up in
 * Bitbucket by its natural identity before creating it ({@code
 * CreatedRowFinder}) and adopts what it finds. The same look-up
 * runs when a POST's answer was lost (I/O error, truncated body, 5xx): the POST is never repeated
 * blindly.
 *
 * <h2>Safety</h2>
 * UPDATE and DELETE with no WHERE clause are refused unless {@code allowFullTableWrite=true}
 * ({@link io.github.sparkbitbucket.write.RowLevelScanBuilder} sees whether Spark pushed any
 * condition); DELETE on repositories needs {@code allowRepositoryDelete=true}; statements a table
 * cannot run (DELETE on pull requests, UPDATE on branches, any write to a read-only table) are
 * refused while Spark analyses them. An UPDATE that sets a read-only column is refused by the
 * writer, per row, before that row's write request: Spark 4.1 tells a connector neither at
 * analysis nor at planning which columns a statement assigns (see WRITES.md). {@code dryRun=true}: reads (the scan) happen,
 * writes do not; every planned request is logged by the driver under logger
 * {@code io.github.sparkbitbucket.write.DryRun}.
 */
package io.github.sparkbitbucket.write;
