#pragma once

#include "core/activity.h"
#include "core/apierror.h"
#include "core/sandbox.h"
#include "session/ansisgr.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Orkestr {
class AttachExecJob;
class Client;
class Job;
} // namespace Orkestr

namespace OrkestrSession {

class ExportFileWriter;

// Exports a sandbox's whole activity to a file for a support ticket, read from the server page by
// page and written as it arrives (never held whole, never blocking the event loop; the file is
// written on a thread of its own and appears only when complete):
//  - Ndjson: one event per line, the server's event objects;
//  - Html: one self-contained report, the timeline and then each exec's output (from its
//    attach stream, ANSI colours kept, everything escaped). An exec still running stops at the
//    output it had when its record was read.
// Neither holds the token or env values: events carry env_keys only, and nothing else is added.
class ActivityExport : public QObject
{
    Q_OBJECT
public:
    enum class Format { Ndjson, Html };
    Q_ENUM(Format)
    enum class State { Idle, Running, Finished, Failed, Cancelled };
    Q_ENUM(State)

    // Events per request (the contract's maximum).
    static constexpr int PageSize = 1000;
    // The output written ahead of the disk at most, before reading from the network pauses.
    static constexpr qint64 MaxPendingBytes = 8 * 1024 * 1024;

    ActivityExport(Orkestr::Client *client, QString sandboxId, QObject *parent = nullptr);
    ~ActivityExport() override;

    QString sandboxId() const { return m_sandboxId; }
    void setPageSize(int size) { m_pageSize = size; }

    // Starts writing `fileName` (replaced only when the export completes).
    void start(const QString &fileName, Format format);
    // Stops; no file is left. finished(Cancelled) follows.
    void cancel();

    State state() const { return m_state; }
    // After Failed: the request's error (with its request id), or the file's as `message`.
    const Orkestr::ApiError &error() const { return m_error; }
    QString errorText() const;
    qint64 eventsWritten() const { return m_events; }
    int execsWritten() const { return m_execsDone; }

Q_SIGNALS:
    // Steps done of all known so far: events, then (HTML) execs. `total` grows once it is known.
    void progress(qint64 done, qint64 total);
    void finished(OrkestrSession::ActivityExport::State state);

private:
    void fetchEvents();
    void writeEvents(const QList<Orkestr::ActivityEvent> &events);
    void nextExec();
    void attachExec(const Orkestr::ExecRecord &record);
    void onOutput(const Orkestr::ExecChunk &chunk);
    void endExec(const QString &ending);
    void complete();
    void fail(const Orkestr::ApiError &error, const QString &fileMessage = {});
    void finish(State state);
    void write(const QByteArray &bytes);
    void emitProgress();

    Orkestr::Client *m_client;
    QString m_sandboxId;
    int m_pageSize = PageSize;
    Format m_format = Format::Ndjson;
    State m_state = State::Idle;
    Orkestr::ApiError m_error;
    QString m_fileError;
    ExportFileWriter *m_writer = nullptr;
    QPointer<Orkestr::Job> m_job;

    qint64 m_afterSeq = 0;
    qint64 m_latestSeq = 0;
    qint64 m_events = 0;
    QStringList m_execIds; // in the order they started
    QHash<QString, QString> m_commands;
    QHash<QString, QStringList> m_envKeys;
    int m_execsDone = 0;

    // The exec being written.
    struct Attach
    {
        AnsiSgrParser parsers[2];
        qint64 reached[2] = {0, 0}; // the offset reached per stream
        qint64 until[2] = {-1, -1}; // a running exec's byte counts when its record was read
        bool stoppedEarly = false;
    };
    Attach m_attach;
};

} // namespace OrkestrSession
