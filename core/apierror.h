#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Orkestr {

// One error of the v1 API, with the SDK's error class as a kind. Every field a support engineer
// needs is kept: the message, the HTTP status, the request id and the type's extra fields.
class ApiError
{
public:
    // One kind per row of the SDK's error table (see docs/api.md).
    enum class Kind {
        None,
        Orkestr, // OrkestrError: invalid_request, invalid_path, file_not_found, payload_too_large, internal,
                 // ...
        Auth, // unauthorized, forbidden
        RateLimit, // rate_limited
        PlanLimit, // plan_limit
        SnapshotCapReached, // snapshot_cap_reached (also a PlanLimit)
        SandboxNotFound,
        SandboxNotReady,
        ExecTimeout,
        ExecKilled,
        NetworkPolicy,
        Connection, // client side: DNS, TCP, TLS, timeout, or a stream cut short
        Cancelled, // the caller aborted the job
    };

    ApiError() = default;
    ApiError(Kind kind, QString type, QString message, int httpStatus = 0, QString requestId = {},
             QJsonObject extra = {});

    // Builds the error from a response: the body's "type" decides, the status is the fallback.
    static ApiError fromResponse(int httpStatus, const QByteArray &body, const QString &requestId,
                                 const QByteArray &retryAfterHeader = {});
    static ApiError connectionError(const QString &message, const QString &requestId = {});
    static ApiError cancelled();
    static Kind kindForType(const QString &type, int httpStatus);

    bool isError() const { return m_kind != Kind::None; }
    // True when this error is of the given SDK class, following the hierarchy
    // (every kind is an Orkestr error; SnapshotCapReached is a PlanLimit).
    bool is(Kind kind) const;

    Kind kind() const { return m_kind; }
    QString type() const { return m_type; }
    QString message() const { return m_message; }
    int httpStatus() const { return m_httpStatus; }
    QString requestId() const { return m_requestId; }
    QJsonObject extra() const { return m_extra; }

    // Extra fields of the table, typed.
    std::optional<double> retryAfterSeconds() const;
    QString detail() const;
    QString requiredScope() const;
    QString field() const;
    QString path() const;
    QString limit() const;
    double max() const;
    QString plan() const;
    int cap() const;
    int used() const;
    int signal() const;
    QString sandboxStatus() const;
    QString stdoutSoFar() const;
    QString stderrSoFar() const;
    qint64 durationMs() const;
    qint64 maxBytes() const;
    QString host() const;
    int port() const;
    QString execId() const; // exec_not_found
    qint64 pid() const; // process_not_found

    // A 404 that is not about a resource (sandbox_not_found, exec_not_found, process_not_found,
    // file_not_found) but about the endpoint: a server without that extension answers so. Asked of
    // the Extensions' endpoints, it means "not supported": hide the feature instead of failing.
    bool isUnsupportedEndpoint() const;

    // The SDK class name, e.g. "SnapshotCapReached".
    QString className() const;
    // One line for a user: the message and, when known, the request id to quote to support.
    QString displayText() const;

    // Replaces every occurrence of a secret with a placeholder, so that a token echoed by a
    // misbehaving server never reaches a log or a dialog.
    void redact(const QString &secret);

private:
    Kind m_kind = Kind::None;
    QString m_type;
    QString m_message;
    int m_httpStatus = 0;
    QString m_requestId;
    QJsonObject m_extra;
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::ApiError)
