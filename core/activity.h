#pragma once

// The Extensions' activity objects: who did something (Actor), the journal's events
// (ActivityEvent), the records of execs (ExecRecord), and the gaps that streams report when a
// server no longer holds what was asked for (EventGap, OutputGap). Parsed leniently like
// core/sandbox.h: a missing or mistyped field reads as empty, an unknown kind or status is kept
// as text.

#include "core/jsonfields.h"
#include "core/wirevalue.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Orkestr {

// Who caused something: a token (its public prefix and, when it has one, its name) or the system
// (timeout, restart, error). Never a token's secret part.
struct Actor
{
    enum class Type { Unknown, Token, System };

    Type type = Type::Unknown;
    QString typeText; // the wire text, kept so an unknown type can still be shown
    QString tokenPrefix; // token actors
    QString tokenName; // token actors; empty when the token has no name (null on the wire)
    QString reason; // system actors: timeout, restart, error

    bool isToken() const { return type == Type::Token; }
    bool isSystem() const { return type == Type::System; }
    // What a timeline shows: the token's name, else its prefix; a system actor's reason.
    QString displayName() const;

    static Actor token(const QString &prefix, const QString &name = {});
    static Actor system(const QString &reason);
    ORKESTR_WIRE_VALUE(Actor);
};

// Events the journal no longer holds, from_seq to to_seq inclusive (the events stream's `gap`).
struct EventGap
{
    qint64 fromSeq = 0;
    qint64 toSeq = 0;

    qint64 count() const { return toSeq >= fromSeq ? toSeq - fromSeq + 1 : 0; }
    ORKESTR_WIRE_VALUE(EventGap);
};

// Output of one stream of an exec that the server dropped before an attacher read it: bytes
// [from, to) of `stream` (the attach stream's `gap`).
struct OutputGap
{
    QString stream; // stdout or stderr
    qint64 from = 0;
    qint64 to = 0;

    qint64 bytes() const { return to > from ? to - from : 0; }
    ORKESTR_WIRE_VALUE(OutputGap);
};

// The record of one exec (buffered, stream or pty) and what is kept of its output.
struct ExecRecord
{
    enum class Status {
        Unknown, // a status this client does not know yet; shown as text
        Running,
        Exited,
        Timeout,
        Killed,
        Lost, // still running when the server restarted: its end is unknown
    };
    // The offset of the first byte still kept, per stream; everything before it was dropped.
    struct RetainedFrom
    {
        qint64 stdoutOffset = 0;
        qint64 stderrOffset = 0;
        friend bool operator==(const RetainedFrom &, const RetainedFrom &) = default;
    };

    QString execId;
    QString sandboxId;
    QString command;
    QString cwd;
    QString mode; // buffered, stream, pty
    Actor actor;
    QDateTime startedAt;
    QDateTime finishedAt; // null while running
    Status status = Status::Unknown;
    QString statusText;
    std::optional<int> exitCode;
    std::optional<int> signal;
    std::optional<qint64> durationMs; // null while running
    qint64 stdoutBytes = 0; // everything the exec wrote, kept or not
    qint64 stderrBytes = 0;
    RetainedFrom retainedFrom;

    bool isRunning() const { return status == Status::Running; }
    // Exited with 0 is the only success; every other end is a failure (a timeline's "failures").
    bool isFailure() const;
    // Some output was dropped by retention: an attach starts with a gap.
    bool hasDroppedOutput() const { return retainedFrom.stdoutOffset > 0 || retainedFrom.stderrOffset > 0; }

    static Status statusFromString(const QString &text);
    static QString statusToString(Status status);
    ORKESTR_WIRE_VALUE(ExecRecord);
};

// One event of a sandbox's journal. `data` is kept whole (newer servers may add fields); the
// helpers read the fields the contract's kinds share.
struct ActivityEvent
{
    // The kinds of the contract; Unknown for a kind a newer server added (kept in `kind`).
    enum class Kind {
        Unknown,
        SandboxCreated,
        SandboxPaused,
        SandboxResumed,
        SandboxTerminated,
        SandboxFailed,
        ExecStarted,
        ExecFinished,
        FileWritten,
        FileDeleted,
        NetworkDenied,
        ProcessSignalled,
        RequestFailed,
    };

    qint64 seq = 0;
    QString id;
    QString sandboxId;
    QDateTime at;
    QString kind; // the wire text, e.g. "exec.finished"
    Actor actor;
    QJsonObject data;

    Kind knownKind() const { return kindFromString(kind); }
    // The part before the dot: "exec" for "exec.finished".
    QString family() const { return familyOf(kind); }
    // sandbox.terminated and sandbox.failed: nothing follows them, the events stream closes.
    bool endsSandbox() const;
    // What a "failures only" filter keeps: an exec that did not exit 0, a failed sandbox, a
    // termination for an error, a denied connection, a failed request.
    bool isFailure() const;

    // Typed reads of data's common fields; empty or nullopt when absent or null.
    QString execId() const { return data.value(u"exec_id").toString(); } // exec.*, network.denied
    QString command() const { return data.value(u"command").toString(); } // exec.started, process.signalled
    QString path() const { return data.value(u"path").toString(); } // file.*, request.failed (its path)
    QString cwd() const { return data.value(u"cwd").toString(); }
    QString mode() const { return data.value(u"mode").toString(); } // exec.started: buffered, stream, pty
    QStringList envKeys() const; // sandbox.created, exec.started
    ExecRecord::Status execStatus() const; // exec.finished
    std::optional<int> exitCode() const { return optionalInt(data.value(u"exit_code")); }
    // exec.finished, process.signalled
    std::optional<int> signal() const { return optionalInt(data.value(u"signal")); }
    std::optional<qint64> durationMs() const { return optionalInteger(data.value(u"duration_ms")); }
    std::optional<qint64> stdoutBytes() const { return optionalInteger(data.value(u"stdout_bytes")); }
    std::optional<qint64> stderrBytes() const { return optionalInteger(data.value(u"stderr_bytes")); }
    std::optional<qint64> size() const { return optionalInteger(data.value(u"size")); } // file.written
    QString reason() const { return data.value(u"reason").toString(); } // sandbox.terminated
    QString detail() const { return data.value(u"detail").toString(); } // sandbox.terminated, .failed
    QString host() const { return data.value(u"host").toString(); } // network.denied
    std::optional<int> port() const { return optionalInt(data.value(u"port")); }
    // request.failed's status is the HTTP status (a number); exec.finished's is text.
    std::optional<int> httpStatus() const { return optionalInt(data.value(u"status")); }
    QString errorType() const { return data.value(u"error_type").toString(); } // request.failed
    QString requestId() const { return data.value(u"request_id").toString(); } // request.failed

    static Kind kindFromString(const QString &text);
    static QString kindToString(Kind kind);
    static QString familyOf(const QString &kind);
    // Whether `kind` is matched by a filter of the events listing: a kind ("exec.started") or a
    // family ("exec.*").
    static bool kindMatches(const QString &kind, const QString &filter);
    // Every kind of the contract, in the table's order.
    static QStringList knownKinds();

    ORKESTR_WIRE_VALUE(ActivityEvent);
};

// A page of GET …/events: events in the order asked for (oldest first after after_seq, newest
// first otherwise), whether more lie beyond, and the journal's newest seq.
struct EventPage
{
    QList<ActivityEvent> events;
    bool hasMore = false;
    qint64 latestSeq = 0;

    ORKESTR_WIRE_VALUE(EventPage);
};

// A page of GET …/execs, newest first.
struct ExecPage
{
    QList<ExecRecord> execs;
    bool hasMore = false;

    ORKESTR_WIRE_VALUE(ExecPage);
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::Actor)
Q_DECLARE_METATYPE(Orkestr::EventGap)
Q_DECLARE_METATYPE(Orkestr::OutputGap)
Q_DECLARE_METATYPE(Orkestr::ExecRecord)
Q_DECLARE_METATYPE(Orkestr::ActivityEvent)
