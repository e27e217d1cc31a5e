#include "core/sandboxjobs.h"

#include "core/jsonresponse.h"

#include <QUrl>
#include <QUuid>

namespace Orkestr {

using namespace Qt::StringLiterals;

QString sandboxPath(const QString &sandboxId, const QString &suffix)
{
    return u"/v1/sandboxes/"_s + QString::fromLatin1(QUrl::toPercentEncoding(sandboxId)) + suffix;
}

QJsonObject execBody(const QString &command, const ExecOptions &options)
{
    QJsonObject body {{u"command"_s, command}};
    if (options.timeoutSeconds)
        body.insert(u"timeout_seconds"_s, *options.timeoutSeconds);
    if (!options.cwd.isEmpty())
        body.insert(u"cwd"_s, options.cwd);
    if (!options.env.isEmpty()) {
        QJsonObject env;
        for (auto it = options.env.cbegin(); it != options.env.cend(); ++it)
            env.insert(it.key(), it.value());
        body.insert(u"env"_s, env);
    }
    return body;
}

SandboxJob::SandboxJob(QByteArray method, QString path, QObject *parent)
    : ObjectJob(std::move(method), std::move(path), parent)
{
}

CreateSandboxJob::CreateSandboxJob(const CreateSandboxParams &params, QObject *parent)
    : SandboxJob("POST", u"/v1/sandboxes"_s, parent)
    , m_idempotencyKey(QUuid::createUuid().toByteArray(QUuid::WithoutBraces))
    , m_validation(params.validate())
{
    setJsonBody(params.toJson());
    setRawHeader("Idempotency-Key", m_idempotencyKey);
    setIdempotent(true);
}

namespace {
// Indexed by SandboxRequest.
constexpr struct
{
    const char *method;
    QStringView suffix;
} RequestLines[] = {{"GET", u""}, {"DELETE", u""}, {"POST", u"/pause"}, {"POST", u"/resume"}};
static_assert(std::size(RequestLines) == size_t(SandboxRequest::Resume) + 1);
} // namespace

template<SandboxRequest Request>
SandboxRequestJob<Request>::SandboxRequestJob(const QString &sandboxId, QObject *parent)
    : SandboxJob(RequestLines[int(Request)].method,
                 sandboxPath(sandboxId, RequestLines[int(Request)].suffix.toString()), parent)
{
}

template class SandboxRequestJob<SandboxRequest::Get>;
template class SandboxRequestJob<SandboxRequest::Terminate>;
template class SandboxRequestJob<SandboxRequest::Pause>;
template class SandboxRequestJob<SandboxRequest::Resume>;

ExecJob::ExecJob(const QString &sandboxId, const QString &command, const ExecOptions &options,
                 QObject *parent)
    : ObjectJob("POST", sandboxPath(sandboxId, u"/exec"_s), parent)
{
    setJsonBody(execBody(command, options));
    setIdempotent(false);
    // A buffered command is silent until it ends: allow its whole timeout (the contract gives no
    // default, so assume the sandbox default of 600 s) plus a margin before calling it lost.
    const qint64 seconds = options.timeoutSeconds.value_or(600);
    setTransferTimeoutMs(int(std::min<qint64>(seconds * 1000 + 30000, INT_MAX)));
}

} // namespace Orkestr
