#include "server/requestparsing.h"

#include "server/sandboxfs.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <climits>
#include <cmath>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

std::optional<RequestProblem> parseJsonObjectBody(const QByteArray &body, QJsonObject *object)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return RequestProblem {
            400,
            u"invalid_request"_s,
            u"The request body is not valid JSON: %1 at byte %2."_s.arg(parseError.errorString())
                .arg(parseError.offset),
            {}};
    if (!document.isObject())
        return RequestProblem {400, u"invalid_request"_s, u"The request body must be a JSON object."_s, {}};
    *object = document.object();
    return std::nullopt;
}

bool validEnv(const QJsonValue &value, QString *problem)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject()) {
        *problem = u"must be an object of strings"_s;
        return false;
    }
    static const QRegularExpression name(QRegularExpression::anchoredPattern(u"[A-Za-z_][A-Za-z0-9_]*"_s));
    const auto object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!name.match(it.key()).hasMatch()) {
            *problem = u"\"%1\" is not a valid variable name"_s.arg(it.key());
            return false;
        }
        if (!it.value().isString()) {
            *problem = u"the value of %1 must be a string"_s.arg(it.key());
            return false;
        }
    }
    return true;
}

bool isWholeNumber(const QJsonValue &value)
{
    // The range first: converting a double outside qint64's range is undefined behaviour (found by
    // fuzz_server_request: {"timeout_seconds": 3.6e23}).
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return number >= -0x1p63 && number < 0x1p63 && number == std::trunc(number);
}

// Finds the top-level "content" string of a JSON object without parsing the whole document;
// rest is the object with that string emptied. False when the body is not that simple (then it
// is parsed normally).
bool splitContent(const QByteArray &body, QByteArray *rest, QByteArrayView *content)
{
    const char *p = body.constData();
    const qsizetype n = body.size();
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
            ++i;
    };
    const auto skipString = [&] { // at the opening quote
        for (++i; i < n; ++i) {
            if (p[i] == '\\')
                ++i;
            else if (p[i] == '"')
                return ++i, true;
        }
        return false;
    };
    const auto skipValue = [&] {
        if (i >= n)
            return false;
        if (p[i] == '"')
            return skipString();
        if (p[i] == '{' || p[i] == '[') {
            int depth = 0;
            while (i < n) {
                if (p[i] == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                if (p[i] == '{' || p[i] == '[')
                    ++depth;
                else if ((p[i] == '}' || p[i] == ']') && --depth == 0)
                    return ++i, true;
                ++i;
            }
            return false;
        }
        while (i < n && p[i] != ',' && p[i] != '}' && p[i] != ' ' && p[i] != '\n')
            ++i;
        return true;
    };
    qsizetype valueStart = -1;
    qsizetype valueEnd = -1;
    skipSpace();
    if (i >= n || p[i] != '{')
        return false;
    ++i;
    for (;;) {
        skipSpace();
        if (i < n && p[i] == '}')
            break;
        if (i >= n || p[i] != '"')
            return false;
        const qsizetype keyStart = i;
        if (!skipString())
            return false;
        const QByteArrayView key(p + keyStart + 1, i - keyStart - 2);
        skipSpace();
        if (i >= n || p[i] != ':')
            return false;
        ++i;
        skipSpace();
        const qsizetype start = i;
        if (!skipValue())
            return false;
        if (key == "content" && p[start] == '"') {
            if (valueStart >= 0 || QByteArrayView(p + start + 1, i - start - 2).contains('\\'))
                return false;
            valueStart = start;
            valueEnd = i;
        }
        skipSpace();
        if (i < n && p[i] == ',') {
            ++i;
            continue;
        }
        if (i < n && p[i] == '}')
            break;
        return false;
    }
    if (valueStart < 0)
        return false;
    *content = QByteArrayView(p + valueStart + 1, valueEnd - valueStart - 2);
    *rest = body.left(valueStart) + "\"\"" + body.mid(valueEnd);
    return true;
}

namespace {
RequestProblem invalidField(const QString &field, const QString &message)
{
    return {400, u"invalid_request"_s, message, {{u"field"_s, field}}};
}
} // namespace

std::optional<RequestProblem> parseCreateRequest(const QJsonObject &body,
                                                 const std::function<QString(const QString &)> &checkTemplate,
                                                 const QStringList &regions, CreateRequest *request)
{
    const QJsonValue templateValue = body.value(u"template"_s);
    if (!templateValue.isString() || templateValue.toString().isEmpty())
        return invalidField(u"template"_s, u"template is required."_s);
    if (const QString why = checkTemplate(templateValue.toString()); !why.isEmpty())
        return invalidField(u"template"_s, why);
    request->templateName = templateValue.toString();

    const QJsonValue cpu = body.value(u"cpu"_s);
    if (!cpu.isUndefined() && (!cpu.isDouble() || cpu.toDouble() <= 0))
        return invalidField(u"cpu"_s, u"cpu must be a positive number."_s);
    request->cpu = cpu.toDouble(1.0);
    const QJsonValue memory = body.value(u"memory_mb"_s);
    if (!memory.isUndefined() && (!isWholeNumber(memory) || memory.toDouble() < 64))
        return invalidField(u"memory_mb"_s, u"memory_mb must be a whole number of at least 64."_s);
    // Clamped like the timeout: above the plan's maximum either way, and an int.
    request->memoryMb = memory.isUndefined() ? 2048 : int(std::min(memory.toDouble(), double(INT_MAX)));
    const QJsonValue network = body.value(u"network"_s);
    request->network = network.toString(u"off"_s);
    if (!network.isUndefined()
        && (!network.isString()
            || !QStringList {u"off"_s, u"restricted"_s, u"open"_s}.contains(request->network)))
        return invalidField(u"network"_s, u"network must be \"off\", \"restricted\" or \"open\"."_s);
    const QJsonValue timeout = body.value(u"timeout_seconds"_s);
    if (!timeout.isUndefined() && (!isWholeNumber(timeout) || timeout.toDouble() < 1))
        return invalidField(u"timeout_seconds"_s, u"timeout_seconds must be a whole number of at least 1."_s);
    request->timeoutSeconds = timeout.isUndefined() ? 600 : int(std::min(timeout.toDouble(), 1e9));
    QString problem;
    if (!validEnv(body.value(u"env"_s), &problem))
        return invalidField(u"env"_s, u"env: %1."_s.arg(problem));
    request->env = body.value(u"env"_s).toObject();
    const QJsonValue metadata = body.value(u"metadata"_s);
    if (!metadata.isUndefined() && !metadata.isNull()) {
        if (!metadata.isObject())
            return invalidField(u"metadata"_s, u"metadata must be an object of strings."_s);
        const auto object = metadata.toObject();
        if (object.size() > 16)
            return invalidField(u"metadata"_s, u"metadata holds at most 16 keys."_s);
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!it.value().isString() || it.value().toString().size() > 256)
                return invalidField(
                    u"metadata"_s,
                    u"metadata.%1 must be a string of at most 256 characters."_s.arg(it.key()));
        request->metadata = object;
    }
    const QJsonValue region = body.value(u"region"_s);
    request->region = region.toString(regions.value(0));
    if (!region.isUndefined() && (!region.isString() || !regions.contains(request->region)))
        return invalidField(u"region"_s, u"Unknown region; see GET /v1/regions."_s);
    return std::nullopt;
}

std::optional<RequestProblem> parseExecRequest(const QJsonObject &body, ExecRequest *request)
{
    const QJsonValue command = body.value(u"command"_s);
    if (!command.isString() || command.toString().isEmpty())
        return invalidField(u"command"_s, u"command is required."_s);
    request->command = command.toString();
    const QJsonValue timeout = body.value(u"timeout_seconds"_s);
    if (!timeout.isUndefined() && (!timeout.isDouble() || timeout.toDouble() <= 0))
        return invalidField(u"timeout_seconds"_s, u"timeout_seconds must be a positive number."_s);
    request->timeoutSeconds = timeout.toDouble(600);
    request->cwd = body.value(u"cwd"_s).toString(u"/workspace"_s);
    if (!request->cwd.startsWith(u'/'))
        return invalidField(u"cwd"_s, u"cwd must be an absolute path."_s);
    QString problem;
    if (!validEnv(body.value(u"env"_s), &problem))
        return invalidField(u"env"_s, u"env: %1."_s.arg(problem));
    request->env = body.value(u"env"_s).toObject();
    return std::nullopt;
}

std::optional<RequestProblem> parseWriteFileRequest(const QByteArray &raw, WriteFileRequest *request,
                                                    qsizetype splitAbove)
{
    QByteArray rest;
    QByteArrayView content;
    QJsonObject body;
    // The rest must be valid JSON too (found by fuzz_server_request: a big body with malformed
    // fields besides the content was taken as one without them). When its "content" is not the
    // emptied string, another key spells "content" with escapes: parse the whole body then.
    bool fast = raw.size() > splitAbove && splitContent(raw, &rest, &content);
    if (fast) {
        if (auto problem = parseJsonObjectBody(rest, &body))
            return problem;
        fast = body.value(u"content"_s) == QJsonValue(QString());
    }
    if (fast) {
        body.remove(u"content"_s);
    } else {
        content = {};
        body = {};
        if (auto problem = parseJsonObjectBody(raw, &body))
            return problem;
    }
    if (body.contains(u"content"_s)) {
        if (!body.value(u"content"_s).isString())
            return invalidField(u"content"_s, u"content (base64) is required."_s);
        request->contentFromJson = body.value(u"content"_s).toString().toLatin1();
        content = request->contentFromJson;
    } else if (content.isNull()) {
        return invalidField(u"content"_s, u"content (base64) is required."_s);
    }
    request->content = content;
    request->path = body.value(u"path"_s).toString();
    const QJsonValue encoding = body.value(u"encoding"_s);
    if (!encoding.isUndefined() && encoding.toString() != u"base64"_s)
        return invalidField(u"encoding"_s, u"encoding must be \"base64\"."_s);
    const QJsonValue modeValue = body.value(u"mode"_s);
    // Compared as a number: toInt() is 0 for a number beyond int, which passed as mode 0644.
    if (!modeValue.isUndefined()
        && (!isWholeNumber(modeValue) || modeValue.toDouble() < 0 || modeValue.toDouble() > 07777))
        return invalidField(u"mode"_s, u"mode must be permission bits, e.g. 420 for 0644."_s);
    request->mode = modeValue.isUndefined() ? 0644 : int(modeValue.toDouble());
    if (content.size() / 4 * 3 - (content.endsWith("==") ? 2 : content.endsWith("=") ? 1 : 0) > MaxFileBytes)
        return RequestProblem {413,
                               u"payload_too_large"_s,
                               u"The file is larger than 256 MiB."_s,
                               {{u"max_bytes"_s, MaxFileBytes}}};
    return std::nullopt;
}

bool decodeBase64InSteps(QByteArrayView content, qsizetype step,
                         const std::function<bool(const QByteArray &)> &sink)
{
    for (qsizetype at = 0; at < content.size(); at += step) {
        const auto decoded = QByteArray::fromBase64Encoding(
            content.sliced(at, std::min(step, content.size() - at)).toByteArray(),
            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || (decoded.decoded.size() < step / 4 * 3 && at + step < content.size()))
            return false;
        if (!sink(decoded.decoded))
            return false;
    }
    return true;
}

bool splitSandboxPath(const QString &path, QStringList *parts, QString *why)
{
    const auto refuse = [&](const QString &reason) {
        *why = reason;
        return false;
    };
    if (path.isEmpty())
        return refuse(u"a path is required"_s);
    if (!path.startsWith(u'/'))
        return refuse(u"paths are absolute paths inside the sandbox"_s);
    if (path.contains(QChar(0)))
        return refuse(u"NUL in path"_s);
    parts->clear();
    for (const auto &part : path.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u"."_s)
            continue;
        if (part == u".."_s) {
            if (parts->size() <= 1)
                return refuse(u"\"..\" leaves its root"_s);
            parts->removeLast();
            continue;
        }
        parts->append(part);
    }
    if (parts->isEmpty() || (parts->first() != u"workspace"_s && parts->first() != u"tmp"_s))
        return refuse(u"only /workspace and /tmp are reachable through the files API"_s);
    return true;
}

QString resolveSandboxPath(const QString &sandboxRoot, const QString &path, bool followLeaf, QString *why)
{
    // The server's own resolution (descriptors, symlinks resolved in the sandbox's terms); a
    // directory that does not exist is resolved by its names, nothing is created.
    SandboxFs::Resolved resolved;
    const auto problem = SandboxFs(sandboxRoot)
                             .resolve(path, followLeaf ? SandboxFs::Leaf::Follow : SandboxFs::Leaf::NoFollow,
                                      SandboxFs::Missing::Absent, &resolved);
    if (problem) {
        // "Invalid path P: why." -> why
        const QString prefix = u"Invalid path %1: "_s.arg(path);
        *why = problem->message.startsWith(prefix) ? problem->message.mid(prefix.size()).chopped(1)
                                                   : problem->message;
        return QString();
    }
    return SandboxFs(sandboxRoot).hostPath(resolved);
}

} // namespace OrkestrLocal
