// fuzz_server_request: orkestr-local's body parsing for create, exec and file writes.
//
// Input: a header line naming the request, then the request body:
//   create: POST /v1/sandboxes; exec: POST .../exec and exec/stream; write: PUT .../files.
// Without a known header the first byte picks the request and the rest is the body.
// Properties: a body the server accepts holds only values the server can act on (what the
// contract's validation promises: positive cpu, memory >= 64, whole timeouts, known network and
// region, valid env names, at most 16 metadata strings of 256 characters, an absolute cwd, mode
// bits); a refusal is 400/413 with a type, a message and the field; and for a file write, the
// fast path that cuts the content out of a big body gives what parsing the whole body gives, and
// decoding the content in steps gives what decoding it whole gives.

#include "fuzz/fuzzinput.h"
#include "server/requestparsing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <climits>
#include <cmath>

using namespace OrkestrLocal;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

namespace {

void checkProblem(const RequestProblem &problem)
{
    FUZZ_CHECK(problem.status == 400 || problem.status == 413);
    FUZZ_CHECK(!problem.type.isEmpty());
    FUZZ_CHECK(!problem.message.isEmpty());
}

void checkEnv(const QJsonObject &env)
{
    static const QRegularExpression name(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    for (auto it = env.begin(); it != env.end(); ++it) {
        FUZZ_CHECK(name.match(it.key()).hasMatch());
        FUZZ_CHECK(it.value().isString());
    }
}

void checkCreate(const QByteArray &body)
{
    QJsonObject object;
    if (auto problem = parseJsonObjectBody(body, &object))
        return checkProblem(*problem);
    const QStringList regions {u"local"_s, u"eu-fi-1"_s};
    const auto checkTemplate = [](const QString &name) {
        if (name == u"base"_s || name == u"node"_s)
            return QString();
        if (name == u"python"_s)
            return u"Template python is not available on this server: the host has no python3."_s;
        return u"Unknown template \"%1\"."_s.arg(name);
    };
    CreateRequest request;
    if (auto problem = parseCreateRequest(object, checkTemplate, regions, &request)) {
        checkProblem(*problem);
        FUZZ_CHECK(problem->status == 400);
        FUZZ_CHECK(!problem->extra.value(u"field"_s).toString().isEmpty());
        return;
    }
    FUZZ_CHECK(checkTemplate(request.templateName).isEmpty());
    FUZZ_CHECK(std::isfinite(request.cpu) && request.cpu > 0);
    FUZZ_CHECK(request.memoryMb >= 64);
    if (object.contains(u"memory_mb"_s))
        FUZZ_CHECK(double(request.memoryMb)
                   == std::min(object.value(u"memory_mb"_s).toDouble(), double(INT_MAX)));
    FUZZ_CHECK(request.timeoutSeconds >= 1);
    if (object.contains(u"timeout_seconds"_s))
        FUZZ_CHECK(double(request.timeoutSeconds)
                   == std::min(object.value(u"timeout_seconds"_s).toDouble(), 1e9));
    FUZZ_CHECK(QStringList({u"off"_s, u"restricted"_s, u"open"_s}).contains(request.network));
    FUZZ_CHECK(regions.contains(request.region));
    checkEnv(request.env);
    FUZZ_CHECK(request.metadata.size() <= 16);
    for (auto it = request.metadata.begin(); it != request.metadata.end(); ++it)
        FUZZ_CHECK(it.value().isString() && it.value().toString().size() <= 256);
}

void checkExec(const QByteArray &body)
{
    QJsonObject object;
    if (auto problem = parseJsonObjectBody(body, &object))
        return checkProblem(*problem);
    ExecRequest request;
    if (auto problem = parseExecRequest(object, &request)) {
        checkProblem(*problem);
        FUZZ_CHECK(!problem->extra.value(u"field"_s).toString().isEmpty());
        return;
    }
    FUZZ_CHECK(!request.command.isEmpty());
    FUZZ_CHECK(request.cwd.startsWith(u'/'));
    FUZZ_CHECK(std::isfinite(request.timeoutSeconds) && request.timeoutSeconds > 0);
    checkEnv(request.env);
    // What the exec handlers make of the timeout: a timer interval that is never negative.
    FUZZ_CHECK(int(std::min(request.timeoutSeconds * 1000, double(1 << 30))) >= 0);
}

void checkWrite(FuzzInput &input)
{
    const qsizetype step = (qsizetype(input.byte() % 16) + 1) * 4;
    const QByteArray body = input.rest();
    WriteFileRequest whole;
    const auto wholeProblem = parseWriteFileRequest(body, &whole, std::numeric_limits<qsizetype>::max());
    WriteFileRequest fast;
    const auto fastProblem = parseWriteFileRequest(body, &fast, 0);
    QByteArray rest;
    QByteArrayView content;
    const bool split = splitContent(body, &rest, &content);
    if (wholeProblem)
        checkProblem(*wholeProblem);
    if (fastProblem)
        checkProblem(*fastProblem);
    const bool fastDecodes = !fastProblem
        && bool(QByteArray::fromBase64Encoding(fast.content.toByteArray(),
                                               QByteArray::AbortOnBase64DecodingErrors));
    if (split && fastDecodes) {
        // The fast path accepted the body (and its content is base64, which the handler checks
        // while decoding): parsing it whole must accept it too, with the same fields and content.
        FUZZ_CHECK(!wholeProblem);
        FUZZ_CHECK(fast.path == whole.path);
        FUZZ_CHECK(fast.mode == whole.mode);
        FUZZ_CHECK(fast.content == whole.content);
    }
    if (!split) // then both are the same parse
        FUZZ_CHECK(bool(wholeProblem) == bool(fastProblem));
    for (const WriteFileRequest *request : {&whole, &fast}) {
        const bool accepted = request == &whole ? !wholeProblem : !fastProblem;
        if (!accepted)
            continue;
        FUZZ_CHECK(request->mode >= 0 && request->mode <= 07777);
        // The mode written is the one asked for (or 0644 when none is).
        QJsonObject fields;
        if (!parseJsonObjectBody(body, &fields) && fields.contains(u"mode"_s))
            FUZZ_CHECK(double(request->mode) == fields.value(u"mode"_s).toDouble());
        // Decoding in steps (as the handler writes the file) gives what decoding it whole gives.
        QByteArray stepped;
        const bool ok = decodeBase64InSteps(request->content, step, [&](const QByteArray &piece) {
            stepped += piece;
            return true;
        });
        const auto all = QByteArray::fromBase64Encoding(request->content.toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
        FUZZ_CHECK(ok == bool(all));
        if (ok)
            FUZZ_CHECK(stepped == all.decoded);
    }
}

const QList<QByteArrayView> Kinds = {"create", "exec", "write"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    QByteArray kind = input.headerLine(Kinds);
    if (kind.isEmpty())
        kind = Kinds[input.byte() % Kinds.size()].toByteArray();
    if (kind == "create")
        checkCreate(input.rest());
    else if (kind == "exec")
        checkExec(input.rest());
    else
        checkWrite(input);
    return 0;
}
