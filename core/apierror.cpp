#include "core/apierror.h"

#include "core/redaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Orkestr {

using namespace Qt::StringLiterals;

ApiError::ApiError(Kind kind, QString type, QString message, int httpStatus, QString requestId,
                   QJsonObject extra)
    : m_kind(kind)
    , m_type(std::move(type))
    , m_message(std::move(message))
    , m_httpStatus(httpStatus)
    , m_requestId(std::move(requestId))
    , m_extra(std::move(extra))
{
}

ApiError::Kind ApiError::kindForType(const QString &type, int httpStatus)
{
    static const QHash<QString, Kind> byType = {
        {u"invalid_request"_s, Kind::Orkestr},
        {u"invalid_path"_s, Kind::Orkestr},
        {u"unauthorized"_s, Kind::Auth},
        {u"forbidden"_s, Kind::Auth},
        {u"plan_limit"_s, Kind::PlanLimit},
        {u"snapshot_cap_reached"_s, Kind::SnapshotCapReached},
        {u"sandbox_not_found"_s, Kind::SandboxNotFound},
        {u"file_not_found"_s, Kind::Orkestr},
        {u"exec_not_found"_s, Kind::Orkestr},
        {u"process_not_found"_s, Kind::Orkestr},
        {u"exec_timeout"_s, Kind::ExecTimeout},
        {u"sandbox_not_ready"_s, Kind::SandboxNotReady},
        {u"payload_too_large"_s, Kind::Orkestr},
        {u"exec_killed"_s, Kind::ExecKilled},
        {u"network_policy"_s, Kind::NetworkPolicy},
        {u"rate_limited"_s, Kind::RateLimit},
        {u"internal"_s, Kind::Orkestr},
        {u"unavailable"_s, Kind::Orkestr},
    };
    if (const auto it = byType.constFind(type); it != byType.cend())
        return *it;
    // Unknown or missing type: fall back by status, as the SDKs do.
    switch (httpStatus) {
    case 401:
    case 403:
        return Kind::Auth;
    case 402:
        return Kind::PlanLimit;
    case 404:
        return Kind::SandboxNotFound;
    case 408:
        return Kind::ExecTimeout;
    case 409:
        return Kind::SandboxNotReady;
    case 422:
        return Kind::ExecKilled;
    case 429:
        return Kind::RateLimit;
    default:
        return Kind::Orkestr;
    }
}

ApiError ApiError::fromResponse(int httpStatus, const QByteArray &body, const QString &requestId,
                                const QByteArray &retryAfterHeader)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    QJsonObject error;
    if (parseError.error == QJsonParseError::NoError && document.isObject())
        error = document.object().value(u"error"_s).toObject();

    QString type = error.value(u"type"_s).toString();
    QString message = error.value(u"message"_s).toString();
    QString id = error.value(u"request_id"_s).toString();
    if (id.isEmpty())
        id = requestId;
    QJsonObject extra = error;
    extra.remove(u"type"_s);
    extra.remove(u"message"_s);
    extra.remove(u"request_id"_s);
    if (!extra.contains(u"retry_after"_s) && !retryAfterHeader.isEmpty()) {
        bool ok = false;
        const double seconds = retryAfterHeader.trimmed().toDouble(&ok);
        if (ok)
            extra.insert(u"retry_after"_s, seconds);
    }
    if (message.isEmpty()) {
        message = QCoreApplication::translate("Orkestr::ApiError",
                                              "The server answered HTTP %1 without an error description.")
                      .arg(httpStatus);
    }
    // A 403 is a NetworkPolicyError only when its type says so; every other 403 is an AuthError.
    return ApiError(kindForType(type, httpStatus), type, message, httpStatus, id, extra);
}

ApiError ApiError::connectionError(const QString &message, const QString &requestId)
{
    return ApiError(Kind::Connection, u"connection_error"_s, message, 0, requestId);
}

ApiError ApiError::cancelled()
{
    return ApiError(Kind::Cancelled, u"cancelled"_s,
                    QCoreApplication::translate("Orkestr::ApiError", "The request was cancelled."));
}

bool ApiError::is(Kind kind) const
{
    if (m_kind == Kind::None)
        return kind == Kind::None;
    if (kind == m_kind || kind == Kind::Orkestr)
        return true;
    return kind == Kind::PlanLimit && m_kind == Kind::SnapshotCapReached;
}

std::optional<double> ApiError::retryAfterSeconds() const
{
    const auto value = m_extra.value(u"retry_after"_s);
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

QString ApiError::detail() const
{
    return m_extra.value(u"detail"_s).toString();
}
QString ApiError::requiredScope() const
{
    return m_extra.value(u"required_scope"_s).toString();
}
QString ApiError::field() const
{
    return m_extra.value(u"field"_s).toString();
}
QString ApiError::path() const
{
    return m_extra.value(u"path"_s).toString();
}
QString ApiError::limit() const
{
    return m_extra.value(u"limit"_s).toString();
}
double ApiError::max() const
{
    return m_extra.value(u"max"_s).toDouble();
}
QString ApiError::plan() const
{
    return m_extra.value(u"plan"_s).toString();
}
int ApiError::cap() const
{
    return m_extra.value(u"cap"_s).toInt();
}
int ApiError::used() const
{
    return m_extra.value(u"used"_s).toInt();
}
int ApiError::signal() const
{
    return m_extra.value(u"signal"_s).toInt();
}
QString ApiError::sandboxStatus() const
{
    return m_extra.value(u"status"_s).toString();
}
QString ApiError::stdoutSoFar() const
{
    return m_extra.value(u"stdout"_s).toString();
}
QString ApiError::stderrSoFar() const
{
    return m_extra.value(u"stderr"_s).toString();
}
qint64 ApiError::durationMs() const
{
    return m_extra.value(u"duration_ms"_s).toInteger();
}
qint64 ApiError::maxBytes() const
{
    return m_extra.value(u"max_bytes"_s).toInteger();
}
QString ApiError::host() const
{
    return m_extra.value(u"host"_s).toString();
}
int ApiError::port() const
{
    return m_extra.value(u"port"_s).toInt();
}
QString ApiError::execId() const
{
    return m_extra.value(u"exec_id"_s).toString();
}
qint64 ApiError::pid() const
{
    return m_extra.value(u"pid"_s).toInteger();
}

bool ApiError::isUnsupportedEndpoint() const
{
    if (m_httpStatus != 404)
        return false;
    static const QStringList resourceTypes
        = {u"sandbox_not_found"_s, u"exec_not_found"_s, u"process_not_found"_s, u"file_not_found"_s};
    return !resourceTypes.contains(m_type);
}

QString ApiError::className() const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Orkestr:
        return u"OrkestrError"_s;
    case Kind::Auth:
        return u"AuthError"_s;
    case Kind::RateLimit:
        return u"RateLimitError"_s;
    case Kind::PlanLimit:
        return u"PlanLimitError"_s;
    case Kind::SnapshotCapReached:
        return u"SnapshotCapReached"_s;
    case Kind::SandboxNotFound:
        return u"SandboxNotFound"_s;
    case Kind::SandboxNotReady:
        return u"SandboxNotReady"_s;
    case Kind::ExecTimeout:
        return u"ExecTimeout"_s;
    case Kind::ExecKilled:
        return u"ExecKilled"_s;
    case Kind::NetworkPolicy:
        return u"NetworkPolicyError"_s;
    case Kind::Connection:
        return u"ConnectionError"_s;
    case Kind::Cancelled:
        return u"Cancelled"_s;
    }
    return {};
}

QString ApiError::displayText() const
{
    if (m_requestId.isEmpty())
        return m_message;
    return QCoreApplication::translate("Orkestr::ApiError", "%1 (request %2)").arg(m_message, m_requestId);
}

void ApiError::redact(const QString &secret)
{
    if (secret.isEmpty())
        return;
    // Everything a server sent may echo the token: the type and request id too (found by
    // fuzz_apiobjects), and strings nested anywhere in the extra fields.
    m_message = redacted(m_message, secret);
    m_type = redacted(m_type, secret);
    m_requestId = redacted(m_requestId, secret);
    m_extra = redacted(QJsonValue(m_extra), secret).toObject();
}

} // namespace Orkestr
