#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace OrkestrLocal {

// The request checks of orkestr-local as pure functions (no sockets, no sandboxes), so that
// they can be tested and fuzzed on their own (fuzz/). The handlers (sandboxhandlers.cpp, filehandlers.cpp)
// and apiserver.cpp answer with what these return.

// Why a request is refused: the HTTP status, the error type, the message and the type's extra
// fields (e.g. {"field": "cpu"} or {"path": "/etc"}).
struct RequestProblem
{
    int status = 400;
    QString type = QStringLiteral("invalid_request");
    QString message;
    QJsonObject extra;
};

// The body as a JSON object; a problem when it is not valid JSON or not an object.
std::optional<RequestProblem> parseJsonObjectBody(const QByteArray &body, QJsonObject *object);

// env: absent, null, or an object of strings with shell variable names.
bool validEnv(const QJsonValue &value, QString *problem);
// A JSON number without a fractional part that fits a qint64.
bool isWholeNumber(const QJsonValue &value);

// POST /v1/sandboxes. checkTemplate returns an empty string for a usable template, or why not;
// regions are the server's region names, the first one the default.
struct CreateRequest
{
    QString templateName;
    double cpu = 1.0;
    int memoryMb = 2048;
    QString network = QStringLiteral("off");
    int timeoutSeconds = 600;
    QJsonObject env;
    QJsonObject metadata;
    QString region;
};
std::optional<RequestProblem> parseCreateRequest(const QJsonObject &body,
                                                 const std::function<QString(const QString &)> &checkTemplate,
                                                 const QStringList &regions, CreateRequest *request);

// POST /v1/sandboxes/{id}/exec and exec/stream.
struct ExecRequest
{
    QString command;
    double timeoutSeconds = 600;
    QString cwd = QStringLiteral("/workspace");
    QJsonObject env;
};
std::optional<RequestProblem> parseExecRequest(const QJsonObject &body, ExecRequest *request);

// The largest file the files API reads or writes.
constexpr qint64 MaxFileBytes = 256LL * 1024 * 1024;

// Finds the top-level "content" string of a JSON object without parsing the whole document;
// rest is the object with that string emptied. False when the body is not that simple (then it
// is parsed normally).
bool splitContent(const QByteArray &body, QByteArray *rest, QByteArrayView *content);

// PUT /v1/sandboxes/{id}/files. A body larger than splitAbove is not parsed whole (QJsonDocument
// would hold the base64 as UTF-16): its content string is cut out of the raw bytes. content then
// points into raw, which must outlive the request; otherwise into contentFromJson (so a
// WriteFileRequest must not be copied). The base64 itself is checked while it is decoded.
struct WriteFileRequest
{
    QString path;
    int mode = 0644;
    QByteArrayView content;
    QByteArray contentFromJson;
};
std::optional<RequestProblem> parseWriteFileRequest(const QByteArray &raw, WriteFileRequest *request,
                                                    qsizetype splitAbove = 1024 * 1024);

// Decodes base64 step characters at a time (step a positive multiple of 4), handing each piece to
// sink; false when the content is not valid base64 (padding only at the very end) or sink fails.
bool decodeBase64InSteps(QByteArrayView content, qsizetype step,
                         const std::function<bool(const QByteArray &)> &sink);

// The lexical part of a files-API path: absolute, no NUL, "." and ".." folded without leaving
// the first component, which must be workspace or tmp. False (and *why) when refused.
bool splitSandboxPath(const QString &path, QStringList *parts, QString *why);

// Maps a path inside a sandbox to the host, under sandboxRoot (which holds workspace/ and tmp/),
// the way the files API resolves it (SandboxFs::resolve in server/sandboxfs.h: descriptors,
// symlinks resolved in the sandbox's terms, an absolute target starting again at the sandbox's
// root, every step inside /workspace or /tmp). The leaf is not followed when followLeaf is false
// (a delete removes the link itself). Returns an empty string and sets *why when the path is
// refused. The server itself never acts on the string: it acts on the descriptors (the fuzz
// target checks the mapping).
QString resolveSandboxPath(const QString &sandboxRoot, const QString &path, bool followLeaf, QString *why);

} // namespace OrkestrLocal
