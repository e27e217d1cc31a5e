// fuzz_apiobjects: the JSON decoding of every API object and of errors, through the jobs' own
// response handlers (what the client runs on a real response).
//
// Input: a header line naming the object, then the response body:
//   sandbox | list | file | files | exec | account | templates | regions | read: a body given to
//     the job's onResponseFinished (read: onResponseData first, in two pieces);
//   stream: an exec/stream body (SSE), split header first, fed whole and in pieces;
//   error STATUS [RETRY_AFTER]: an error body for ApiError::fromResponse;
//   output: the data of an exec stream "output" event for decodeOutputEvent (the fast path);
//   events | execs | execrecord: an activity page or exec record for the activity jobs;
//   eventstream | attach: an events stream or an exec attach body (SSE), split header first;
//   metrics | latestmetrics | processes: a sandbox's metrics, GET /v1/metrics, a process list.
// Without a known header the first byte picks the object and the rest is the body.
// Properties: a body that is not a JSON object is an invalid_response error, never a crash; every
// decoded value is stable (decoding what it encodes gives it back); lists keep every item;
// streams give the same result in any split; errors always have a kind, a class and a message,
// and redact() leaves no trace of the token anywhere. Activity: a page without its array is an
// invalid_response; kinds, families and statuses agree with their text; an events stream
// delivers strictly increasing seqs and ends only after an event that ends the sandbox; an attach
// decodes like the exec stream, its gaps included, in any split. Metrics and processes: a body
// without its array (or, for the latest samples, its object) is an invalid_response; every sample
// and process is kept, stable, its times in UTC.

#include "core/accountjob.h"
#include "core/activityjobs.h"
#include "core/attachexecjob.h"
#include "core/catalogjobs.h"
#include "core/eventstreamjob.h"
#include "core/execstreamjob.h"
#include "core/filejobs.h"
#include "core/metricsjobs.h"
#include "core/outputevent.h"
#include "core/processjobs.h"
#include "core/sandboxjobs.h"
#include "fuzz/fuzzinput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QThreadPool>

#include <memory>

using namespace Orkestr;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

namespace {

// The jobs' response handlers are protected: the client calls them. Open them up here.
template<typename JobType> struct Open : JobType
{
    using JobType::JobType;
    using JobType::onResponseData;
    using JobType::onResponseFinished;
};

template<typename JobType, typename... Args> std::unique_ptr<Open<JobType>> makeJob(Args &&...args)
{
    return std::make_unique<Open<JobType>>(std::forward<Args>(args)...);
}

// Runs the job's response handler on body. A job may finish parsing later (in a worker thread, so
// that a large body does not stall the GUI thread): then wait for it and take its error.
template<typename JobType> ApiError respond(JobType *job, const QByteArray &body)
{
    ApiError error = job->onResponseFinished(body);
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    if (!error.isError())
        error = job->error();
    return error;
}

template<typename T> void checkStable(const T &value)
{
    FUZZ_CHECK(T::fromJson(value.toJson()) == value);
}

void checkStable(const ExecChunk &chunk)
{
    if (chunk.isFinal())
        FUZZ_CHECK(ExecChunk::fromExitJson(chunk.toJson()) == chunk);
    else
        FUZZ_CHECK(ExecChunk::fromOutputJson(chunk.toJson()) == chunk);
}

// Whether parseJsonObject must accept the body.
std::optional<QJsonObject> jsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

void checkResult(const ApiError &error, const std::optional<QJsonObject> &object)
{
    if (!object) {
        FUZZ_CHECK(error.isError());
        FUZZ_CHECK(error.type() == u"invalid_response"_s);
        FUZZ_CHECK(!error.message().isEmpty());
    }
}

void checkArrayJob(const ApiError &error, const std::optional<QJsonObject> &object, const QString &field,
                   qsizetype count)
{
    checkResult(error, object);
    if (!object)
        return;
    const bool hasArray = object->value(field).isArray();
    FUZZ_CHECK(error.isError() == !hasArray);
    FUZZ_CHECK(count == (hasArray ? object->value(field).toArray().size() : 0));
}

// The token redact() must remove.
const QString Secret = u"ork_live_S3cr3tT0k3nV4lu3"_s;

bool mentionsSecret(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().contains(Secret);
    if (value.isArray()) {
        for (const auto &item : value.toArray())
            if (mentionsSecret(item))
                return true;
    }
    if (value.isObject()) {
        const auto object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            if (it.key().contains(Secret) || mentionsSecret(it.value()))
                return true;
    }
    return false;
}

void checkError(const QByteArray &header, const QByteArray &body)
{
    const auto words = header.split(' ');
    const int status = words.value(1).toInt();
    const QByteArray retryAfter = words.value(2);
    ApiError error = ApiError::fromResponse(status, body, u"req_header"_s, retryAfter);
    FUZZ_CHECK(error.isError());
    FUZZ_CHECK(error.kind() != ApiError::Kind::None);
    FUZZ_CHECK(error.kind() == ApiError::kindForType(error.type(), status));
    FUZZ_CHECK(error.is(ApiError::Kind::Orkestr));
    FUZZ_CHECK(error.is(error.kind()));
    FUZZ_CHECK(!error.className().isEmpty());
    FUZZ_CHECK(!error.message().isEmpty());
    FUZZ_CHECK(!error.requestId().isEmpty());
    FUZZ_CHECK(error.displayText().contains(error.message()));
    FUZZ_CHECK(error.httpStatus() == status);
    if (const auto object = jsonObject(body)) {
        const auto fields = object->value(u"error"_s).toObject();
        if (fields.value(u"type"_s).isString())
            FUZZ_CHECK(error.type() == fields.value(u"type"_s).toString());
        if (const auto id = fields.value(u"request_id"_s).toString(); !id.isEmpty())
            FUZZ_CHECK(error.requestId() == id);
        if (fields.value(u"retry_after"_s).isDouble())
            FUZZ_CHECK(error.retryAfterSeconds() == fields.value(u"retry_after"_s).toDouble());
    }
    // The typed accessors read whatever the extras hold.
    (void)error.detail(), (void)error.requiredScope(), (void)error.field(), (void)error.path();
    (void)error.limit(), (void)error.max(), (void)error.plan(), (void)error.cap(), (void)error.used();
    (void)error.signal(), (void)error.sandboxStatus(), (void)error.stdoutSoFar(), (void)error.stderrSoFar();
    (void)error.durationMs(), (void)error.maxBytes(), (void)error.host(), (void)error.port();
    (void)error.execId(), (void)error.pid();
    // "Not supported" is a 404 about the endpoint, never about a resource.
    static const QStringList resourceTypes
        = {u"sandbox_not_found"_s, u"exec_not_found"_s, u"process_not_found"_s, u"file_not_found"_s};
    FUZZ_CHECK(error.isUnsupportedEndpoint() == (status == 404 && !resourceTypes.contains(error.type())));
    if (error.type() == u"exec_not_found"_s || error.type() == u"process_not_found"_s)
        FUZZ_CHECK(error.kind() == ApiError::Kind::Orkestr);

    // A server that echoes the token must not get it into a dialog or a log.
    error.redact(Secret);
    FUZZ_CHECK(!error.message().contains(Secret));
    FUZZ_CHECK(!error.displayText().contains(Secret));
    FUZZ_CHECK(!error.requestId().contains(Secret));
    FUZZ_CHECK(!error.type().contains(Secret));
    FUZZ_CHECK(!mentionsSecret(error.extra()));
}

struct StreamOutcome
{
    ApiError error;
    int exitCode = 0;
    qint64 durationMs = 0;
    QString out;
    QString err;
    int chunks = 0;
    qint64 outBytes = 0;
    qint64 errBytes = 0;
    QList<ExecChunk> emitted;
    QList<OutputGap> gaps;
};

// The exec stream, or the attach stream, which decodes the same way and adds gaps.
template<typename JobType> StreamOutcome runStream(const QList<QByteArrayView> &pieces)
{
    std::unique_ptr<Open<JobType>> owner;
    if constexpr (std::is_same_v<JobType, AttachExecJob>)
        owner = makeJob<AttachExecJob>(u"sbx_fuzz"_s, u"exe_fuzz"_s);
    else
        owner = makeJob<ExecStreamJob>(u"sbx_fuzz"_s, u"true"_s);
    auto &job = *owner;
    StreamOutcome outcome;
    QObject::connect(&job, &ExecOutputJob::chunk,
                     [&](const ExecChunk &chunk) { outcome.emitted.append(chunk); });
    if constexpr (std::is_same_v<JobType, AttachExecJob>)
        QObject::connect(&job, &AttachExecJob::gap, [&](const OutputGap &gap) { outcome.gaps.append(gap); });
    for (const auto piece : pieces) {
        outcome.error = job.onResponseData(piece.toByteArray());
        if (outcome.error.isError())
            break;
    }
    if (!outcome.error.isError())
        outcome.error = job.onResponseFinished({});
    outcome.exitCode = job.exitCode();
    outcome.durationMs = job.durationMs();
    outcome.out = job.stdoutText();
    outcome.err = job.stderrText();
    outcome.chunks = job.chunkCount();
    outcome.outBytes = job.stdoutBytes();
    outcome.errBytes = job.stderrBytes();
    return outcome;
}

template<typename JobType> void checkStream(FuzzInput &input)
{
    const QList<qsizetype> sizes = input.splitSizes();
    const QByteArray body = input.rest();
    const StreamOutcome whole = runStream<JobType>({body});
    const StreamOutcome split = runStream<JobType>(splitBySizes(body, sizes));
    FUZZ_CHECK(whole.gaps == split.gaps);
    for (const auto &gap : whole.gaps)
        checkStable(gap);
    FUZZ_CHECK(whole.error.kind() == split.error.kind());
    FUZZ_CHECK(whole.error.type() == split.error.type());
    FUZZ_CHECK(whole.error.message() == split.error.message());
    FUZZ_CHECK(whole.exitCode == split.exitCode);
    FUZZ_CHECK(whole.durationMs == split.durationMs);
    FUZZ_CHECK(whole.out == split.out);
    FUZZ_CHECK(whole.err == split.err);
    FUZZ_CHECK(whole.chunks == split.chunks);
    FUZZ_CHECK(whole.emitted == split.emitted);
    FUZZ_CHECK(whole.chunks == whole.emitted.size());
    QString out;
    QString err;
    for (qsizetype i = 0; i < whole.emitted.size(); ++i) {
        const ExecChunk &chunk = whole.emitted[i];
        checkStable(chunk);
        // Only the last chunk may be final, and a successful stream ends with one.
        FUZZ_CHECK(!chunk.isFinal() || i == whole.emitted.size() - 1);
        if (!chunk.isFinal())
            (chunk.stream == u"stderr"_s ? err : out) += chunk.data;
    }
    FUZZ_CHECK(out == whole.out && err == whole.err);
    if (!whole.error.isError()) {
        FUZZ_CHECK(!whole.emitted.isEmpty() && whole.emitted.last().isFinal());
        FUZZ_CHECK(whole.exitCode == *whole.emitted.last().exitCode);
    }
}

const QList<QByteArrayView> Kinds
    = {"sandbox",    "list",        "file",   "files",   "exec",          "account",  "templates",
       "regions",    "read",        "stream", "error",   "output",        "events",   "execs",
       "execrecord", "eventstream", "attach", "metrics", "latestmetrics", "processes"};

// An event's kind, family and helpers agree with its text.
void checkEvent(const ActivityEvent &event)
{
    checkStable(event);
    checkStable(event.actor);
    const auto known = event.knownKind();
    if (known != ActivityEvent::Kind::Unknown)
        FUZZ_CHECK(ActivityEvent::kindToString(known) == event.kind);
    else
        FUZZ_CHECK(!ActivityEvent::knownKinds().contains(event.kind));
    FUZZ_CHECK(event.kind.startsWith(event.family()));
    const auto dot = event.kind.indexOf(u'.');
    if (dot > 0 && dot < event.kind.size() - 1)
        FUZZ_CHECK(ActivityEvent::kindMatches(event.kind, event.family() + u".*"_s));
    FUZZ_CHECK(ActivityEvent::kindMatches(event.kind, event.kind));
    FUZZ_CHECK(event.endsSandbox()
               == (event.kind == u"sandbox.terminated"_s || event.kind == u"sandbox.failed"_s));
    FUZZ_CHECK(!event.at.isValid() || event.at.timeSpec() == Qt::UTC);
    if (event.knownKind() == ActivityEvent::Kind::SandboxFailed
        || event.knownKind() == ActivityEvent::Kind::RequestFailed)
        FUZZ_CHECK(event.isFailure());
    if (event.actor.isToken())
        FUZZ_CHECK(event.actor.displayName()
                   == (event.actor.tokenName.isEmpty() ? event.actor.tokenPrefix : event.actor.tokenName));
    // The typed reads never trip over a mistyped field.
    (void)event.execId(), (void)event.command(), (void)event.path(), (void)event.envKeys(),
        (void)event.exitCode();
    (void)event.signal(), (void)event.durationMs(), (void)event.size(), (void)event.port(),
        (void)event.httpStatus();
}

void checkRecord(const ExecRecord &record)
{
    checkStable(record);
    FUZZ_CHECK(record.status == ExecRecord::statusFromString(record.statusText));
    if (record.status != ExecRecord::Status::Unknown)
        FUZZ_CHECK(ExecRecord::statusToString(record.status) == record.statusText);
    if (record.isRunning())
        FUZZ_CHECK(!record.isFailure());
    FUZZ_CHECK(record.hasDroppedOutput()
               == (record.retainedFrom.stdoutOffset > 0 || record.retainedFrom.stderrOffset > 0));
}

void checkSample(const MetricsSample &sample)
{
    checkStable(sample);
    FUZZ_CHECK(!sample.at.isValid() || sample.at.timeSpec() == Qt::UTC);
}

void checkProcess(const ProcessInfo &process)
{
    checkStable(process);
    FUZZ_CHECK(process.hasExec() == !process.execId.isEmpty());
    FUZZ_CHECK(!process.startedAt.isValid() || process.startedAt.timeSpec() == Qt::UTC);
}

struct EventStreamOutcome
{
    ApiError error;
    QList<ActivityEvent> events;
    QList<EventGap> gaps;
    qint64 lastSeq = 0;
    bool sawEnd = false;
};

EventStreamOutcome runEventStream(const QList<QByteArrayView> &pieces, qint64 start)
{
    const auto job = makeJob<EventStreamJob>(u"sbx_fuzz"_s, start);
    EventStreamOutcome outcome;
    QObject::connect(job.get(), &EventStreamJob::activity,
                     [&](const ActivityEvent &event) { outcome.events.append(event); });
    QObject::connect(job.get(), &EventStreamJob::gap, [&](const EventGap &gap) { outcome.gaps.append(gap); });
    for (const auto piece : pieces) {
        outcome.error = job->onResponseData(piece.toByteArray());
        if (outcome.error.isError())
            break;
    }
    if (!outcome.error.isError())
        outcome.error = job->onResponseFinished({});
    outcome.lastSeq = job->lastSeq();
    outcome.sawEnd = job->sawEnd();
    return outcome;
}

void checkEventStream(FuzzInput &input)
{
    const qint64 start = input.byte() % 4;
    const QList<qsizetype> sizes = input.splitSizes();
    const QByteArray body = input.rest();
    const auto whole = runEventStream({body}, start);
    const auto split = runEventStream(splitBySizes(body, sizes), start);
    FUZZ_CHECK(whole.error.type() == split.error.type());
    FUZZ_CHECK(whole.events == split.events);
    FUZZ_CHECK(whole.gaps == split.gaps);
    FUZZ_CHECK(whole.lastSeq == split.lastSeq && whole.sawEnd == split.sawEnd);
    // Every seq once, increasing, after the start; lastSeq is the newest seen.
    qint64 previous = start;
    for (const auto &event : whole.events) {
        FUZZ_CHECK(event.seq > previous);
        previous = event.seq;
        checkEvent(event);
    }
    FUZZ_CHECK(whole.lastSeq >= previous);
    FUZZ_CHECK(whole.sawEnd
               == std::any_of(whole.events.cbegin(), whole.events.cend(),
                              [](const ActivityEvent &event) { return event.endsSandbox(); }));
    for (const auto &gap : whole.gaps)
        checkStable(gap);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Jobs that parse in a worker thread report back through the event loop.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

// The exec stream's fast path for output events agrees with the general path wherever it answers,
// and answers for everything QJsonDocument writes.
void checkOutputEvent(const QByteArray &body)
{
    const auto fast = decodeOutputEvent(body);
    const auto object = jsonObject(body);
    if (fast) {
        FUZZ_CHECK(object.has_value());
        const ExecChunk general = ExecChunk::fromOutputJson(*object);
        FUZZ_CHECK(fast->chunk == general);
        FUZZ_CHECK(fast->utf8Bytes == general.data.toUtf8().size());
    }
    // (A lone surrogate, which a \\u escape can make, has no UTF-8 form to write back.)
    const auto writable = [](const ExecChunk &chunk) {
        return QStringView(chunk.data).isValidUtf16() && QStringView(chunk.stream).isValidUtf16();
    };
    if (object && writable(ExecChunk::fromOutputJson(*object))) {
        const ExecChunk general = ExecChunk::fromOutputJson(*object);
        const QByteArray written = QJsonDocument(general.toJson()).toJson(QJsonDocument::Compact);
        const auto again = decodeOutputEvent(written);
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(again->chunk == general);
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    QByteArray header = input.headerLine(Kinds);
    if (header.isEmpty())
        header = Kinds[input.byte() % Kinds.size()].toByteArray();
    const QByteArray kind = header.split(' ').value(0);

    if (kind == "stream")
        return checkStream<ExecStreamJob>(input), 0;
    if (kind == "attach")
        return checkStream<AttachExecJob>(input), 0;
    if (kind == "eventstream")
        return checkEventStream(input), 0;
    const QByteArray body = input.rest();
    if (kind == "output")
        return checkOutputEvent(body), 0;
    if (kind == "error")
        return checkError(header, body), 0;
    const auto object = jsonObject(body);

    if (kind == "sandbox") {
        const auto job = makeJob<GetSandboxJob>(u"sbx_fuzz"_s);
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        FUZZ_CHECK(error.isError() == !object);
        checkStable(job->sandbox());
        const Sandbox sandbox = job->sandbox();
        FUZZ_CHECK(sandbox.status == Sandbox::statusFromString(sandbox.statusText));
        FUZZ_CHECK(!(sandbox.isFinal() && sandbox.isTransitional()));
    } else if (kind == "list") {
        ListSandboxesParams params;
        params.allPages = false;
        const auto job = makeJob<ListSandboxesJob>(params);
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"sandboxes"_s, job->sandboxes().size());
        for (const auto &sandbox : job->sandboxes())
            checkStable(sandbox);
        if (!error.isError())
            FUZZ_CHECK(job->nextCursor() == object->value(u"next_cursor"_s).toString());
    } else if (kind == "file") {
        const auto job = makeJob<WriteFileJob>(u"sbx_fuzz"_s, u"/workspace/f"_s, u"text"_s);
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        FUZZ_CHECK(error.isError() == !object);
        checkStable(job->entry());
    } else if (kind == "files") {
        const auto job = makeJob<ListFilesJob>(u"sbx_fuzz"_s, u"/workspace"_s);
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        FUZZ_CHECK(error.isError() == !object);
        if (object)
            FUZZ_CHECK(job->entries().size() == object->value(u"entries"_s).toArray().size());
        for (const auto &entry : job->entries())
            checkStable(entry);
    } else if (kind == "exec") {
        const auto job = makeJob<ExecJob>(u"sbx_fuzz"_s, u"true"_s);
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        FUZZ_CHECK(error.isError() == !object);
        checkStable(job->result());
    } else if (kind == "account") {
        const auto job = makeJob<GetAccountJob>();
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        FUZZ_CHECK(error.isError() == !object);
        checkStable(job->account());
        FUZZ_CHECK(job->account().canWrite() == job->account().token.scopes.contains(u"sandboxes:write"_s));
    } else if (kind == "templates") {
        const auto job = makeJob<GetTemplatesJob>();
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"templates"_s, job->templates().size());
        for (const auto &entry : job->templates())
            checkStable(entry);
    } else if (kind == "regions") {
        const auto job = makeJob<GetRegionsJob>();
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"regions"_s, job->regions().size());
        for (const auto &entry : job->regions())
            checkStable(entry);
    } else if (kind == "events") {
        const auto job = makeJob<ListEventsJob>(u"sbx_fuzz"_s);
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"events"_s, job->events().size());
        checkStable(job->page());
        for (const auto &event : job->events())
            checkEvent(event);
        if (!error.isError())
            FUZZ_CHECK(job->latestSeq() == object->value(u"latest_seq"_s).toInteger());
    } else if (kind == "execs") {
        const auto job = makeJob<ListExecsJob>(u"sbx_fuzz"_s);
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"execs"_s, job->execs().size());
        for (const auto &record : job->execs())
            checkRecord(record);
    } else if (kind == "execrecord") {
        const auto job = makeJob<GetExecJob>(u"sbx_fuzz"_s, u"exe_fuzz"_s);
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        FUZZ_CHECK(error.isError() == !object);
        checkRecord(job->record());
    } else if (kind == "metrics") {
        const auto job = makeJob<GetSandboxMetricsJob>(u"sbx_fuzz"_s);
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"samples"_s, job->samples().size());
        checkStable(job->metrics());
        checkStable(job->limits());
        for (const auto &sample : job->samples())
            checkSample(sample);
        FUZZ_CHECK(job->limits().memoryBytes() == job->limits().memoryMb * 1024 * 1024);
    } else if (kind == "latestmetrics") {
        const auto job = makeJob<ListLatestMetricsJob>();
        const ApiError error = respond(job.get(), body);
        checkResult(error, object);
        const bool hasObject = object && object->value(u"sandboxes"_s).isObject();
        FUZZ_CHECK(error.isError() == !hasObject);
        FUZZ_CHECK(!job->notModified());
        const auto latest = job->latest();
        FUZZ_CHECK(latest.sandboxes.size()
                   == (hasObject ? object->value(u"sandboxes"_s).toObject().size() : 0));
        checkStable(latest);
        for (const auto &sample : latest.sandboxes)
            checkSample(sample);
    } else if (kind == "processes") {
        const auto job = makeJob<ListProcessesJob>(u"sbx_fuzz"_s);
        const ApiError error = respond(job.get(), body);
        checkArrayJob(error, object, u"processes"_s, job->processes().size());
        for (const auto &process : job->processes())
            checkProcess(process);
    } else if (kind == "read") {
        Open<ReadFileJob> job(u"sbx_fuzz"_s, u"/workspace/f"_s);
        const qsizetype half = body.size() / 2;
        ApiError error = job.onResponseData(body.left(half));
        if (!error.isError())
            error = job.onResponseData(body.mid(half));
        if (!error.isError())
            error = job.onResponseFinished({});
        FUZZ_CHECK(job.bytesDecoded() == job.bytes().size());
        if (!error.isError()) {
            // What was decoded is what the document holds.
            FUZZ_CHECK(object.has_value());
            const auto content = QByteArray::fromBase64Encoding(
                object->value(u"content"_s).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            FUZZ_CHECK(content && content.decoded == job.bytes());
        }
    }
    return 0;
}
