#pragma once

#include "core/sandbox.h"
#include "core/ssestreamjob.h"

namespace Orkestr {

// A job whose response is an exec's output as Server-Sent Events (`output` events, then one
// `exit` or `error`): the decoding shared by the exec stream (ExecStreamJob) and the attach
// stream (AttachExecJob). Emits chunk() for each piece of output as it arrives, then a final
// chunk with the exit code and duration, then succeeded(). An `error` event fails the job with
// its typed error (ExecTimeout, ExecKilled, ...); a stream cut before its final event is a
// Connection error that says so. Never retried by the client: a repeat would send the output
// twice (and, for the exec stream, run the command twice).
class ExecOutputJob : public SseStreamJob
{
    Q_OBJECT
public:
    // Valid after succeeded().
    int exitCode() const { return m_exitCode; }
    qint64 durationMs() const { return m_durationMs; }
    // All output received, per stream, for callers that want it at the end too. Empty when
    // collecting is off.
    QString stdoutText() const { return m_stdout; }
    QString stderrText() const { return m_stderr; }
    int chunkCount() const { return m_chunks; }
    // Whether stdoutText() and stderrText() keep the output (the default). A caller that consumes
    // chunk() as it arrives (a terminal) turns it off, so a long stream does not grow the memory.
    void setCollectOutput(bool collect) { m_collectOutput = collect; }
    bool collectsOutput() const { return m_collectOutput; }
    // Bytes of output received (UTF-8, per stream), counted whether or not it is collected.
    qint64 stdoutBytes() const { return m_stdoutBytes; }
    qint64 stderrBytes() const { return m_stderrBytes; }

Q_SIGNALS:
    void chunk(const Orkestr::ExecChunk &chunk);

protected:
    ExecOutputJob(QByteArray method, QString path, QObject *parent);

    ApiError onResponseFinished(const QByteArray &collected) override;
    ApiError onResponseInterrupted(const ApiError &error) override;
    // An event other than output, exit and error (the attach stream's `gap`); the default skips it
    // (unknown event names are for newer servers).
    virtual ApiError handleOtherEvent(const SseEvent &event);
    // Why a stream cut before its final event matters, for the error message.
    virtual QString cutShortConsequence() const = 0;

private:
    ApiError handleEvent(const SseEvent &event) override;
    QString malformedStreamMessage() const override;
    void emitOutput(const ExecChunk &piece, qint64 utf8Bytes);
    ApiError cutShort(const QString &why) const;

    bool m_exited = false;
    int m_exitCode = 0;
    qint64 m_durationMs = 0;
    int m_chunks = 0;
    bool m_collectOutput = true;
    qint64 m_stdoutBytes = 0;
    qint64 m_stderrBytes = 0;
    QString m_stdout;
    QString m_stderr;
};

} // namespace Orkestr
