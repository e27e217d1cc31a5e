#pragma once

#include "core/apierror.h"
#include "core/sandboxmetadata.h"
#include "core/wirevalue.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Orkestr {

class StringTable;

// A paused sandbox's snapshot.
struct Snapshot
{
    QDateTime createdAt;
    qint64 sizeBytes = 0;

    ORKESTR_WIRE_VALUE(Snapshot);
};

// The sandbox object of the v1 contract, field for field.
struct Sandbox
{
    enum class Status {
        Unknown, // a status this client does not know yet; shown as text, never acted on
        Starting,
        Running,
        Pausing,
        Paused,
        Resuming,
        Terminated,
        Failed,
    };

    // The fields of the wire object; the small ones together, so that no padding sits between
    // them (a client may hold 100,000 of these).
    QString id;
    QString templateName;
    QString statusText; // the wire text, kept so an unknown status can still be shown
    QString region;
    QString network;
    QString terminationReason; // requested, timeout, error, or empty
    QStringList envKeys;
    SandboxMetadata metadata;
    QDateTime createdAt;
    QDateTime expiresAt; // null while paused
    QDateTime pausedAt;
    QDateTime terminatedAt;
    std::optional<Snapshot> snapshot;
    double cpu = 0;
    // The account's change counter at this sandbox's last change (0 from a server without it):
    // of two copies of a sandbox, the one with the higher version is the newer.
    qint64 version = 0;
    Status status = Status::Unknown;
    int memoryMb = 0;
    int timeoutSeconds = 0;

    static Status statusFromString(const QString &text);
    static QString statusToString(Status status);
    bool isRunning() const { return status == Status::Running; }
    bool canExec() const { return status == Status::Running; }
    bool canPause() const { return status == Status::Running; }
    bool canResume() const { return status == Status::Paused; }
    // Terminated and failed sandboxes never change again.
    bool isFinal() const { return status == Status::Terminated || status == Status::Failed; }
    // Starting, pausing and resuming are on their way to another status.
    bool isTransitional() const
    {
        return status == Status::Starting || status == Status::Pausing || status == Status::Resuming;
    }

    // Makes the strings that recur across sandboxes (template, status, region, network,
    // termination reason, env and metadata keys) share `table`'s copies; the values stay equal.
    void shareStrings(StringTable &table);
    ORKESTR_WIRE_VALUE(Sandbox);
};

// The parameters of Sandbox.create. Unset optionals are left to the server's defaults.
struct CreateSandboxParams
{
    static constexpr int MaxMetadataKeys = 16;
    static constexpr int MaxMetadataValueLength = 256;

    QString templateName; // required
    std::optional<double> cpu;
    std::optional<int> memoryMb;
    QString network; // off, restricted, open; empty for the default
    std::optional<int> timeoutSeconds;
    QMap<QString, QString> env;
    QMap<QString, QString> metadata;
    QString region; // empty lets the control plane pick

    // Checks what the client can know before sending; an invalid_request error naming the field.
    ApiError validate() const;
    QJsonObject toJson() const;
};

// A file or directory in a listing, or the result of a write.
struct FileEntry
{
    QString name;
    bool isDir = false;
    qint64 size = 0;
    int mode = 0; // permission bits, 420 is 0644
    QDateTime modifiedAt;

    ORKESTR_WIRE_VALUE(FileEntry);
};

// A buffered exec's result. A non-zero exit code is a result, not an error.
struct ExecResult
{
    QString stdoutText;
    QString stderrText;
    int exitCode = 0;
    qint64 durationMs = 0;

    ORKESTR_WIRE_VALUE(ExecResult);
};

// One piece of a streamed exec: output, or (the final chunk) the exit code and duration.
struct ExecChunk
{
    QString stream; // stdout or stderr; empty on the final chunk
    QString data;
    qint64 offset = 0; // bytes already sent on this stream before this chunk
    std::optional<int> exitCode; // set on the final chunk only
    std::optional<qint64> durationMs;

    bool isFinal() const { return exitCode.has_value(); }
    // From an "output" event's data.
    static ExecChunk fromOutputJson(const QJsonObject &object);
    // From the "exit" event's data.
    static ExecChunk fromExitJson(const QJsonObject &object);
    QJsonObject toJson() const;
    friend bool operator==(const ExecChunk &, const ExecChunk &) = default;
};

// The options of exec and execStream besides the command.
struct ExecOptions
{
    std::optional<int> timeoutSeconds;
    QString cwd;
    QMap<QString, QString> env;
};

struct Template
{
    QString name;
    QString description;
    bool available = false;

    ORKESTR_WIRE_VALUE(Template);
};

struct Region
{
    QString name;
    QString location;

    ORKESTR_WIRE_VALUE(Region);
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::Sandbox)
Q_DECLARE_METATYPE(Orkestr::FileEntry)
Q_DECLARE_METATYPE(Orkestr::ExecResult)
Q_DECLARE_METATYPE(Orkestr::ExecChunk)
Q_DECLARE_METATYPE(Orkestr::Template)
Q_DECLARE_METATYPE(Orkestr::Region)
