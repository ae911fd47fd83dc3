package io.cxengine.journey.command.imports;

import io.cxengine.journey.command.idempotency.IdempotencyKeyInFlight;
import io.cxengine.journey.command.idempotency.IdempotencyKeyReused;
import io.cxengine.journey.command.idempotency.IdempotencyRecords;
import io.cxengine.journey.command.idempotency.IdempotencyRecords.Claim;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.http.CommandLines;
import io.cxengine.journey.command.http.CommandProblemAdvice;
import io.cxengine.journey.command.recording.CustomerLocks;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import io.cxengine.journey.platform.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Records an import's lines in order, many to a transaction, resumable by its id.
 * <p>
 * One request imports into an import id at a time, in any engine process: it holds a PostgreSQL advisory lock on the
 * id for as long as it reads (on a connection of its own, so the lock ends with the request, or with the process if
 * it is killed). Lines are read one at a time and recorded in batches: each batch is one unit of work and one
 * transaction which first locks all of its customers at once ({@link CustomerLocks#lockAll}), and in which every
 * line's command then runs as it would at its endpoint ({@link ImportedCommands}), its events
 * are appended and chained together, and the import's progress advances. So a line is marked done exactly when its
 * facts, or its refusal, are stored; a resumed import skips the lines done (checking, by a digest chained over them,
 * that they are the same lines) and goes on from the first line not done. A refused line records nothing and is
 * reported with its line number and the problem its endpoint would have answered, and the batch goes on (see
 * {@link ImportedCommands#run} for how the batch keeps a customer it wrote through a refusal; should a refusal ever
 * change a customer before refusing, the batch ends at that line). Any other failure rolls the batch back and ends
 * the request: the lines done so far stay done.
 */
@Component
@EnableConfigurationProperties(ImportSettings.class)
public class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    private static final String FACTS = Imports.class.getName() + ".facts";
    private static final byte[] NO_LINES = new byte[32];
    /** Refused lines listed in the answer to an import; the rest page on at {@code GET /imports/{id}}. */
    private static final int REPORTED_REFUSALS = 100;

    private final ImportJobs jobs;
    private final CustomerLocks locks;
    private final ImportedCommands commands;
    private final CommandLines lines;
    private final CommandProblemAdvice problems;
    private final IdempotencyRecords idempotency;
    private final ImportSettings settings;
    private final DataSource dataSource;
    private final TransactionManager transactions;
    private final Clock clock;
    /** Imports running in this process: when this request began and how many lines were done then. */
    private final Map<UUID, Run> running = new ConcurrentHashMap<>();
    /** Imports this process runs at once, at most {@code journey.imports.max-running}. */
    private final Semaphore slots;
    private final ImportMeters meters;

    private record Run(Instant startedAt, long linesAtStart) {
    }

    Imports(ImportJobs jobs, CustomerLocks locks, ImportedCommands commands, CommandLines lines,
            CommandProblemAdvice problems, IdempotencyRecords idempotency, ImportSettings settings,
            DataSource dataSource,
            TransactionManager transactions, Clock clock, MeterRegistry meterRegistry) {
        this.jobs = jobs;
        this.locks = locks;
        this.commands = commands;
        this.lines = lines;
        this.problems = problems;
        this.idempotency = idempotency;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxRunning());
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = new ImportMeters(meterRegistry, running);
    }

    /** Counts the facts a batch appends (dispatch interceptors run as the batch's events are appended). */
    public MessageDispatchInterceptor<EventMessage<?>> factCounter() {
        return messages -> (index, message) -> {
            if (CurrentUnitOfWork.isStarted()) {
                long[] facts = CurrentUnitOfWork.get().root().getResource(FACTS);
                if (facts != null) {
                    facts[0]++;
                }
            }
            return message;
        };
    }

    /** How a request's import ended. */
    public record Outcome(ImportReport report, boolean begun) {
    }

    /**
     * Imports the lines of {@code body} into the import {@code importId} for the caller, beginning it or resuming it
     * after its lines done; the same file sent to an import finished before is answered its report again.
     */
    public Outcome run(UUID importId, Caller caller, String correlationId, InputStream body) {
        if (jobs.find(importId).filter(job -> !job.client().equals(caller.client())).isPresent()) {
            throw ImportConflict.idTaken(importId);
        }
        if (!slots.tryAcquire()) {
            throw ImportConflict.busy(settings.maxRunning());
        }
        try (ImportLock lock = ImportLock.take(dataSource, importId)) {
            return importInto(importId, caller, correlationId, body);
        } finally {
            slots.release();
        }
    }

    /** Under the import's lock: begins or resumes the import and records its lines. */
    private Outcome importInto(UUID importId, Caller caller, String correlationId, InputStream body) {
        Instant now = clock.instant();
        ImportJobs.Opened opened = jobs.open(importId, caller.client(), caller.subject(), now, NO_LINES);
        ImportJobs.Job job = opened.job();
        if (!job.client().equals(caller.client())) {
            throw ImportConflict.idTaken(importId);
        }
        NdjsonLines reader = new NdjsonLines(body, (int) settings.maxLine().toBytes());
        byte[] digest;
        try {
            digest = skipDone(importId, job, reader);
            if (job.finishedAt() != null) {
                // Finished before: the same file again is answered its report; a longer one is another file.
                if (reader.next() != null) {
                    throw ImportConflict.fileLonger(importId, job.lines());
                }
                return new Outcome(report(importId, caller, 0, REPORTED_REFUSALS), false);
            }
        } catch (IOException brokenOff) {
            throw ImportConflict.brokenOff(importId, job.lines());
        }
        running.put(importId, new Run(now, job.lines()));
        try {
            Reading reading = new Reading(importId, caller, correlationId, reader, job.lines(), digest);
            try {
                while (!reading.finished) {
                    batch(reading);
                }
            } catch (IOException brokenOff) {
                log.info("Import {} broken off after line {}: {}; resume it with the same file and Import-Id",
                        importId, reading.line, brokenOff.toString());
                throw ImportConflict.brokenOff(importId, reading.line);
            }
            ImportReport done = report(importId, caller, 0, 0);
            log.info("Import {} finished: {} lines, {} commands, {} facts, {} refused", importId, done.lines(),
                    done.commands(), done.facts(), done.refusals());
        } finally {
            running.remove(importId);
        }
        return new Outcome(report(importId, caller, 0, REPORTED_REFUSALS), opened.begun());
    }

    /** Where the caller's import stands; refused lines after {@code afterLine}, at most {@code limit}. */
    public ImportReport report(UUID importId, Caller caller, long afterLine, int limit) {
        ImportJobs.Job job = jobs.find(importId).filter(found -> found.client().equals(caller.client()))
                .orElseThrow(() -> new UnknownImport(importId));
        String state = job.finishedAt() != null ? ImportReport.FINISHED
                : jobs.running(importId) ? ImportReport.RUNNING : ImportReport.STOPPED;
        Double rate = Optional.ofNullable(running.get(importId))
                .filter(run -> job.finishedAt() == null)
                .map(run -> (job.lines() - run.linesAtStart())
                        / Math.max(0.001, Duration.between(run.startedAt(), clock.instant()).toMillis() / 1000.0))
                .orElse(null);
        return new ImportReport(importId, state, job.startedAt(), job.updatedAt(), job.finishedAt(), job.lines(),
                job.commands(), job.facts(), job.refusals(), rate,
                limit == 0 ? List.of() : jobs.refusals(importId, afterLine, limit));
    }

    /** Reads past the lines done, checking they are the lines that were done. */
    private static byte[] skipDone(UUID importId, ImportJobs.Job job, NdjsonLines reader) throws IOException {
        byte[] digest = NO_LINES;
        for (long line = 1; line <= job.lines(); line++) {
            NdjsonLines.Line next = reader.next();
            if (next == null) {
                throw ImportConflict.fileShorter(importId, line - 1, job.lines());
            }
            digest = chain(digest, hash(next));
        }
        if (!Arrays.equals(digest, job.digest())) {
            throw ImportConflict.fileChanged(importId, job.lines());
        }
        return digest;
    }

    /** One request's reading of the body: the line it is at, and the digest of every line done. */
    private static final class Reading {
        final UUID importId;
        final Caller caller;
        final String correlationId;
        final NdjsonLines reader;
        final Deque<Read> carried = new ArrayDeque<>();
        long line;
        byte[] digest;
        boolean ended;
        boolean finished;

        Reading(UUID importId, Caller caller, String correlationId, NdjsonLines reader, long line, byte[] digest) {
            this.importId = importId;
            this.caller = caller;
            this.correlationId = correlationId;
            this.reader = reader;
            this.line = line;
            this.digest = digest;
        }
    }

    /**
     * A line read for a batch: its hash, and the command it asks for (with its {@code Idempotency-Key} and the request
     * the key promises, if it has one) or the problem it is refused with.
     */
    private record Read(byte[] hash, CustomerCommand command, String key, String requestHash, ProblemDetail refusal) {
        Read(byte[] hash, ProblemDetail refusal) {
            this(hash, null, null, null, refusal);
        }
    }

    /** A line recorded under its key in this batch: the key is recorded in the batch's transaction. */
    private record KeyedLine(String key, String requestHash, String customerId, long version) {
    }

    /**
     * The lines of the next batch: those carried over from the last batch, then lines read as they arrive, up to the
     * batch's size, or its time if the client sends slowly. Each is read into its command (or its refusal) here.
     */
    private List<Read> gather(Reading reading) throws IOException {
        List<Read> gathered = new ArrayList<>();
        Instant began = clock.instant();
        while (gathered.size() < settings.batchLines()
                && Duration.between(began, clock.instant()).compareTo(settings.batchTime()) < 0) {
            if (!reading.carried.isEmpty()) {
                gathered.add(reading.carried.removeFirst());
                continue;
            }
            if (reading.ended) {
                break;
            }
            NdjsonLines.Line next = reading.reader.next();
            if (next == null) {
                reading.ended = true;
                break;
            }
            long number = reading.line + gathered.size() + 1;
            byte[] hash = hash(next);
            if (next.blank()) {
                gathered.add(new Read(hash, null));
            } else if (next.tooLong()) {
                gathered.add(new Read(hash, ProblemAdviceSupport.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                        "payload-too-large", "Line too long", "Line %d is longer than %s, the longest line an import "
                                .formatted(number, settings.maxLine()) + "takes")));
            } else {
                try {
                    CommandLines.KeyedCommand command = lines.read(next.bytes(), clock.instant());
                    gathered.add(new Read(hash, command.command(), command.idempotencyKey(), command.requestHash(),
                            null));
                } catch (CommandLines.InvalidLine invalid) {
                    gathered.add(new Read(hash, invalid.problem()));
                }
            }
        }
        return gathered;
    }

    /**
     * Records the next batch of lines in one unit of work and one transaction, with the import's progress: takes the
     * locks of all of the batch's customers at once, then runs its lines in order.
     */
    private void batch(Reading reading) throws IOException {
        List<Read> gathered = gather(reading);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            batch.attachTransaction(transactions);
            commands.deadlines().hold(batch);
            long[] facts = new long[1];
            batch.resources().put(FACTS, facts);
            locks.lockAll(gathered.stream().filter(read -> read.command() != null)
                    .map(read -> read.command().customerId().toString()).toList());
            List<ImportJobs.RefusedLine> refused = new ArrayList<>();
            Set<String> written = new HashSet<>();
            Map<String, KeyedLine> keyedInBatch = new LinkedHashMap<>();
            long done = 0;
            long accepted = 0;
            long firstLine = reading.line + 1;
            byte[] digest = reading.digest;
            Instant running = clock.instant();
            for (Read read : gathered) {
                if (Duration.between(running, clock.instant()).compareTo(settings.batchTime()) >= 0) {
                    break; // Within the write timeout: the rest goes to the next batch.
                }
                long number = firstLine + done;
                done++;
                digest = chain(digest, read.hash());
                if (read.refusal() != null) {
                    refused.add(new ImportJobs.RefusedLine(number, read.refusal()));
                }
                if (read.command() == null) {
                    continue;
                }
                CustomerCommand command = read.command();
                if (read.key() != null) {
                    KeyCheck key = check(reading, read, keyedInBatch);
                    if (key.refusal() != null) {
                        refused.add(new ImportJobs.RefusedLine(number, key.refusal()));
                        continue;
                    }
                    if (key.repeat()) {
                        accepted++; // Recorded before under its key: the line records nothing again.
                        continue;
                    }
                }
                try {
                    ImportedCommands.Outcome outcome = commands.run(command, provenance(reading, number),
                            written.contains(command.customerId().toString()));
                    if (outcome instanceof ImportedCommands.Outcome.Refused refusal) {
                        refused.add(new ImportJobs.RefusedLine(number, problems.refusal(refusal.refusal())
                                .orElseThrow()));
                        continue;
                    }
                    accepted++;
                    written.add(command.customerId().toString());
                    if (read.key() != null) {
                        keyedInBatch.put(read.key(), new KeyedLine(read.key(), read.requestHash(),
                                command.customerId().toString(),
                                ((ImportedCommands.Outcome.Accepted) outcome).version()));
                    }
                } catch (Exception failure) {
                    Optional<ProblemDetail> refusal = problems.refusal(failure);
                    if (refusal.isEmpty()) {
                        throw failure;
                    }
                    refused.add(new ImportJobs.RefusedLine(number, refusal.get()));
                    if (written.contains(command.customerId().toString())) {
                        break; // The rest of the lines go to the next batch.
                    }
                }
            }
            List<Read> rest = gathered.subList((int) done, gathered.size());
            boolean last = reading.ended && rest.isEmpty() && reading.carried.isEmpty();
            long lineCount = done;
            long commandCount = accepted;
            byte[] batchDigest = digest;
            // Registered last, so they run after the batch's events are appended (and counted), in their transaction.
            batch.onPrepareCommit(commands.deadlines()::release);
            batch.onPrepareCommit(unitOfWork -> keyedInBatch.values().forEach(keyed -> idempotency.recorded(
                    reading.caller.client(), keyed.key(), keyed.requestHash(), keyed.customerId(), keyed.version(),
                    clock.instant())));
            long linesBefore = reading.line;
            ImportJobs.Batch[] recorded = new ImportJobs.Batch[1];
            batch.onPrepareCommit(unitOfWork -> {
                recorded[0] = new ImportJobs.Batch(lineCount, commandCount, facts[0], refused, batchDigest);
                jobs.advance(reading.importId, linesBefore, recorded[0], last, clock.instant());
            });
            batch.commit();
            meters.committed(recorded[0]);
            reading.line += done;
            reading.digest = digest;
            for (int i = rest.size() - 1; i >= 0; i--) {
                reading.carried.addFirst(rest.get(i));
            }
            reading.finished = last;
        } catch (IOException | RuntimeException | Error failure) {
            rollback(batch, failure);
            throw failure;
        } catch (Exception failure) {
            rollback(batch, failure);
            throw new IllegalStateException("Import " + reading.importId + " failed in the batch after line "
                    + reading.line, failure);
        }
    }

    /**
     * What a line's {@code Idempotency-Key} says, in one round trip: the key promised another request (refused 422,
     * as its endpoint would answer), a request with it is still running (409), it recorded its write before (in an
     * earlier batch, a request or a line of this batch: a repeat), or it is new, claimed now for the batch.
     */
    private KeyCheck check(Reading reading, Read read, Map<String, KeyedLine> keyedInBatch) {
        KeyedLine earlier = keyedInBatch.get(read.key());
        Claim claim = earlier == null ? idempotency.claim(reading.caller.client(), read.key(), read.requestHash())
                : earlier.requestHash().equals(read.requestHash()) ? new Claim.Answered(null, null, null)
                : new Claim.UsedForAnotherRequest();
        if (claim instanceof Claim.UsedForAnotherRequest) {
            return new KeyCheck(problems.refusal(new IdempotencyKeyReused(read.key())).orElseThrow(), false);
        }
        if (claim instanceof Claim.InFlight) {
            return new KeyCheck(problems.refusal(new IdempotencyKeyInFlight(read.key())).orElseThrow(), false);
        }
        return new KeyCheck(null, claim instanceof Claim.Answered);
    }

    /** A line's key: the problem it is refused with, or whether its write was recorded before. */
    private record KeyCheck(ProblemDetail refusal, boolean repeat) {
    }

    /** Rolls the batch back, and first any unit of work of a line left open above it. */
    private static void rollback(UnitOfWork<?> batch, Throwable failure) {
        while (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() != batch
                && CurrentUnitOfWork.get().root() == batch) {
            CurrentUnitOfWork.get().rollback(failure);
        }
        if (batch.isActive() && CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == batch) {
            batch.rollback(failure);
        }
    }

    private static MetaData provenance(Reading reading, long line) {
        return MetaData.from(Map.of(
                Provenance.CORRELATION_ID, reading.correlationId,
                Provenance.PRINCIPAL, reading.caller.subject(),
                Provenance.SYSTEM, reading.caller.client(),
                Provenance.IMPORT_LINE, reading.importId + "#" + line));
    }

    /** The digest of the lines done, one more line on: SHA-256 of the digest so far and the line's hash. */
    private static byte[] chain(byte[] digest, byte[] lineHash) {
        MessageDigest sha = sha256();
        sha.update(digest);
        sha.update(lineHash);
        return sha.digest();
    }

    /** A line's SHA-256 (a line too long to keep counts as a mark of its own). */
    private static byte[] hash(NdjsonLines.Line line) {
        MessageDigest sha = sha256();
        sha.update(line.tooLong() ? new byte[]{1} : new byte[]{0});
        sha.update(line.bytes());
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The advisory lock of one import id, on a connection of its own, held until closed: a second request for the
     * same import, in any process, is refused while it is held.
     */
    private static final class ImportLock implements AutoCloseable {

        private final Connection connection;
        private final UUID importId;

        private ImportLock(Connection connection, UUID importId) {
            this.connection = connection;
            this.importId = importId;
        }

        static ImportLock take(DataSource dataSource, UUID importId) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                    lock.setInt(1, ImportJobs.LOCK_CLASS);
                    lock.setInt(2, ImportJobs.key(importId));
                    try (ResultSet taken = lock.executeQuery()) {
                        taken.next();
                        if (!taken.getBoolean(1)) {
                            throw ImportConflict.running(importId);
                        }
                    }
                }
                return new ImportLock(connection, importId);
            } catch (SQLException e) {
                close(connection);
                throw new IllegalStateException("Could not lock import " + importId, e);
            } catch (RuntimeException e) {
                close(connection);
                throw e;
            }
        }

        @Override
        public void close() {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, ImportJobs.LOCK_CLASS);
                unlock.setInt(2, ImportJobs.key(importId));
                unlock.execute();
            } catch (SQLException e) {
                log.warn("Could not release the lock of import {}; closing its connection, which ends it", importId, e);
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // The connection is gone already: so is its lock.
                }
            } finally {
                close(connection);
            }
        }

        private static void close(Connection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // The pool discards a connection it cannot close; the lock ends with its session.
                }
            }
        }
    }
}
