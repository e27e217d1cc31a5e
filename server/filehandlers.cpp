#include "server/filehandlers.h"
#include "server/activity.h"
#include "server/apiserver.h"
#include "server/filebody.h"
#include "server/requestparsing.h"
#include "server/sandboxfs.h"
#include "server/sandboxhandlers.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxstore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QUrlQuery>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

void readFile(const std::shared_ptr<ApiCall> &call, const SandboxFs &files, ActivityRecorder &)
{
    const QString path = call->query().queryItemValue(u"path"_s, QUrl::FullyDecoded);
    // Opened through descriptors (no symlink followed out of the sandbox, the leaf opened with
    // O_NOFOLLOW), then sent from that descriptor: nothing is looked up by name again.
    UniqueFd fd;
    qint64 size = 0;
    if (auto problem = files.openForReading(path, &fd, &size))
        return call->sendProblem(*problem);
    auto *device = new Base64JsonFile(fd.release(), path);
    QString error;
    if (!device->openFile(&error)) {
        delete device;
        call->sendError(400, u"invalid_request"_s, u"Cannot read %1: %2"_s.arg(path, error),
                        {{u"field"_s, u"path"_s}});
        return;
    }
    QHttpHeaders headers = call->baseHeaders();
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    call->responder().write(device, headers, QHttpServerResponder::StatusCode::Ok);
    call->logStreamStart(200);
}

void writeFile(const std::shared_ptr<ApiCall> &call, const SandboxFs &files, ActivityRecorder &activity)
{
    // A big body is not parsed as a whole (QJsonDocument would hold the base64 as UTF-16):
    // the content string is cut out and decoded straight from the request's bytes.
    const QByteArray raw = call->body();
    WriteFileRequest request;
    if (auto problem = parseWriteFileRequest(raw, &request))
        return call->sendProblem(*problem);
    // Write-then-rename in the pinned parent directory (SandboxFs::writeFile), decoding 64 KiB of
    // base64 at a time.
    QJsonObject entry;
    QCryptographicHash sha256(QCryptographicHash::Sha256);
    qint64 size = 0;
    const auto problem = files.writeFile(
        request.path, request.mode,
        [&](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
            constexpr qsizetype Step = 64 * 1024; // a multiple of 4: chunks decode independently
            bool written = true;
            sha256.reset(); // the write may start again (the path changed meanwhile)
            size = 0;
            if (!decodeBase64InSteps(request.content, Step,
                                     [&](const QByteArray &piece) {
                                         sha256.addData(piece);
                                         size += piece.size();
                                         return written = write(piece);
                                     })
                && written)
                return RequestProblem {400,
                                       u"invalid_request"_s,
                                       u"content is not valid base64."_s,
                                       {{u"field"_s, u"content"_s}}};
            return std::nullopt;
        },
        &entry);
    if (problem)
        return call->sendProblem(*problem);
    activity.record(call->capture(0), u"file.written"_s, Actor::token(call->token()),
                    {{u"path"_s, request.path},
                     {u"size"_s, size},
                     {u"mode"_s, request.mode},
                     {u"sha256"_s, QString::fromLatin1(sha256.result().toHex())}});
    call->sendJson(200, entry);
}

void listFiles(const std::shared_ptr<ApiCall> &call, const SandboxFs &files, ActivityRecorder &)
{
    const QString path = call->query().queryItemValue(u"path"_s, QUrl::FullyDecoded);
    QJsonArray entries;
    if (auto problem = files.list(path, &entries))
        return call->sendProblem(*problem);
    call->sendJson(200, {{u"path"_s, path}, {u"entries"_s, entries}});
}

void deleteFile(const std::shared_ptr<ApiCall> &call, const SandboxFs &files, ActivityRecorder &activity)
{
    const QString path = call->query().queryItemValue(u"path"_s, QUrl::FullyDecoded);
    const bool recursive = call->query().queryItemValue(u"recursive"_s) == u"true"_s;
    // The leaf is not followed: deleting a symlink removes the link, wherever it points.
    if (auto problem = files.remove(path, recursive))
        return call->sendProblem(*problem);
    activity.record(call->capture(0), u"file.deleted"_s, Actor::token(call->token()),
                    {{u"path"_s, path}, {u"recursive"_s, recursive}});
    call->sendEmpty(204);
}

} // namespace

void registerFileEndpoints(ApiServer &server, SandboxStore &store, SandboxLifecycle &lifecycle,
                           ActivityRecorder &activity)
{
    using S = ApiServer::Scope;
    const QString path = u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)/files"_s;
    // The sandbox's files as the files API reaches them (server/sandboxfs.h: descriptors, never
    // a checked path used by name), once no snapshot of them is being written or restored.
    using Operation = void (*)(const std::shared_ptr<ApiCall> &, const SandboxFs &, ActivityRecorder &);
    const auto settled = [&store, &lifecycle, &activity](Operation operation) {
        return [&store, &lifecycle, &activity, operation](const std::shared_ptr<ApiCall> &call) {
            auto *sandbox = findSandbox(store, call);
            if (!sandbox)
                return;
            const QString id = sandbox->id;
            lifecycle.whenFilesSettled(*sandbox, [&store, &activity, call, id, operation] {
                // A terminated sandbox keeps only its record.
                const Sandbox *now = store.find(id);
                if (!now || now->status == SandboxStatus::Terminated)
                    return call->sendError(409, u"sandbox_not_ready"_s,
                                           u"Sandbox %1 is terminated; its files are gone."_s.arg(id),
                                           {{u"status"_s, statusName(SandboxStatus::Terminated)}});
                operation(call, SandboxFs(store.sandboxDir(id)), activity);
            });
        };
    };
    server.route("GET", path, S::Read, settled(readFile));
    server.route("PUT", path, S::Write, settled(writeFile));
    server.route("DELETE", path, S::Write, settled(deleteFile));
    server.route("GET", path + u"/list"_s, S::Read, settled(listFiles));
}

} // namespace OrkestrLocal
